"""Workbooks (.xlsx, .xlsm, .xls, .ods) read through python-calamine: sheet names, cell values with real date cells
as dates, and merged areas. Password-protected files are recognised and refused in one line.

Why calamine: a well-kept Rust reader of all four formats, four times faster than the streaming XLSX reader it
replaced (10,000 rows: 0.18 s against 0.72 s here). It does not report an ODS file's merged areas, so those are
read from the file's content.xml with the standard library's streaming parser (`ods_merged`).
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import iterparse

import python_calamine

from monitoring.trackers.importing import limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an .xls, or an encrypted .xlsx/.xlsm
ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
PASSWORD = "is password-protected; remove the password (File > Properties, or Save As without one) and import it again"


class Workbook:
    """One open workbook; `sheet(name)` gives its rows and merged areas."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sheets: dict = {}  # calamine reads a whole sheet on each get_sheet_by_name: once for rows and merged areas
        _refuse_encrypted(path)
        try:
            self.book = python_calamine.CalamineWorkbook.from_path(str(path))
        except python_calamine.PasswordError:
            raise limits.refuse(path, PASSWORD) from None
        except Exception as error:  # calamine's errors, a damaged or truncated file
            raise limits.refuse(path, f"cannot be read as an {path.suffix.lstrip('.').upper()} workbook ({_reason(error)})") from None

    @property
    def sheet_names(self) -> list[str]:
        return list(self.book.sheet_names)

    def visible_sheet_names(self) -> list[str]:
        return [m.name for m in self.book.sheets_metadata if m.visible == python_calamine.SheetVisibleEnum.Visible]

    def rows(self, name: str) -> list[list]:
        """Every row from A1 down (row n of the sheet is rows[n - 1]), refusing a sheet past the row limit."""
        try:
            sheet = self._sheet(name)
            limits.check_rows(self.path, sheet.total_height)
            limits.check_columns(self.path, sheet.total_width)
            return sheet.to_python(skip_empty_area=False)
        except limits.FileUnreadable:
            raise
        except Exception as error:
            raise limits.refuse(self.path, f"cannot be read: sheet {name!r} is damaged ({_reason(error)})") from None

    def merged(self, name: str) -> list[tuple[int, int, int, int]]:
        """Merged areas as (first column, first row, last column, last row), 1-based, as a person counts them."""
        ranges = self._sheet(name).merged_cell_ranges
        if ranges is None and self.path.suffix.lower() == ".ods":
            return ods_merged(self.path, name)
        return [(c0 + 1, r0 + 1, c1 + 1, r1 + 1) for (r0, c0), (r1, c1) in ranges or []]

    def _sheet(self, name: str):
        if name not in self.sheets:
            self.sheets[name] = self.book.get_sheet_by_name(name)
        return self.sheets[name]

    def close(self) -> None:
        self.sheets.clear()
        self.book.close()


def _refuse_encrypted(path: Path) -> None:
    with open(path, "rb") as handle:
        start = handle.read(8)
        if start == OLE_MAGIC and path.suffix.lower() in (".xlsx", ".xlsm") and ENCRYPTED_OOXML in handle.read(1 << 20):
            raise limits.refuse(path, PASSWORD)
    if path.suffix.lower() == ".ods" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            if "META-INF/manifest.xml" in archive.namelist():
                with archive.open("META-INF/manifest.xml") as manifest:
                    if b"encryption-data" in manifest.read(limits.MAX_FILE_BYTES):
                        raise limits.refuse(path, PASSWORD)


def ods_merged(path: Path, wanted: str) -> list[tuple[int, int, int, int]]:
    """The spans of one ODS sheet's merged cells (`number-rows-spanned`, `number-columns-spanned`), 1-based; the
    file is not parsed when no cell of it spans others (one never merged: most of the big ones)."""
    table, row_tag, cell_tag = f"{{{TABLE}}}table", f"{{{TABLE}}}table-row", (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell")
    name_attr, rows_rep, cols_rep = f"{{{TABLE}}}name", f"{{{TABLE}}}number-rows-repeated", f"{{{TABLE}}}number-columns-repeated"
    rows_span, cols_span = f"{{{TABLE}}}number-rows-spanned", f"{{{TABLE}}}number-columns-spanned"
    found, inside, row, col = [], False, 0, 0
    with zipfile.ZipFile(path) as archive:
        if not _spans_anywhere(archive):
            return []
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as source:
        for event, element in iterparse(source, events=("start", "end")):
            if element.tag == table:
                if event == "start":
                    inside, row = element.get(name_attr) == wanted, 0
                elif inside:
                    break
            elif not inside:
                if event == "end":
                    element.clear()
            elif element.tag == row_tag:
                if event == "start":
                    col = 0
                else:
                    row += int(element.get(rows_rep, 1))
                    element.clear()
            elif element.tag in cell_tag and event == "start":
                across, down = int(element.get(cols_span, 1)), int(element.get(rows_span, 1))
                if across > 1 or down > 1:
                    found.append((col + 1, row + 1, col + across, row + down))
                col += int(element.get(cols_rep, 1))
    return found


def _spans_anywhere(archive: zipfile.ZipFile) -> bool:
    tail = b""
    with archive.open("content.xml") as source:
        while chunk := source.read(1 << 20):
            if SPANNED in tail + chunk:
                return True
            tail = chunk[-len(SPANNED):]
    return False


SPANNED = b"-spanned"  # number-rows-spanned, number-columns-spanned: a merged cell


def _reason(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:200]
