"""Evidence documents as the action's history records them: attached, withdrawn, purged (domain.evidence).

Read from view_history (the events are history-only), so a rebuild needs nothing more; the bytes are
not here (monitoring.evidence.store) and never come through the read API.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, select

from projections import schema
from projections.event_log import read_state
from projections.read.event_log import aggregate_id

_H = schema.history
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
EVENTS = ("EvidenceAttached", "EvidenceWithdrawn", "EvidencePurged")


def documents(connection: Connection, ref_or_id: str) -> list[dict[str, Any]]:
    """Every document of one action, in the order attached, with what became of it."""
    query = select(_H.c.recorded_us, _H.c.effective, _H.c.actor, _H.c.event, _H.c.state, _H.c.version).where(
        _H.c.aggregate_id == aggregate_id(connection, ref_or_id), _H.c.event.in_(EVENTS)
    ).order_by(_H.c.version)
    found: dict[int, dict[str, Any]] = {}
    for row in connection.execute(query):
        _apply(found, row.event, read_state(row.state), row)
    return [found[n] for n in sorted(found)]


def live_counts(connection: Connection, board: str | None = None, as_at: date | None = None) -> dict[str, int]:
    """Action id -> how many documents support it (attached by `as_at`, and not withdrawn or purged since)."""
    query = select(_H.c.aggregate_id, _H.c.event, _H.c.state, _H.c.effective).where(_H.c.kind == "action", _H.c.event.in_(EVENTS))
    if board is not None:
        a = schema.actions
        query = query.where(_H.c.aggregate_id.in_(select(a.c.id).where(a.c.board == board)))
    per_action: dict[str, dict[int, dict[str, Any]]] = {}
    for row in connection.execute(query.order_by(_H.c.position)):
        if row.event == "EvidenceAttached" and as_at is not None and row.effective is not None and row.effective > as_at:
            continue
        _apply(per_action.setdefault(row.aggregate_id, {}), row.event, read_state(row.state), None)
    return {action: sum(1 for d in docs.values() if d["live"]) for action, docs in per_action.items()}


def _apply(found: dict[int, dict[str, Any]], event: str, state: dict[str, Any], row) -> None:
    if event == "EvidenceAttached":
        found[state["number"]] = {
            "number": state["number"], "title": state["title"], "kind": state["kind"], "size": state["size"],
            "filename": state["filename"], "sha256": state["sha256"],
            "actor": row.actor if row is not None else None,
            "effective": row.effective if row is not None else None,
            "recorded_at": _EPOCH + timedelta(microseconds=row.recorded_us) if row is not None else None,
            "withdrawn_reason": None, "purged_reason": None, "live": True,
        }
    elif event == "EvidenceWithdrawn" and state["number"] in found:
        found[state["number"]].update(withdrawn_reason=state["reason"], live=False)
    elif event == "EvidencePurged":
        for number in state["numbers"]:
            if number in found:
                found[number].update(purged_reason=state["reason"], live=False)
