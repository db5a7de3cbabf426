"""The history of one board, review, recommendation or action, oldest first, in domain.history_wording's words."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, func, or_, select

from domain.errors import NotFound
from domain.history_wording import event_details
from domain.notices import NOTICE_EVENTS
from projections import schema
from projections.event_log import read_state
from projections.read.filters import in_chunks, parse_reference
from projections.rows import State

_H = schema.history
PROGRESS_EVENTS = ("ProgressReported", "Completed")  # what moves view_actions.last_progress_on (projections/actions.py)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def aggregate_id(connection: Connection, ref_or_id: str) -> str:
    """The id of a review, recommendation or action by reference or UUID, or of a board by name."""
    board = connection.execute(
        select(schema.boards.c.id).where(func.lower(schema.boards.c.name) == (ref_or_id or "").strip().lower())
    ).scalar()
    if board is not None:
        return board
    ref = parse_reference(ref_or_id)
    if ref.id is not None:
        query = select(_H.c.aggregate_id).where(_H.c.aggregate_id == ref.id).limit(1)
    elif ref.action is not None:
        a = schema.actions
        query = select(a.c.id).where(a.c.review_code == ref.code, a.c.recommendation_number == ref.recommendation, a.c.number == ref.action)
    elif ref.recommendation is not None:
        r = schema.recommendations
        query = select(r.c.id).where(r.c.review_code == ref.code, r.c.number == ref.recommendation)
    else:
        query = select(schema.reviews.c.id).where(schema.reviews.c.code == ref.code)
    found = connection.execute(query).scalar()
    if found is None:
        raise NotFound("reference", f"no board, review, recommendation or action {ref_or_id!r}")
    return found


def history_rows(connection: Connection, ref_or_id: str, latest: int | None = None) -> list[dict[str, Any]]:
    """The record's history in order; with `latest`, only that many of the newest changes, and every notice (the
    page lists the notices sent on their own), so that a page's cost does not grow with a long history."""
    ident = aggregate_id(connection, ref_or_id)
    query = select(_H).where(_H.c.aggregate_id == ident)
    if latest is not None:
        newest = select(_H.c.version).where(_H.c.aggregate_id == ident).order_by(_H.c.version.desc()).limit(latest)
        query = query.where(or_(_H.c.version.in_(newest.scalar_subquery()), _H.c.event.in_(NOTICE_EVENTS)))
    return [
        {
            "position": row["position"],
            "version": row["version"],
            "recorded_at": _EPOCH + timedelta(microseconds=row["recorded_us"]),
            "effective": row["effective"],
            "actor": row["actor"],
            "event": row["event"],
            "change": row["change"],
            "details": event_details(State(read_state(row["state"]))),
        }
        for row in connection.execute(query.order_by(_H.c.version)).mappings()
    ]


def history_count(connection: Connection, ref_or_id: str) -> int:
    """How many changes the record's history holds."""
    ident = aggregate_id(connection, ref_or_id)
    return connection.execute(select(func.count()).select_from(_H).where(_H.c.aggregate_id == ident)).scalar_one()


def last_progress(connection: Connection, action_ids: list[str], as_at, board: str | None = None) -> list[dict[str, Any]]:
    """Each action's latest progress (reported, or completed) by the end of `as_at`, read from the history in one
    query per chunk of actions: (id, board, agency, last_progress_on), None where none was reported by then."""
    a = schema.actions
    rows = []
    for chunk in in_chunks(action_ids):
        latest = (select(_H.c.aggregate_id, func.max(_H.c.effective).label("on"))
                  .where(_H.c.aggregate_id.in_(chunk), _H.c.event.in_(PROGRESS_EVENTS), _H.c.effective <= as_at)
                  .group_by(_H.c.aggregate_id).subquery())
        query = (select(a.c.id, a.c.board, a.c.agency, latest.c.on).outerjoin(latest, latest.c.aggregate_id == a.c.id)
                 .where(a.c.id.in_(chunk)))
        if board is not None:
            query = query.where(a.c.board == board)
        rows += [{"id": r.id, "board": r.board, "agency": r.agency, "last_progress_on": r.on} for r in connection.execute(query)]
    return rows
