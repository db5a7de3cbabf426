"""Check every row of a tracker on its own: required cells, real dates, known words, dates in order.

Every problem names the column as the file heads it (`Sheet.label`); totals and summary rows are skipped with a note.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date

from domain.names import tidy
from domain.review import code_from_name
from domain.statuses import COMPLETED, SIGNED_OFF, WITHDRAWN
from domain.text import NOTE, without_controls
from monitoring.trackers.importing import cells
from monitoring.trackers.importing.impact import COLUMNS as IMPACT_COLUMNS, read_impact
from monitoring.trackers.importing.problems import Problem
from monitoring.trackers.importing.reading import Sheet

SUMMARY_WORDS = ("total", "summary")


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
    action_no: int | None = None  # from the reference (CODE/Rn/An) when the file has one
    lead: str = ""
    success_measure: str = ""
    target_date: date | None = None
    status: str = "not_started"
    status_date: date | None = None
    status_date_given: bool = False
    agreed_date: date | None = None
    agreed_given: bool = False  # False: taken from the dates of its review's rows (agree_undated)
    notes: str = ""
    evidence: str = ""
    themes: list[str] = field(default_factory=list)
    impact: dict = field(default_factory=dict)  # assurance and impact cells (importing/impact.py)
    ok: bool = True

    @property
    def groups(self) -> bool:
        """Enough is known to place the row under its review and recommendation."""
        return bool(self.board and self.review_code and self.recommendation_no)

    @property
    def reference(self) -> str:
        return f"{self.review_code}/R{self.recommendation_no}/A{self.action_no}" if self.action_no else ""


@dataclass(frozen=True)
class Reading:
    """How to read the rows: the board for rows that name none, the tracker's date, and the user's choices."""

    board: str | None
    on: date
    today: date
    status_from_rag: bool = False


class RowReader:
    """Turns one sheet row into a TrackerRow, noting every problem on the way."""

    def __init__(self, sheet: Sheet, reading: Reading, problems: list[Problem], notes: list[Problem]):
        self.sheet, self.reading, self.problems, self.notes = sheet, reading, problems, notes
        self.board = tidy(reading.board) if reading.board else None
        self.status_column = "status" if "status" in sheet.columns else ("rag" if reading.status_from_rag else None)
        self.undated: list[int] = []
        # Once per sheet, not per row: whether it has impact columns at all; names, as the few distinct ones recur.
        self.has_impact = any(column in sheet.columns for column in IMPACT_COLUMNS)
        self.tidy, self.code_from_name = functools.cache(tidy), functools.cache(code_from_name)  # for this import

    def read(self, number: int, values: tuple) -> TrackerRow:
        row = TrackerRow(number)
        self.values, self.row, self.unreadable = self._clean(number, values), row, set()
        for column in ("board", "review", "recommendation", "agency", "action", "lead", "success_measure", "notes", "evidence"):
            setattr(row, column, cells.text(self._raw(column)))
        row.board, row.review, row.agency = self._board(self.tidy(row.board)), self.tidy(row.review), self.tidy(row.agency)
        row.review_code = self._parse("review_code", _review_code) or self.code_from_name(row.review)
        row.review_type = self._parse("review_type", cells.parse_review_type)
        row.recommendation_no = self._parse("recommendation_no", cells.parse_number)
        self._reference()
        row.priority = self._parse("priority", cells.parse_yes_no)
        if self.status_column:
            row.status = self._parse(self.status_column, cells.parse_status if self.status_column == "status" else cells.parse_rag) or row.status
        row.themes = cells.parse_themes(self._raw("themes"))
        row.impact = read_impact(self._raw, self._parse) if self.has_impact else {}
        row.target_date = self._parse("target_date", cells.parse_date)
        row.agreed_date = self._parse("agreed_date", cells.parse_date)
        row.agreed_given = row.agreed_date is not None
        self.status_source = "status_date"  # the column a status date came from, for the problems that name it
        row.status_date = self._parse("status_date", cells.parse_date) or self._completion_date()
        row.status_date_given = row.status_date is not None
        if not row.status_date_given and row.status != cells.NOT_STARTED:
            self.undated.append(number)
        # A status with no date of its own takes effect on the date the tracker describes (--on), never before agreement.
        row.status_date = row.status_date or self._default("status_date", max(self.reading.on, row.agreed_date or self.reading.on))
        self._check_required()
        self._check_dates()
        if row.status == WITHDRAWN and not row.notes:
            self._problem("notes", "a withdrawn action needs the reason in notes")
        return row

    def _clean(self, number: int, values: tuple) -> tuple:
        """Stray control characters (a pasted form feed, a NUL) removed from text cells, with a note naming the cell."""
        if all(value.isprintable() for value in values if isinstance(value, str)):
            return values  # the usual row: no control character can be in it (each is unprintable)
        cleaned = []
        for index, value in enumerate(values):
            if isinstance(value, str):
                value, changed = without_controls(value, NOTE)
                if changed:
                    self.notes.append(Problem(number, self._label_at(index), "control characters removed"))
            cleaned.append(value)
        return tuple(cleaned)

    def _label_at(self, index: int) -> str:
        found = next((c for c, i in self.sheet.columns.items() if i == index), None)
        return self.sheet.label(found) if found else f"column {index + 1}"

    def _reference(self) -> None:
        """`Reference` (or a `Ref` shaped CODE/Rn/An) names the action; its review and number must agree with the row's."""
        row = self.row
        for column in ("reference", "ref"):
            raw = cells.text(self._raw(column))
            if not raw:
                continue
            parsed = cells.parse_reference(raw)
            if parsed is None and column == "ref":
                number = self._parse("ref", cells.parse_number)
                if number and row.recommendation_no and number != row.recommendation_no:
                    self._problem("ref", f"{raw!r} differs from the recommendation number {row.recommendation_no}")
                row.recommendation_no = row.recommendation_no or number
                continue
            if parsed is None:
                self._problem(column, f"{raw!r} is not an action reference like child-c-2014/R3/A2")
                continue
            code, number, action_no = parsed
            if self.sheet.columns.get("review_code") is not None and row.review_code and code != row.review_code:
                self._problem(column, f"{raw!r} is not under review {row.review_code!r} given on this row")
            elif row.recommendation_no and number != row.recommendation_no:
                self._problem(column, f"{raw!r} is not under recommendation {row.recommendation_no} given on this row")
            else:
                row.review_code, row.recommendation_no, row.action_no = code, number, action_no

    def _completion_date(self) -> date | None:
        """"Completion Date", or "Date of completion and outcome" (its date; the rest is evidence), dates a done row."""
        if self.row.status not in (COMPLETED, SIGNED_OFF):
            return None
        completed = self._parse("completion_date", cells.parse_date)
        on, outcome = cells.parse_date_and_text(self._raw("completion_outcome"))
        if outcome and not self.row.evidence:
            self.row.evidence = outcome
        if completed or on:
            self.status_source = "completion_date" if completed else "completion_outcome"
        return completed or on

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
        if named and self.board and named.casefold() != self.board.casefold():
            self._problem("board", f"{named!r} differs from --board {self.board!r}")
        return named or self.board or ""

    def _check_required(self) -> None:
        row = self.row
        if not row.board:
            self._problem("board", "is blank and no --board was given")
        for column in ("review", "agency", "action", "recommendation_no", "target_date"):
            # A missing column is one header problem, not one problem per row.
            present = column in self.sheet.columns or (column == "recommendation_no" and "ref" in self.sheet.columns)
            if present and not getattr(row, column):
                if column not in self.unreadable and not (column == "recommendation_no" and "ref" in self.unreadable):
                    self._problem(column if column in self.sheet.columns else "ref", "is required but blank")

    def _check_dates(self) -> None:
        row = self.row
        for column, value in (("agreed_date", row.agreed_date), (self.status_source, row.status_date)):
            if value and value > self.reading.today:
                self._problem(column, f"{value.isoformat()} is in the future (today is {self.reading.today.isoformat()})")
        if row.status_date_given and row.agreed_date and row.status_date < row.agreed_date:
            self._problem(self.status_source, f"{row.status_date.isoformat()} is before the action was agreed on {row.agreed_date.isoformat()}")
        if row.target_date and row.agreed_date and row.target_date < row.agreed_date:
            self._problem("target_date", f"{row.target_date.isoformat()} is before the action was agreed on {row.agreed_date.isoformat()}")


def _review_code(value) -> str:
    return _code(cells.text(value))


def _code(text: str) -> str:
    if text and not all(ch.isalnum() or ch in "-_" for ch in text):
        raise cells.CellError(f"{text!r} may contain only letters, digits, '-' and '_'")
    return text.lower()


def is_summary(sheet: Sheet, values: tuple) -> bool:
    """A totals or summary row: its first filled cell starts "Total"/"Summary" and it lacks an action's number,
    agency or target date."""
    first = next((cells.text(v) for v in values if cells.text(v)), "")
    if not first.lower().startswith(SUMMARY_WORDS):
        return False
    return not all(cells.text(sheet.cell(values, c)) for c in ("recommendation_no", "agency", "target_date")
                   if c in sheet.columns) or "agency" not in sheet.columns


def read_rows(sheet: Sheet, reading: Reading, progress=lambda n: None) -> tuple[list[TrackerRow], list[Problem], list[Problem]]:
    """The rows, the problems that stop the import, and notes for the person (rows skipped, cells cleaned)."""
    problems, notes = list(sheet.problems), list(sheet.notes)
    _status_columns(sheet, reading, problems, notes)
    reader = RowReader(sheet, reading, problems, notes)
    rows = []
    for number, values in sheet.rows:
        if is_summary(sheet, values):
            notes.append(Problem(number, "", f"skipped: a totals or summary row ({cells.text(next(v for v in values if cells.text(v)))[:40]!r})"))
        else:
            rows.append(reader.read(number, values))
        progress(1)
    agreed = agree_undated(rows, reading.on)
    if agreed:
        notes.append(Problem(0, "agreed_date", f"{agreed} row{'s have' if agreed != 1 else ' has'} no agreed date: each is taken "
                             f"as agreed on the earliest date its review's rows give (a target, status, completion or agreed date), "
                             f"or {reading.on.isoformat()}, the date the tracker describes (--on), when that is earlier"))
    if reader.undated:
        notes.append(Problem(0, "status date", f"{len(reader.undated)} row{'s' if len(reader.undated) != 1 else ''} with a status "
                             f"but no status date: dated {reading.on.isoformat()}, the date the tracker describes (--on)"))
    return rows, problems, notes


def agree_undated(rows: list[TrackerRow], on: date) -> int:
    """Most trackers have no agreed-date column, yet an action plan is agreed before its first target falls due:
    a row without an agreed date is taken as agreed with its review's plan, on the earliest date any of the review's
    rows gives (never after --on). Being no later than the row's own dates, it never refuses the row. Returns how
    many rows were dated so."""
    def plan(row: TrackerRow) -> tuple:
        return (row.board.casefold(), row.review_code) if row.review_code else ("", row.row)

    earliest: dict[tuple, date] = {}
    for row in rows:
        key = plan(row)
        for day in (row.target_date, row.status_date if row.status_date_given else None, row.agreed_date):
            if day is not None and day < earliest.get(key, on):
                earliest[key] = day
    undated = [row for row in rows if row.agreed_date is None]
    for row in undated:
        row.agreed_date = earliest.get(plan(row), on)
    return len(undated)


def _status_columns(sheet: Sheet, reading: Reading, problems: list[Problem], notes: list[Problem]) -> None:
    """A RAG column is never read as a status unless the user says so; a status column beside it wins."""
    if "rag" not in sheet.columns:
        return
    if "status" in sheet.columns:
        notes.append(Problem(0, sheet.label("rag"), f"not read: the status comes from {sheet.label('status')} (RAG is derived)"))
    elif not reading.status_from_rag:
        problems.append(Problem(0, sheet.label("rag"), "is a RAG rating, not a status; add a status column, or import with "
                                "--status-from-rag to read Red and Amber as in progress, Green as completed, Blue as signed off, Grey as withdrawn"))
