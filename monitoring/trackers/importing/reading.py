"""Open a tracker (CSV or text, .xlsx, .xlsm, .xls, .ods) and find its header row; cells come back as they are.

Rows above the header (a title) and blank rows are skipped with a note; a merged cell's value belongs to every row
it spans; hidden columns are read like the others.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from monitoring.trackers.importing import limits
from monitoring.trackers.importing.csv_files import csv_rows
from monitoring.trackers.importing.headers import COLUMNS, REQUIRED, Header, looks_like_header, map_header
from monitoring.trackers.importing.problems import FileUnreadable, Problem
from monitoring.trackers.importing.spreadsheets import Workbook

HEADER_SEARCH_ROWS = 20  # title rows above the header ("North Shire SCR tracker, March 2025") are common
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
JOINED = "; "  # several columns for one field (a "Progress update" and "Key milestones"), one text


@dataclass
class Sheet:
    """The rows under the header, each with the row number a person sees in the spreadsheet."""

    name: str
    header_row: int
    header: Header
    rows: list[tuple[int, tuple]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def columns(self) -> dict[str, int]:
        return self.header.columns

    def label(self, column: str) -> str:
        """The file's own header for a field (`'Target date for completion'`), for every message a person reads."""
        if column in self.header.names:
            return repr(self.header.names[column])
        return column.replace("_", " ") if column in COLUMNS else column

    def fill_merged(self, ranges) -> None:
        """A merged cell's value belongs to every row it spans, as a person reading the sheet sees it."""
        by_number = {number: index for index, (number, _) in enumerate(self.rows)}
        for min_col, min_row, max_col, max_row in ranges:
            top = self.rows[by_number[min_row]][1] if min_row in by_number else ()
            if min_row <= self.header_row or len(top) < min_col:
                continue
            value = top[min_col - 1]
            for number in range(min_row + 1, max_row + 1):
                if number in by_number:
                    index = by_number[number]
                    cells = list(self.rows[index][1])
                    cells += [None] * (max_col - len(cells))
                    cells[min_col - 1:max_col] = [value] * (max_col - min_col + 1)
                    self.rows[index] = (number, tuple(cells))

    def cell(self, values: tuple, column: str):
        index = self.header.columns.get(column)
        if index is None:
            return None  # a column the file does not have (a further column of a field always follows its first)
        value = values[index] if index < len(values) else None
        extra = self.header.extra.get(column)
        if not extra:
            return value
        more = [values[i] for i in extra if i < len(values) and _filled(values[i])]
        if more:
            return JOINED.join(str(v).strip() for v in ([value] if _filled(value) else []) + more)
        return value


def read_tracker(path: str | Path, sheet: str | None = None) -> Sheet:
    path = Path(path)
    if not path.is_file():
        raise FileUnreadable(Problem(0, "file", f"{str(path)!r} does not exist or is not a file"))
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _sheet(path.name, enumerate(csv_rows(path, looks_like_header), start=1))
    if suffix in WORKBOOK_SUFFIXES:
        return _workbook(path, sheet)
    hint = " (save it as .xlsx, .ods or .csv)" if suffix in (".numbers", ".xlsb", ".fods") else ""
    raise FileUnreadable(Problem(0, "file", f"{path.name} is not a .csv, .xlsx, .xlsm, .xls or .ods file{hint}"))


def _workbook(path: Path, wanted: str | None) -> Sheet:
    limits.check_file_size(path)
    if path.suffix.lower() != ".xls":
        limits.check_archive(path)
    workbook = Workbook(path)
    try:
        if wanted is not None and wanted not in workbook.sheet_names:
            names = ", ".join(repr(n) for n in workbook.sheet_names)
            raise FileUnreadable(Problem(0, "sheet", f"{path.name} has no sheet {wanted!r} (it has {names})"))
        for title in [wanted] if wanted is not None else workbook.visible_sheet_names():
            sheet = _sheet(f"{path.name} sheet {title!r}", enumerate(workbook.rows(title), start=1), raise_if_none=wanted is not None)
            if sheet is not None:
                sheet.fill_merged(workbook.merged(title))
                return sheet
    finally:
        workbook.close()
    raise FileUnreadable(Problem(0, "sheet", f"no sheet of {path.name} has a header row ({_expected()})"))


def _sheet(name: str, numbered_rows, raise_if_none: bool = True) -> Sheet | None:
    numbered_rows = iter(numbered_rows)
    titles = []
    for number, values in numbered_rows:
        if number > HEADER_SEARCH_ROWS:
            break
        if looks_like_header(values):
            header, problems = map_header(list(values), number)
            sheet = Sheet(name, number, header, problems=problems)
            sheet.notes += [Problem(0, "header", note) for note in header.ignored]
            if titles:
                sheet.notes.append(Problem(0, "rows", f"{_numbers(titles)} above the header skipped (a title)"))
            blank = []
            for n, v in numbered_rows:
                if any(_filled(c) for c in v):
                    sheet.rows.append((n, tuple(v)))
                else:
                    blank.append(n)
            while blank and (not sheet.rows or blank[-1] > sheet.rows[-1][0]):
                blank.pop()  # the empty rows below the last one are not a person's blank rows
            if blank:
                sheet.notes.append(Problem(0, "rows", f"blank {_numbers(blank)} skipped"))
            return sheet
        if any(_filled(c) for c in values):
            titles.append(number)
    if raise_if_none:
        raise FileUnreadable(Problem(0, "sheet", f"{name} has no header row in its first {HEADER_SEARCH_ROWS} rows ({_expected()})"))
    return None


def _numbers(rows: list[int]) -> str:
    shown = ", ".join(map(str, rows[:10])) + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")
    return f"row{'s' if len(rows) > 1 else ''} {shown}"


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def _expected() -> str:
    return "expected columns named " + ", ".join(REQUIRED)
