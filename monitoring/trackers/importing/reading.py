"""Open a tracker (CSV as Excel saves it, or XLSX) and find its header row; cells come back as they are."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from monitoring.trackers.importing.headers import REQUIRED, looks_like_header, map_header
from monitoring.trackers.importing.problems import FileUnreadable, Problem

HEADER_SEARCH_ROWS = 20  # title rows above the header ("North Shire SCR tracker, March 2025") are common


@dataclass
class Sheet:
    """The rows under the header, each with the row number a person sees in Excel."""

    name: str
    header_row: int
    columns: dict[str, int]
    rows: list[tuple[int, tuple]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

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
        index = self.columns.get(column)
        return values[index] if index is not None and index < len(values) else None


def read_tracker(path: str | Path, sheet: str | None = None) -> Sheet:
    path = Path(path)
    if not path.is_file():
        raise FileUnreadable(Problem(0, "file", f"{str(path)!r} does not exist or is not a file"))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _sheet(path.name, enumerate(_csv_rows(path), start=1))
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, sheet)
    hint = " (save it from Excel as .xlsx or .csv)" if suffix in (".xls", ".ods", ".numbers") else ""
    raise FileUnreadable(Problem(0, "file", f"{path.name} is not a .csv or .xlsx file{hint}"))


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel's "CSV" (not "CSV UTF-8") is Windows-1252 on UK machines
        content = data.decode("cp1252", errors="replace")
    try:
        return list(csv.reader(io.StringIO(content, newline="")))
    except csv.Error as error:
        raise FileUnreadable(Problem(0, "file", f"{path.name} cannot be read as CSV ({error})")) from None


def _xlsx(path: Path, wanted: str | None) -> Sheet:
    from monitoring.trackers.importing.xlsx import Workbook

    try:
        workbook = Workbook(path)
    except Exception as error:  # a zip that is not a workbook, a password-protected file, a truncated copy...
        raise FileUnreadable(Problem(0, "file", f"{path.name} cannot be read as an XLSX workbook ({_reason(error)})")) from None
    try:
        if wanted is not None and wanted not in workbook.sheetnames:
            names = ", ".join(repr(n) for n in workbook.sheetnames)
            raise FileUnreadable(Problem(0, "sheet", f"{path.name} has no sheet {wanted!r} (it has {names})"))
        for title, part in workbook.sheets:
            if wanted is not None and title != wanted:
                continue
            sheet = _sheet(f"{path.name} sheet {title!r}", workbook.rows(part), raise_if_none=wanted is not None)
            if sheet is not None:
                sheet.fill_merged(workbook.merged)
                return sheet
    except FileUnreadable:
        raise
    except Exception as error:  # damaged XML inside the zip
        raise FileUnreadable(Problem(0, "file", f"{path.name} cannot be read as an XLSX workbook ({_reason(error)})")) from None
    finally:
        workbook.close()
    raise FileUnreadable(Problem(0, "sheet", f"no sheet of {path.name} has a header row ({_expected()})"))


def _reason(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _sheet(name: str, numbered_rows, raise_if_none: bool = True) -> Sheet | None:
    for number, values in numbered_rows:
        if number > HEADER_SEARCH_ROWS:
            break
        if looks_like_header(values):
            columns, problems = map_header(list(values), number)
            sheet = Sheet(name, number, columns, problems=problems)
            sheet.rows = [(n, tuple(v)) for n, v in numbered_rows if any(_filled(c) for c in v)]
            return sheet
    if raise_if_none:
        raise FileUnreadable(Problem(0, "sheet", f"{name} has no header row in its first {HEADER_SEARCH_ROWS} rows ({_expected()})"))
    return None


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def _expected() -> str:
    return "expected columns named " + ", ".join(REQUIRED)
