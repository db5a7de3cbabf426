"""A lean XLSX reader: sheet names, cell values (real date cells as datetimes) and merged areas.

openpyxl's read-only mode builds an object per cell and per shared string; a 10,000-row tracker took most of the
import's time there. This reads the same parts of the file with the standard library's streaming XML parser.
"""
from __future__ import annotations

import posixpath
import zipfile
from xml.etree.ElementTree import iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
STRICT_REL = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _column(ref: str) -> int:
    """`AB12` -> 27 (0-based column index)."""
    index = 0
    for ch in ref:
        if not ch.isalpha():
            break
        index = index * 26 + ord(ch.upper()) - 64
    return index - 1


class Workbook:
    def __init__(self, path) -> None:
        self.zip = zipfile.ZipFile(path)
        self.sheets = self._sheets()  # [(name, part path)] in tab order
        self.strings = self._shared_strings()
        self.date_styles = self._date_styles()

    def close(self) -> None:
        self.zip.close()

    @property
    def sheetnames(self) -> list[str]:
        return [name for name, _ in self.sheets]

    def _elements(self, part: str):
        with self.zip.open(part) as source:
            for _, element in iterparse(source):
                yield element

    def _sheets(self) -> list[tuple[str, str]]:
        targets = {}
        for element in self._elements("xl/_rels/workbook.xml.rels"):
            if _local(element.tag) == "Relationship":
                target = element.get("Target", "")
                targets[element.get("Id")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        sheets, self.epoch = [], CALENDAR_WINDOWS_1900
        for element in self._elements("xl/workbook.xml"):
            name = _local(element.tag)
            if name == "sheet":
                sheets.append((element.get("name"), targets.get(element.get(REL) or element.get(STRICT_REL))))
            elif name == "workbookPr" and element.get("date1904") in ("1", "true"):
                self.epoch = CALENDAR_MAC_1904
        return sheets

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.zip.namelist():
            return []
        strings = []
        for element in self._elements("xl/sharedStrings.xml"):
            if _local(element.tag) == "si":
                strings.append(_text_of(element))
                element.clear()
        return strings

    def _date_styles(self) -> set[int]:
        if "xl/styles.xml" not in self.zip.namelist():
            return set()
        custom, formats, in_cell_xfs = {}, [], False
        with self.zip.open("xl/styles.xml") as source:
            for event, element in iterparse(source, events=("start", "end")):
                name = _local(element.tag)
                if name == "cellXfs":
                    in_cell_xfs = event == "start"
                elif event == "end" and name == "numFmt":
                    custom[int(element.get("numFmtId"))] = element.get("formatCode", "")
                elif event == "end" and name == "xf" and in_cell_xfs:
                    formats.append(int(element.get("numFmtId", 0)))
        return {i for i, f in enumerate(formats) if is_date_format(custom.get(f) or BUILTIN_FORMATS.get(f, ""))}

    def rows(self, part: str):
        """(row number, tuple of values) for each row present in the sheet; then `self.merged` is filled."""
        self.merged = []
        with self.zip.open(part) as source:
            row_tag = merge_tag = None
            number = 0
            for _, element in iterparse(source):
                if row_tag is None:  # every element of the sheet shares the first one's namespace
                    tag = element.tag
                    ns = tag[: tag.index("}") + 1] if tag.startswith("{") else ""
                    self._tags, row_tag, merge_tag = (ns + "v", ns + "is"), ns + "row", ns + "mergeCell"
                if element.tag == row_tag:
                    number = int(element.get("r") or number + 1)  # some writers leave row numbers out
                    yield number, self._row(element)
                    element.clear()
                elif element.tag == merge_tag:
                    self.merged.append(range_boundaries(element.get("ref")))

    def _row(self, row) -> tuple:
        values: dict[int, object] = {}
        position = 0
        for cell in row:
            ref = cell.get("r")
            position = _column(ref) if ref else position
            values[position] = self._value(cell)
            position += 1
        width = max(values, default=-1) + 1
        return tuple(values.get(i) for i in range(width))

    def _value(self, cell):
        kind = cell.get("t", "n")
        v_tag, is_tag = self._tags
        if kind == "inlineStr":
            inline = cell.find(is_tag)
            return None if inline is None else _text_of(inline)
        raw = cell.findtext(v_tag)
        if raw is None:
            return None
        if kind == "s":
            return self.strings[int(raw)]
        if kind in ("str", "e", "d"):
            return raw
        if kind == "b":
            return raw == "1"
        number = float(raw) if any(c in raw for c in ".eE") else int(raw)
        if self.date_styles and int(cell.get("s", 0)) in self.date_styles:
            return from_excel(number, self.epoch)
        return number


def _text_of(si) -> str:
    """Plain or rich text (several runs); phonetic guides (rPh) are not part of the text."""
    parts = []
    for child in si:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)
