"""The kind of a document is decided from its bytes: real files of every kind pass; disguised, dangerous,
empty and oversize ones are refused with one line naming the file and the reason."""
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest

from domain.errors import DomainError
from domain.evidence import classify, clean_name, download_name, KINDS
from tests.evidence import files

needs_office = pytest.mark.skipif(files.SOFFICE is None, reason="LibreOffice (soffice) is not installed")


@pytest.mark.parametrize("name, make, kind", [
    ("register.xlsx", files.xlsx, "xlsx"),
    ("policy.docx", files.docx_file, "docx"),
    ("minutes.odt", files.odt, "odt"),
    ("register.ods", files.ods, "ods"),
    ("chart.png", files.png, "png"),
    ("audit.csv", lambda: files.CSV, "csv"),
    ("notes.txt", lambda: files.TEXT, "txt"),
])
def test_real_files_of_each_kind_are_recognised(name, make, kind):
    assert classify(name, make()).name == kind


@needs_office
def test_a_pdf_made_by_libreoffice_and_a_jpeg_made_from_it_are_recognised(tmp_path):
    assert classify("audit.pdf", files.pdf(tmp_path)).name == "pdf"
    assert classify("scan.jpg", files.jpeg(tmp_path)).name == "jpeg"


def test_the_name_does_not_decide_the_kind():
    assert classify("register.pdf", files.xlsx()).name == "xlsx"  # a workbook misnamed is still a workbook
    assert download_name("register.pdf", KINDS["xlsx"]) == "register.pdf.xlsx"  # and downloads as one


@pytest.mark.parametrize("name, data, reason", [
    ("audit.pdf", files.HTML_AS_PDF, "is HTML or other markup"),
    ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "is HTML or other markup"),
    ("register.xlsx", files.macro_workbook_named_xlsx(), "contains macros"),
    ("empty.txt", b"", "is empty"),
    ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)), "is not a PDF, Word"),
    ("bundle.zip", None, "is a ZIP archive, not a document"),
])
def test_disguised_dangerous_and_empty_files_are_refused_naming_the_file(name, data, reason):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("a.txt", "hello")
        data = buffer.getvalue()
    with pytest.raises(DomainError) as refused:
        classify(name, data)
    assert refused.value.field == name and reason in refused.value.reason


def test_a_zip_bomb_shaped_like_a_word_file_is_refused():
    with pytest.raises(DomainError, match="out of all proportion"):
        classify("policy.docx", files.zip_bomb())


def test_a_file_over_the_limit_is_refused_with_both_sizes():
    with pytest.raises(DomainError) as refused:
        classify("big.txt", b"a" * 3_000_000, limit=2 * 1024 * 1024)
    assert refused.value.reason == "is 2.9 MB, over the limit of 2 MB"


@needs_office
def test_a_legacy_excel_file_is_refused_with_what_to_do_instead(tmp_path):
    legacy = files.convert(files.xlsx(), "register.xlsx", "xls", tmp_path)
    with pytest.raises(DomainError, match=r"save it as \.docx, \.xlsx or PDF"):
        classify("register.xls", legacy)


@pytest.mark.skipif(shutil.which("qpdf") is None or files.SOFFICE is None, reason="qpdf and LibreOffice needed")
def test_an_encrypted_pdf_is_refused(tmp_path):
    (tmp_path / "plain.pdf").write_bytes(files.pdf(tmp_path))
    subprocess.run(["qpdf", "--encrypt", "user", "owner", "256", "--", str(tmp_path / "plain.pdf"), str(tmp_path / "locked.pdf")],
                   check=True, timeout=60)
    with pytest.raises(DomainError, match="encrypted PDF"):
        classify("locked.pdf", (tmp_path / "locked.pdf").read_bytes())


@pytest.mark.parametrize("raw, cleaned", [
    ("C:\\Users\\lead\\Desktop\\audit report.pdf", "audit report.pdf"),
    ("../../etc/passwd", "passwd"),
    ("minutes\x00\x07.odt", "minutes.odt"),
    ("  .hidden.txt ", "hidden.txt"),
    ("", "document"),
])
def test_names_are_cleaned_of_folders_and_control_characters(raw, cleaned):
    assert clean_name(raw) == cleaned


def test_an_office_file_whose_inspected_part_is_damaged_is_refused_in_one_line():
    data = bytearray(files.docx_file())
    start = data.index(b"[Content_Types].xml") + len(b"[Content_Types].xml")  # the first local header's name, then its bytes
    data[start + 20] ^= 0xFF
    with pytest.raises(DomainError, match="is a damaged ZIP or office file"):
        classify("policy.docx", bytes(data))


def test_binary_data_without_a_nul_byte_is_not_taken_for_text():
    blob = bytes(b for b in range(1, 256) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)) * 50
    with pytest.raises(DomainError, match="holds binary data, not text"):
        classify("scan.txt", blob)
