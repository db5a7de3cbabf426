"""What every aggregate of this product shares: an actor and an effective date on every change."""
from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import DomainError
from domain.text import LINE, NAME, TextKind, checked

# Deterministic ids let a human reference (`child-c-2014/R3/A2`) find its aggregate without a scan.
ID_NAMESPACE = uuid5(NAMESPACE_URL, "https://scr-monitor.example.org/ids")


def id_for(kind: str, key: str) -> UUID:
    return uuid5(ID_NAMESPACE, f"{kind}:{key.lower()}")


def required_text(field: str, value: str | None, kind: TextKind = LINE) -> str:
    """The input policy (domain.text) for a text that must be given; `field` is the CLI option's word."""
    return checked(field, value or "", kind, required=True).strip()


def optional_text(field: str, value: str | None, kind: TextKind = LINE) -> str:
    """The input policy for a text that may be left blank (stored as "")."""
    return (checked(field, value or "", kind) or "").strip()


def text_list(field: str, values, kind: TextKind) -> list[str]:
    """Each of a list of texts (agencies, themes) under the policy; blanks dropped."""
    return [text for text in (optional_text(field, v, kind) for v in (values or [])) if text]


def check_email(field: str, email: str) -> str:
    """An e-mail address a notice can be sent to (a person's, a board's, an agency lead's)."""
    email = required_text(field, email, NAME)
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email:
        raise DomainError(field, f"{email!r} is not an email address")
    return email


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
