"""Reviews as at a date: stage, statutory clocks and how far their action plans have got."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from domain.calendar import working_days_between
from domain.review import statutory_deadlines
from domain.statuses import REVIEW_TYPES
from projections import schema
from projections.read import counts

_V, _C = schema.reviews, schema.review_changes


def list_reviews(connection: Connection, as_at: date, current: bool, *, board=None, code=None) -> list[dict[str, Any]]:
    query = select(_V).where(_V.c.commissioned_on <= as_at)
    if board is not None:
        query = query.where(_V.c.board == board)
    if code is not None:
        query = query.where(_V.c.code == code)
    reviews = [dict(row) for row in connection.execute(query).mappings()]
    if not reviews:
        return []
    if not current:
        _rewind(connection, reviews, as_at)
    progress = counts.grouped(connection, "review", as_at, current, board=board, review_code=code)
    made = _recommendations_made(connection, as_at, board, code)
    rows = [_review_row(r, progress.get((r["code"],), {}), made.get(r["code"], 0), as_at) for r in reviews]
    return sorted(rows, key=lambda r: r["code"])


def _rewind(connection: Connection, reviews: list[dict], as_at: date) -> None:
    """Stage, notification and stage dates as they stood at the end of `as_at`."""
    ids = [r["id"] for r in reviews]
    latest: dict[str, Any] = {}
    query = select(_C).where(_C.c.effective <= as_at, _C.c.review_id.in_(ids)).order_by(_C.c.effective, _C.c.version)
    for change in connection.execute(query).mappings():
        latest[change["review_id"]] = change
    for review in reviews:
        change = latest.get(review["id"])
        if change is not None:
            review.update(stage=change["stage"], panel_notified_on=change["panel_notified_on"], stage_dates=change["stage_dates"])


def _recommendations_made(connection: Connection, as_at: date, board, code) -> dict[str, int]:
    recs = schema.recommendations
    query = select(recs.c.review_code, func.count()).where(recs.c.made_on <= as_at).group_by(recs.c.review_code)
    if board is not None:
        query = query.where(recs.c.board == board)
    if code is not None:
        query = query.where(recs.c.review_code == code)
    return dict(connection.execute(query).all())


def deadlines(review: dict[str, Any], as_at: date) -> list[dict[str, Any]]:
    clocks = statutory_deadlines(review["review_type"], review["aware_on"], review["panel_notified_on"], dict(review["stage_dates"]))
    return [{"name": d.name, "due": d.due, "met_on": d.met_on, "state": d.state(as_at)} for d in clocks]


def _review_row(review: dict[str, Any], progress: dict[str, int], recommendations: int, as_at: date) -> dict[str, Any]:
    status = counts.status_row(review["code"], progress)
    return {
        "code": review["code"],
        "title": review["title"],
        "board": review["board"],
        "review_type": review["review_type"],
        "review_type_label": REVIEW_TYPES.get(review["review_type"], review["review_type"]),
        "stage": review["stage"],
        "aware_on": review["aware_on"],
        "panel_notified_on": review["panel_notified_on"],
        "stage_dates": dict(review["stage_dates"]),
        "themes": list(review["themes"]),
        "deadlines": deadlines(review, as_at),
        "actions": status["total"],
        "percent_complete": status["percent_complete"],
        "percent_signed_off": status["percent_signed_off"],
        "overdue": status["overdue"],
        "recommendations": recommendations,
    }


def at_risk(reviews: list[dict[str, Any]], as_at: date, within_working_days: int) -> list[dict[str, Any]]:
    """Statutory deadlines already late, or pending and due within N working days."""
    rows = []
    for review in reviews:
        for deadline in review["deadlines"]:
            if deadline["state"] not in ("late", "pending"):
                continue
            left = working_days_between(as_at, deadline["due"])
            if deadline["state"] == "late" or left <= within_working_days:
                rows.append({
                    "review_code": review["code"], "title": review["title"], "board": review["board"],
                    "deadline": deadline["name"], "due": deadline["due"], "state": deadline["state"],
                    "working_days_left": left,
                })
    return sorted(rows, key=lambda r: (r["due"], r["review_code"], r["deadline"]))
