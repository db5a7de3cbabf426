"""Every event of a board, review, recommendation or action, in order, as a person would read it.

This is the hot path of a rebuild (one row per event), so rows are built as ready-to-send tuples.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from domain.history_wording import event_title
from domain.text import for_read_model
from projections import schema

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode
_SKIP = ("originator_id", "originator_version", "timestamp")


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def recorded_us(timestamp: datetime) -> int:
    """Microseconds since 1970 (UTC), exactly (no float on the way)."""
    since = timestamp - _EPOCH
    return (since.days * 86_400 + since.seconds) * 1_000_000 + since.microseconds


class HistoryRows:
    """Builds view_history rows for one database dialect and one store encoding."""

    table = schema.history

    def __init__(self, mapper) -> None:
        # The stored state is the event's attributes as plain JSON unless it is encrypted or compressed.
        self.raw = mapper.cipher is None and mapper.compressor is None and _is_json(mapper.transcoder)
        self._titles: dict[str, str] = {}

    def row(self, notification, kind: str, aggregate_id: str, event: Any) -> tuple:
        name = type(event).__name__
        title = self._titles.get(name) or self._titles.setdefault(name, event_title(event))
        on = getattr(event, "on", None)
        if type(on) is not date:  # an effective date, or nothing (a datetime is not one)
            on = None
        return (
            notification.id, aggregate_id, kind, notification.originator_version, recorded_us(event.timestamp),
            on, getattr(event, "actor", None), name, title, notification.state if self.raw else _state(event),
        )


def _state(event: Any) -> bytes:
    return _encode({k: v for k, v in vars(event).items() if k not in _SKIP}).encode()


def _is_json(transcoder) -> bool:
    from eventsourcing.persistence import JSONTranscoder

    return isinstance(transcoder, JSONTranscoder)


def read_state(data: bytes | memoryview | str) -> dict[str, Any]:
    """The event's attributes from a history row; the store's typed values ({"_type_", "_data_"}) as text."""
    if isinstance(data, memoryview):
        data = bytes(data)
    return for_read_model(json.loads(data, object_hook=_untype))  # an older event's NUL is not shown as is


def _untype(obj: dict) -> Any:
    if "_type_" in obj and "_data_" in obj and len(obj) == 2:
        return obj["_data_"]
    return obj
