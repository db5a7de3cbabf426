"""CSV and text trackers as Excel and LibreOffice save them: UTF-8 with or without a byte-order mark, Windows-1252,
or UTF-16 with tabs (Excel's "Unicode text"); comma, semicolon or tab between cells.

A cell the product neutralised on export (`'=...`, OWASP's rule for CSV injection) is read back as typed.
"""
from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from monitoring.trackers.importing import limits

DELIMITERS = (",", "\t", ";")
NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # Excel's "CSV" (not "CSV UTF-8") is Windows-1252 on UK machines
        return data.decode("cp1252", errors="replace")


def csv_rows(path: Path, looks_like_header) -> list[list[str]]:
    """Every row, with the delimiter that makes one of the first rows a header (else a comma)."""
    limits.check_file_size(path)
    content = decode(path.read_bytes())
    rows = []
    try:
        # Row by row, so a file past the limits is refused before its cells fill the memory.
        for row in csv.reader(io.StringIO(content, newline=""), delimiter=_delimiter(content, looks_like_header)):
            limits.check_rows(path, len(rows) + 1)
            limits.check_columns(path, len(row))
            rows.append([restore(cell) for cell in row])
    except csv.Error as error:
        raise limits.refuse(path, f"cannot be read as CSV ({error})") from None
    return rows


def restore(cell: str) -> str:
    """`'=HYPERLINK(...)` as exported -> `=HYPERLINK(...)` as typed."""
    return cell[1:] if cell.startswith(NEUTRALISED) else cell


def _delimiter(content: str, looks_like_header) -> str:
    head = "\n".join(content.splitlines()[:20])
    for delimiter in DELIMITERS:
        try:
            if any(looks_like_header(row) for row in _parse(head, delimiter)):
                return delimiter
        except csv.Error:
            continue
    return ","


def _parse(content: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
