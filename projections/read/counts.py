"""Completion counts: actions by status and overdue, grouped, today (from the rows) or as at a past date."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, case, func, select

from domain.impact import ASSURANCE_COLUMNS, NOT_GRADED
from domain.statuses import ACTION_STATUSES, COMPLETE_STATUSES, OPEN_STATUSES, SIGNED_OFF, WITHDRAWN
from projections import schema
from projections.read.filters import in_force

GROUPS = schema.GROUPINGS
FIELDS = ("total", *ACTION_STATUSES, "overdue", "percent_complete", "percent_signed_off")


def percent(numerator: int, denominator: int) -> float | None:
    """100 x n / d to one decimal place, rounded half up (exactly, in integers); None when d is 0."""
    if not denominator:
        return None
    tenths = (2000 * numerator + denominator) // (2 * denominator)  # floor(1000 n / d + 1/2)
    return tenths / 10


def source(as_at: date, current: bool):
    """The table to count and the condition that picks what was in force at the end of `as_at`."""
    if current:
        return schema.actions, []
    periods = schema.action_periods
    return periods, [in_force(periods, as_at)]


def grouped(
    connection: Connection, by: str, as_at: date, current: bool, *, due_within_days: int | None = None, **filters: Any,
) -> dict[tuple, dict[str, int]]:
    """{group key: {status: n, ..., "overdue": n}} for the actions agreed by the end of `as_at`; with
    `due_within_days`, also "due": open actions whose target date falls from `as_at` to that many days on
    (counted in the same pass over the rows: at national scale a second pass costs as much as the first)."""
    table, where = source(as_at, current)
    keys = [table.c[name] for name in GROUPS[by]] if by else []
    where += [table.c[name] == value for name, value in filters.items() if value is not None]
    sums = [func.sum(case((table.c.target_date < as_at, 1), else_=0))]
    if due_within_days is not None:
        horizon = as_at + timedelta(days=due_within_days)
        sums.append(func.sum(case((table.c.target_date.between(as_at, horizon), 1), else_=0)))
    # Grouped by assurance too, in the same pass: signed-off actions by the sub-group's level (domain.impact).
    query = select(*keys, table.c.status, table.c.assurance, func.count(), *sums).where(*where).group_by(
        *keys, table.c.status, table.c.assurance)
    empty = (*ACTION_STATUSES, "overdue", *ASSURANCE_COLUMNS, *(("due",) if due_within_days is not None else ()))
    counts: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(empty, 0))
    for row in connection.execute(query).all():
        key, (status, assurance, n, n_late, *n_due) = row[: len(keys)], row[len(keys):]
        group = counts[tuple(key)]
        group[status] = group.get(status, 0) + n
        if status == SIGNED_OFF:
            group[f"signed_off_{assurance or NOT_GRADED}"] += n
        if status in OPEN_STATUSES:
            group["overdue"] += int(n_late or 0)
            if n_due:
                group["due"] += int(n_due[0] or 0)
    return counts


def status_row(key: Any, counts: dict[str, int]) -> dict[str, Any]:
    by_status = {s: counts.get(s, 0) for s in ACTION_STATUSES}
    total = sum(by_status.values())
    live = total - by_status[WITHDRAWN]
    done = sum(by_status[s] for s in COMPLETE_STATUSES)
    return {
        "key": key, "total": total, **by_status, "overdue": counts.get("overdue", 0),
        "percent_complete": percent(done, live), "percent_signed_off": percent(by_status[SIGNED_OFF], live),
        **{name: counts.get(name, 0) for name in ASSURANCE_COLUMNS},
    }


def add_up(groups: list[dict[str, int]]) -> dict[str, int]:
    total = dict.fromkeys((*ACTION_STATUSES, "overdue", "due", *ASSURANCE_COLUMNS), 0)
    for counts in groups:
        for name in total:
            total[name] += counts.get(name, 0)
    return total
