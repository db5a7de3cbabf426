"""Use cases of notices: record on a board, review, recommendation or action that someone was told.

A notice is recorded at most once per key; a save that loses a race to another process (the
scheduler and a page saving the same action) is retried on a fresh copy, so nothing is lost.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from uuid import UUID

from domain.errors import Conflict

RECORD_ATTEMPTS = 10


class NoticeUseCases:
    """Mixed into `Monitoring`; the scheduler's only way to write."""

    def record_notice_queued(self, aggregate_id: UUID | str, *, kind: str, key: str, recipient: str, subject: str, on: date) -> bool:
        """True when the notice is on the record (now or before); False leaves it for the next reconcile."""
        return self._record_notice(aggregate_id, lambda aggregate: aggregate.record_notice(
            kind=kind, key=key, recipient=recipient, subject=subject, on=on))

    def record_notice_delivered(self, aggregate_id: UUID | str, *, key: str, recipient: str, on: date) -> bool:
        return self._record_notice(aggregate_id, lambda aggregate: aggregate.record_notice_delivered(
            key=key, recipient=recipient, on=on))

    def _record_notice(self, aggregate_id: UUID | str, change: Callable[[object], bool]) -> bool:
        for attempt in range(RECORD_ATTEMPTS):
            aggregate = self.repository.get(UUID(str(aggregate_id)))
            if not change(aggregate):
                return True  # the key is already recorded: by us earlier, or by a racing process
            try:
                self._save(aggregate)
                return True
            except Conflict:
                time.sleep(0.01 * (attempt + 1))
        return False
