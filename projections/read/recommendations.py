"""Recommendations as at a date: the board's status, and how far their actions show them implemented."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, func, or_, select

from domain.statuses import COMPLETED, IN_PROGRESS, REC_OPEN, SIGNED_OFF, WITHDRAWN
from projections import schema
from projections.read import counts

_R = schema.recommendations


def list_recommendations(
    connection: Connection, as_at: date, current: bool, *, board=None, review=None, open_only=False,
    priority_only=False, key: tuple[str, int] | None = None, rec_id: str | None = None,
) -> list[dict[str, Any]]:
    query = select(_R).where(_R.c.made_on <= as_at)
    for column, value in ((_R.c.board, board), (_R.c.review_code, review), (_R.c.id, rec_id)):
        if value is not None:
            query = query.where(column == value)
    if key is not None:
        query = query.where(_R.c.review_code == key[0], _R.c.number == key[1])
    if priority_only:
        query = query.where(_R.c.priority.is_(True))
    progress = counts.grouped(connection, "recommendation", as_at, current, board=board, review_code=review or (key and key[0]))
    rows = []
    for rec in connection.execute(query).mappings():
        row = recommendation_row(rec, progress.get((rec["review_code"], rec["number"]), {}), as_at)
        if not open_only or row["status"] == REC_OPEN:
            rows.append(row)
    return sorted(rows, key=lambda r: (r["review_code"], r["number"]))


def status_as_at(rec, as_at: date) -> str:
    """A recommendation leaves `open` once (closed, rejected or superseded) and never returns."""
    return rec["status"] if rec["status_on"] is not None and rec["status_on"] <= as_at else REC_OPEN


def implementation(status: str, progress: dict[str, int]) -> str:
    if status != REC_OPEN:
        return status
    live = sum(progress.get(s, 0) for s in (*counts.ACTION_STATUSES,)) - progress.get(WITHDRAWN, 0)
    if live == 0:
        return "no actions"
    if progress.get(SIGNED_OFF, 0) == live:
        return "implemented"
    if any(progress.get(s, 0) for s in (IN_PROGRESS, COMPLETED, SIGNED_OFF)):
        return "partly implemented"
    return "not started"


def recommendation_row(rec, progress: dict[str, int], as_at: date) -> dict[str, Any]:
    status = status_as_at(rec, as_at)
    totals = counts.status_row(None, progress)
    return {
        "reference": f"{rec['review_code']}/R{rec['number']}",
        "id": rec["id"],
        "board": rec["board"],
        "review_code": rec["review_code"],
        "number": rec["number"],
        "text": rec["text"],
        "agencies": list(rec["agencies"]),
        "priority": bool(rec["priority"]),
        "themes": list(rec["themes"]),
        "status": status,
        "implementation": implementation(status, progress),
        "actions": totals["total"],
        "signed_off": totals[SIGNED_OFF],
        "completed": totals[COMPLETED],
        "withdrawn": totals[WITHDRAWN],
        "overdue": totals["overdue"],
        "impact": rec["impact"] if status == "closed" else None,
    }


def open_priority(connection: Connection, as_at: date, board: str | None = None) -> int:
    """Priority recommendations the board had not yet closed, rejected or superseded at the end of `as_at`."""
    query = select(func.count()).select_from(_R).where(
        _R.c.priority.is_(True), _R.c.made_on <= as_at, or_(_R.c.status_on.is_(None), _R.c.status_on > as_at)
    )
    if board is not None:
        query = query.where(_R.c.board == board)
    return connection.execute(query).scalar_one()
