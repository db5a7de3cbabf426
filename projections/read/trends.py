"""Annual-report figures: month-end trend, time to complete and target-date slippage per agency."""
from __future__ import annotations

import math
import statistics
from calendar import monthrange
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, select

from domain.calendar import reporting_year
from projections import schema
from projections.read import counts
from projections.read.filters import in_force

ALL_AGENCIES = "All agencies"


def month_ends(year: int, today: date) -> list[date]:
    start, _ = reporting_year(year)
    ends = []
    for n in range(12):
        y, m = start.year + (start.month - 1 + n) // 12, (start.month - 1 + n) % 12 + 1
        ends.append(date(y, m, monthrange(y, m)[1]))
    return [d for d in ends if d <= today]


def monthly_trend(connection: Connection, year: int, today: date, board=None) -> list[dict[str, Any]]:
    rows = []
    for month_end in month_ends(year, today):
        grouped = counts.grouped(connection, "", month_end, False, board=board)
        totals = counts.status_row("all", counts.add_up(list(grouped.values())))
        totals.pop("key")
        rows.append({"month_end": month_end, **totals})
    return rows


def one_place(value: float | None) -> float | None:
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def time_to_complete(connection: Connection, as_at: date, board=None, year: int | None = None) -> list[dict[str, Any]]:
    """Days from agreed to first completion (effective dates), per agency and for all agencies."""
    a = schema.actions
    query = select(a.c.agency, a.c.agreed_on, a.c.first_completed_on).where(
        a.c.first_completed_on.is_not(None), a.c.first_completed_on <= as_at
    )
    if board is not None:
        query = query.where(a.c.board == board)
    if year is not None:
        start, end = reporting_year(year)
        query = query.where(a.c.first_completed_on >= start, a.c.first_completed_on <= end)
    days: dict[str, list[int]] = {}
    for agency, agreed, completed in connection.execute(query):
        days.setdefault(agency, []).append((completed - agreed).days)
    rows = [_spread(agency, values) for agency, values in sorted(days.items())]
    rows.append(_spread(ALL_AGENCIES, [d for values in days.values() for d in values]))
    return rows


def _spread(agency: str, values: list[int]) -> dict[str, Any]:
    if not values:
        return {"agency": agency, "completed": 0, "median_days": None, "mean_days": None, "p90_days": None}
    ordered = sorted(values)
    return {
        "agency": agency,
        "completed": len(ordered),
        "median_days": one_place(statistics.median(ordered)),
        "mean_days": one_place(statistics.fmean(ordered)),
        "p90_days": ordered[math.ceil(0.9 * len(ordered)) - 1],  # nearest rank
    }


def slippage(connection: Connection, as_at: date, current: bool, board=None) -> list[dict[str, Any]]:
    """How often, and how far, each agency's target dates have moved (as at `as_at`)."""
    table, where = counts.source(as_at, current)
    a = schema.actions
    query = select(table.c.agency, table.c.target_date, table.c.reschedules, a.c.original_target_date).where(*where)
    if not current:
        query = query.select_from(table.join(a, a.c.id == table.c.action_id))
    if board is not None:
        query = query.where(table.c.board == board)
    per_agency: dict[str, list[tuple[int, int]]] = {}
    for agency, target, reschedules, original in connection.execute(query):
        per_agency.setdefault(agency, []).append((reschedules, (target - original).days))
    rows = []
    for agency, actions in sorted(per_agency.items()):
        moved = [days for n, days in actions if n > 0]
        rows.append({
            "agency": agency,
            "actions": len(actions),
            "rescheduled": len(moved),
            "reschedules": sum(n for n, _ in actions),
            "percent_rescheduled": counts.percent(len(moved), len(actions)),
            "mean_days_slipped": one_place(statistics.fmean(moved)) if moved else None,
        })
    return rows
