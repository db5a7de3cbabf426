"""Import the spreadsheet trackers boards keep today: check every row first, then write all of it or nothing.

reading (file, sheet, header) -> rows (each row's cells) -> grouping (rows against each other)
-> plan/actions (aggregates in memory, against what is stored) -> one save, in one transaction.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from eventsourcing.persistence import IntegrityError

from domain.base import check_not_future
from domain.errors import Conflict
from monitoring.importing.grouping import group
from monitoring.importing.outcome import Outcome
from monitoring.importing.plan import Options, Planner
from monitoring.importing.problems import FileUnreadable, ImportRejected, Problem
from monitoring.importing.reading import read_tracker
from monitoring.importing.rows import read_rows

__all__ = ["import_tracker", "ImportRejected", "Outcome", "Problem"]


def import_tracker(
    app, path: str | Path, *, actor: str, board: str | None = None, on: date | None = None,
    sheet: str | None = None, dry_run: bool = False, progress_bar=None,
) -> Outcome:
    """Import a CSV or XLSX tracker; raises ImportRejected (every problem, nothing written) when any row is bad.

    `progress_bar(total)` may return a tqdm-like object; it is advanced once per row checked and once per row applied.
    """
    today = app.clock()
    on = on or today
    check_not_future(on, today)
    try:
        tracker = read_tracker(path, sheet)
    except FileUnreadable as error:
        raise ImportRejected(Path(path).name, [error.problem]) from None
    if tracker.problems:  # without the right columns no row can be read
        raise ImportRejected(Path(path).name, tracker.problems)
    outcome = Outcome(tracker.name, dry_run=dry_run)
    bar = progress_bar(2 * len(tracker.rows)) if progress_bar else None
    try:
        rows, problems = read_rows(tracker, board=board, on=on, today=today, progress=bar.update if bar else None)
        outcome.rows = len(rows)
        planner = Planner(app, Options(actor, on, today), outcome, problems, progress=bar.update if bar else None)
        aggregates = planner.apply(group(rows, problems))
    finally:
        if bar is not None:
            bar.close()
    if problems:
        raise ImportRejected(Path(path).name, problems)
    if not dry_run and aggregates:
        try:
            app.save(*aggregates)  # one transaction: the whole file or nothing
        except IntegrityError:
            raise Conflict("import") from None
    return outcome
