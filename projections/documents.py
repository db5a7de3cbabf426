"""Evidence documents in the read models: one row per attachment (view_documents), kept from the action's
EvidenceAttached, EvidenceWithdrawn and EvidencePurged events (domain.action), which change no other row.

Why a table of its own: an action's list, the documents per action and every attachment of one file were read
from every evidence event in the history, decoding each one's JSON (linear in the files held). The aggregate stays
the authority for what may be opened: a download opens each candidate through the aggregate, which checks the hash.
"""
from __future__ import annotations

from typing import Any

from projections import schema
from projections.event_log import recorded_us

_WITHDRAWN, _PURGED = ("withdrawn_reason",), ("purged_reason",)


def attached(batch, action: Any, event: Any, position: int) -> None:
    batch.insert(schema.documents, {
        "action_id": action.id, "number": event.number, "position": position, "board": action.board,
        "agency": action.agency, "review_code": action.review_code, "sha256": event.sha256, "title": event.title,
        "kind": event.kind, "size": event.size, "filename": event.filename, "effective": event.on,
        "actor": event.actor, "recorded_us": recorded_us(event.timestamp), "withdrawn_reason": None, "purged_reason": None,
    })


def withdrawn(batch, action: Any, event: Any, position: int) -> None:
    batch.update(schema.documents, {"action_id": action.id, "number": event.number, "withdrawn_reason": event.reason}, _WITHDRAWN)


def purged(batch, action: Any, event: Any, position: int) -> None:
    for number in event.numbers:
        batch.update(schema.documents, {"action_id": action.id, "number": number, "purged_reason": event.reason}, _PURGED)


# By the event's class name (projections.registry routes them here).
KEEPERS = {"EvidenceAttached": attached, "EvidenceWithdrawn": withdrawn, "EvidencePurged": purged}
