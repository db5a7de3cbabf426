"""Evidence documents as the action's history records them: attached, withdrawn, purged (domain.evidence).

Read from view_documents (projections.documents: one row per attachment, kept from the same events), by key;
the bytes are not here (monitoring.evidence.store) and never come through the read API.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, func, select

from projections import schema
from projections.read.event_log import aggregate_id

_D = schema.documents
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_LIVE = (_D.c.withdrawn_reason.is_(None), _D.c.purged_reason.is_(None))  # neither withdrawn nor purged, whenever


def documents(connection: Connection, ref_or_id: str) -> list[dict[str, Any]]:
    """Every document of one action, in the order attached, with what became of it."""
    query = select(_D).where(_D.c.action_id == aggregate_id(connection, ref_or_id)).order_by(_D.c.number)
    return [_document(row) for row in connection.execute(query).mappings()]


def live_counts(connection: Connection, board: str | None = None, as_at: date | None = None) -> dict[str, int]:
    """Action id -> how many documents support it (attached by `as_at`, and not withdrawn or purged since, whenever
    that was: a withdrawal is a correction, not a change of the past)."""
    query = select(_D.c.action_id, func.count()).where(*_LIVE).group_by(_D.c.action_id)
    if board is not None:
        query = query.where(_D.c.board == board)
    if as_at is not None:
        query = query.where(_D.c.effective.is_(None) | (_D.c.effective <= as_at))
    return {action_id: count for action_id, count in connection.execute(query)}


def holders(connection: Connection, sha256: str, board: str | None = None) -> list[dict[str, Any]]:
    """Every attachment of one file (withdrawn and purged ones too), in the order attached."""
    query = select(_D.c.action_id, _D.c.number, _D.c.board, _D.c.agency, _D.c.review_code).where(_D.c.sha256 == sha256)
    if board is not None:
        query = query.where(_D.c.board == board)
    return [dict(row) for row in connection.execute(query.order_by(_D.c.position)).mappings()]


def _document(row) -> dict[str, Any]:
    return {
        "number": row.number, "title": row.title, "kind": row.kind, "size": row.size, "filename": row.filename,
        "sha256": row.sha256, "actor": row.actor, "effective": row.effective,
        "recorded_at": _EPOCH + timedelta(microseconds=row.recorded_us),
        "withdrawn_reason": row.withdrawn_reason, "purged_reason": row.purged_reason,
        "live": row.withdrawn_reason is None and row.purged_reason is None,
    }
