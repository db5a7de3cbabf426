"""Real files of every kind, made by the tests themselves (openpyxl, python-docx, odfpy, LibreOffice, poppler)."""
from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import docx
import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.table import Table, TableCell, TableRow
from odf.text import P

SOFFICE = shutil.which("soffice")


def xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Officer", "Trained on"])
    book.active.append(["PC 101", "2025-01-10"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx_file(text: str = "Revised safeguarding supervision policy") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt() -> bytes:
    document = OpenDocumentText()
    document.text.addElement(P(text="Minutes of the learning sub-group"))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def ods() -> bytes:
    document = OpenDocumentSpreadsheet()
    table = Table(name="Register")
    row = TableRow()
    cell = TableCell()
    cell.addElement(P(text="Attendance"))
    row.addElement(cell)
    table.addElement(row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def png(width: int = 4, height: int = 4) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def convert(data: bytes, name: str, to: str, tmp: Path) -> bytes:
    """LibreOffice, headless, with a throwaway profile so parallel runs do not collide."""
    source = tmp / name
    source.write_bytes(data)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp}/lo-{os.getpid()}", "--convert-to", to,
                    "--outdir", str(tmp), str(source)], check=True, capture_output=True, timeout=120)
    return (tmp / (source.stem + "." + to.split(":")[0])).read_bytes()


def pdf(tmp: Path) -> bytes:
    return convert(docx_file("Audit of 20 case files"), "audit.docx", "pdf", tmp)


def jpeg(tmp: Path) -> bytes:
    (tmp / "page.pdf").write_bytes(pdf(tmp))
    subprocess.run(["pdftoppm", "-jpeg", "-r", "20", "-singlefile", str(tmp / "page.pdf"), str(tmp / "page")], check=True, timeout=60)
    return (tmp / "page.jpg").read_bytes()


def macro_workbook_named_xlsx() -> bytes:
    """What Excel saves as .xlsm (a VBA project, the macro-enabled content type), renamed .xlsx."""
    source = zipfile.ZipFile(io.BytesIO(xlsx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml".replace(b"sheet.", b"ms-excel.sheet.", 1))
            out.writestr(item, data)
        out.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 512)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A .docx-shaped archive whose one part unpacks to 300 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        with out.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"\x00" * (1024 * 1024)
            for _ in range(300):
                part.write(block)
    return buffer.getvalue()


HTML_AS_PDF = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script>Audit</body></html>"
CSV = b"agency,audited,compliant\r\nPolice,20,17\r\nEducation,12,12\r\n"
TEXT = "Case file audit: 17 of 20 records show the child's own words.\n".encode()
