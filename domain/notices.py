"""Notices the scheduler sends (reminders, escalations, clocks, digests): recorded on the aggregate they concern.

A notice is a record that someone was told, not a business change: it never moves an aggregate's
`last_effective`, and the effective-date guard does not apply to it. Each notice has an idempotency
key; an aggregate records a key at most once, so a retried or raced recording cannot duplicate it.
"""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import event

from domain.base import check_email, required_text
from domain.errors import DomainError
from domain.text import LINE

NOTICE_KINDS = ("reminder", "overdue", "escalation", "clock", "digest")
NOTICE_EVENTS = ("NoticeQueued", "NoticeDelivered")


def check_notice(kind: str, key: str, recipient: str, subject: str) -> dict[str, str]:
    if kind not in NOTICE_KINDS:
        raise DomainError("kind", f"unknown notice kind {kind!r}; expected one of {', '.join(NOTICE_KINDS)}")
    return {  # in the order a person reads them in the history: what, to whom, about what; the key last
        "kind": kind,
        "recipient": check_email("recipient", recipient),
        "subject": required_text("subject", subject, LINE),
        "key": required_text("key", key, LINE),
    }


class NoticeRecipient:
    """The commands that record notices; each aggregate makes its NoticeQueued/NoticeDelivered events with notice_events()."""

    def record_notice(self, *, kind: str, key: str, recipient: str, subject: str, on: date, actor: str = "scheduler") -> bool:
        """Record that a notice was queued to send; False when this key is already recorded."""
        if key in queued_keys(self):
            return False
        self._notice_queued(**check_notice(kind, key, recipient, subject), actor=actor, on=on)
        return True

    def record_notice_delivered(self, *, key: str, recipient: str, on: date, actor: str = "scheduler") -> bool:
        """Record that a queued notice reached the mail server; False when already recorded."""
        if key not in queued_keys(self) or key in delivered_keys(self):
            return False
        self._notice_delivered(recipient=recipient, key=key, actor=actor, on=on)
        return True


def notice_events() -> tuple:
    """The NoticeQueued and NoticeDelivered events, made afresh for the aggregate class whose body calls this.

    eventsourcing names an event class after the class whose body holds the decorated method, and stores events
    under that name (`domain.action:Action.NoticeQueued`); inherited from a base class they would be stored
    under the base's name, and stores written so far would no longer load. Made here, they are written once.
    """

    @event("NoticeQueued")
    def _notice_queued(self, kind: str, recipient: str, subject: str, key: str, actor: str, on: date) -> None:
        remember_queued(self, key)

    @event("NoticeDelivered")
    def _notice_delivered(self, recipient: str, key: str, actor: str, on: date) -> None:
        remember_delivered(self, key)

    return _notice_queued, _notice_delivered


def queued_keys(aggregate) -> list[str]:
    return getattr(aggregate, "notices_queued", [])


def delivered_keys(aggregate) -> list[str]:
    return getattr(aggregate, "notices_delivered", [])


def remember_queued(aggregate, key: str) -> None:
    # Aggregates created before notices existed have no list yet; replay builds it from the events.
    aggregate.notices_queued = [*queued_keys(aggregate), key]


def remember_delivered(aggregate, key: str) -> None:
    aggregate.notices_delivered = [*delivered_keys(aggregate), key]


def only_notices(events) -> bool:
    """True when every event is a notice: a form loaded before them is not stale."""
    return all(type(e).__name__ in NOTICE_EVENTS for e in events)
