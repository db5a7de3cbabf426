"""Check every row of a tracker on its own: required cells, real dates, known words, dates in order."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain.review import code_from_name
from domain.statuses import WITHDRAWN
from monitoring.trackers.importing import cells
from monitoring.trackers.importing.problems import Problem
from monitoring.trackers.importing.reading import Sheet


@dataclass
class TrackerRow:
    """One action as the tracker gives it. `ok` is False when any of its cells has a problem."""

    row: int
    board: str = ""
    review: str = ""
    review_code: str = ""
    review_type: str | None = None
    recommendation_no: int | None = None
    recommendation: str = ""
    priority: bool | None = None
    agency: str = ""
    action: str = ""
    lead: str = ""
    success_measure: str = ""
    target_date: date | None = None
    status: str = "not_started"
    status_date: date | None = None
    status_date_given: bool = False
    agreed_date: date | None = None
    notes: str = ""
    evidence: str = ""
    themes: list[str] = field(default_factory=list)
    ok: bool = True

    @property
    def groups(self) -> bool:
        """Enough is known to place the row under its review and recommendation."""
        return bool(self.board and self.review_code and self.recommendation_no)


class RowReader:
    """Turns one sheet row into a TrackerRow, noting every problem on the way."""

    def __init__(self, sheet: Sheet, *, board: str | None, on: date, today: date, problems: list[Problem]):
        self.sheet, self.board, self.on, self.today, self.problems = sheet, board, on, today, problems

    def read(self, number: int, values: tuple) -> TrackerRow:
        row = TrackerRow(number)
        self.values, self.row, self.unreadable = values, row, set()
        for column in ("board", "review", "recommendation", "agency", "action", "lead", "success_measure", "notes", "evidence"):
            setattr(row, column, cells.text(self._raw(column)))
        row.board = self._board(row.board)
        row.review_code = self._parse("review_code", lambda v: _code(cells.text(v))) or code_from_name(row.review)
        row.review_type = self._parse("review_type", cells.parse_review_type)
        row.recommendation_no = self._parse("recommendation_no", cells.parse_number)
        row.priority = self._parse("priority", cells.parse_yes_no)
        row.status = self._parse("status", cells.parse_status) or row.status
        row.themes = cells.parse_themes(self._raw("themes"))
        row.target_date = self._parse("target_date", cells.parse_date)
        row.agreed_date = self._parse("agreed_date", cells.parse_date) or self._default("agreed_date", self.on)
        row.status_date = self._parse("status_date", cells.parse_date)
        row.status_date_given = row.status_date is not None
        row.status_date = row.status_date or self._default("status_date", row.agreed_date)
        self._check_required()
        self._check_dates()
        if row.status == WITHDRAWN and not row.notes:
            self._problem("notes", "a withdrawn action needs the reason in notes")
        return row

    def _raw(self, column: str):
        return self.sheet.cell(self.values, column)

    def _parse(self, column: str, parse):
        try:
            return parse(self._raw(column))
        except cells.CellError as error:
            self._problem(column, str(error))
            self.unreadable.add(column)
            return None

    def _default(self, column: str, value):
        """A blank cell takes its default; an unreadable one stays unknown, so no second problem follows from it."""
        return None if column in self.unreadable else value

    def _problem(self, column: str, reason: str) -> None:
        self.row.ok = False
        self.problems.append(Problem(self.row.row, column, reason))

    def _board(self, named: str) -> str:
        if named and self.board and named.lower() != self.board.lower():
            self._problem("board", f"{named!r} differs from --board {self.board!r}")
        return named or self.board or ""

    def _check_required(self) -> None:
        row = self.row
        if not row.board:
            self._problem("board", "is blank and no --board was given")
        for column in ("review", "agency", "action", "recommendation_no", "target_date"):
            # A missing column is one header problem, not one problem per row.
            if column in self.sheet.columns and not cells.text(self._raw(column)):
                self._problem(column, "is required but blank")

    def _check_dates(self) -> None:
        row = self.row
        for column in ("agreed_date", "status_date"):
            value = getattr(row, column)
            if value and value > self.today:
                self._problem(column, f"{value.isoformat()} is in the future (today is {self.today.isoformat()})")
        if row.status_date_given and row.agreed_date and row.status_date < row.agreed_date:
            self._problem("status_date", f"{row.status_date.isoformat()} is before the action was agreed on {row.agreed_date.isoformat()}")
        if row.target_date and row.agreed_date and row.target_date < row.agreed_date:
            hint = "" if self.sheet.columns.get("agreed_date") is not None else " (give an agreed_date column or --on)"
            self._problem("target_date", f"{row.target_date.isoformat()} is before the action was agreed on {row.agreed_date.isoformat()}{hint}")


def _code(text: str) -> str:
    if text and not all(ch.isalnum() or ch in "-_" for ch in text):
        raise cells.CellError(f"{text!r} may contain only letters, digits, '-' and '_'")
    return text.lower()


def read_rows(sheet: Sheet, *, board: str | None, on: date, today: date, progress=lambda n: None) -> tuple[list[TrackerRow], list[Problem]]:
    problems = list(sheet.problems)
    reader = RowReader(sheet, board=board, on=on, today=today, problems=problems)
    rows = []
    for number, values in sheet.rows:
        rows.append(reader.read(number, values))
        progress(1)
    return rows, problems
