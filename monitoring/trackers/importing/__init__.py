"""Import the spreadsheet trackers boards keep today: check every row first, then write all of it or nothing.

reading (file, sheet, header) -> rows (each row's cells) -> grouping (rows against each other)
-> plan/actions (aggregates in memory, against what is stored) -> one save, in one transaction.
"""
from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from eventsourcing.persistence import IntegrityError

from domain.base import check_not_future
from domain.errors import Conflict
from monitoring.trackers.importing.grouping import group
from monitoring.trackers.importing.outcome import Outcome
from monitoring.trackers.importing.plan import Options, Planner
from monitoring.trackers.importing.problems import FileUnreadable, ImportRejected, Problem
from monitoring.trackers.importing.reading import read_tracker
from monitoring.trackers.importing.rows import Reading, read_rows
from monitoring.trackers.importing.themes import check_themes, note_recurrences

__all__ = ["import_tracker", "ImportRejected", "Outcome", "Problem"]


def import_tracker(
    app, path: str | Path, *, actor: str, board: str | None = None, on: date | None = None,
    sheet: str | None = None, dry_run: bool = False, progress_bar=None, status_from_rag: bool = False,
    new_agencies: Iterable[str] = (), themes=None, new_themes: bool = False,
) -> Outcome:
    """Import a tracker (CSV, XLSX, XLSM, XLS, ODS); raises ImportRejected (every problem, nothing written) when any row is bad.

    `themes` (monitoring.application.themes.ThemeWork): the Themes column is checked against each board's scheme
    (`new_themes`: an admin's unknown words become local themes), and the new recommendations' recurrences noted.

    `progress_bar(total, description)` may return a tqdm-like bar (update, set_description, close); one bar counts
    the rows checked, a second the rows applied (then "saving").
    """
    today = app.clock()
    on = on or today
    check_not_future(on, today)
    try:
        tracker = read_tracker(path, sheet)
    except FileUnreadable as error:
        raise ImportRejected(Path(path).name, [error.problem]) from None
    if tracker.problems:  # without the right columns no row can be read
        raise ImportRejected(Path(path).name, in_file_words(tracker, tracker.problems))
    outcome = Outcome(tracker.name, dry_run=dry_run)
    with _bar(progress_bar, len(tracker.rows), "checking") as bar:
        rows, problems, notes = read_rows(tracker, Reading(board, on, today, status_from_rag), progress=bar.update)
    outcome.rows = len(rows)
    outcome.warnings.extend(notes)
    with _bar(progress_bar, len(rows), "applying") as bar:
        planner = Planner(app, Options(actor, on, today, frozenset(new_agencies)), outcome, problems, progress=bar.update)
        aggregates = planner.apply(group(rows, problems))
        if themes is not None:
            aggregates += check_themes(themes, rows, problems, new_themes=new_themes, actor=actor, on=on)
        outcome.warnings = in_file_words(tracker, outcome.warnings)
        if problems:
            raise ImportRejected(Path(path).name, in_file_words(tracker, problems))
        if not dry_run and aggregates:
            bar.set_description("saving")
            try:
                app.save(*aggregates)  # one transaction: the whole file or nothing
            except IntegrityError:
                raise Conflict("import") from None
    if themes is not None and not dry_run:
        note_recurrences(themes, outcome, actor=actor)
    return outcome


def in_file_words(tracker, problems: list[Problem]) -> list[Problem]:
    """Each problem names its column as the file heads it ('Target date for completion'), not the field behind it."""
    return [Problem(p.row, tracker.label(p.column), p.reason) for p in problems]


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_description(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


@contextmanager
def _bar(factory, total: int, description: str):
    bar = factory(total, description) if factory else _NoBar()
    try:
        yield bar
    finally:
        bar.close()
