"""What every aggregate of this product shares: an actor and an effective date on every change."""
from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import DomainError

# Deterministic ids let a human reference (`child-c-2014/R3/A2`) find its aggregate without a scan.
ID_NAMESPACE = uuid5(NAMESPACE_URL, "https://scr-monitor.example.org/ids")


def id_for(kind: str, key: str) -> UUID:
    return uuid5(ID_NAMESPACE, f"{kind}:{key.lower()}")


def required_text(field: str, value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(field, "is required and cannot be blank")
    return text


class TrackedAggregate(Aggregate):
    """An aggregate whose changes carry effective dates that never run backwards or into the future."""

    # Subclasses set `self.last_effective` (a date) in every event that moves it. Not annotated here:
    # eventsourcing would take an annotation for a constructor field.

    def check_effective(self, on: date, today: date) -> None:
        check_not_future(on, today)
        if on < self.last_effective:
            raise DomainError(
                "on", f"{on.isoformat()} is before this record's last change on {self.last_effective.isoformat()}"
            )


def check_not_future(on: date, today: date, field: str = "on") -> None:
    if on > today:
        raise DomainError(field, f"{on.isoformat()} is in the future (today is {today.isoformat()})")
