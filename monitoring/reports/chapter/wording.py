"""How the chapter words dates, counts and lists: UK long dates, plain English, one rule each."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from monitoring.reports.figures import long_date

TO_COMPLETE = "To complete: "


def uk_date(day: date | None) -> str:
    """`31 March 2026`; a missing date is said, not left blank."""
    return long_date(day) if day else "no date recorded"


def count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def listed(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def percent_text(value: float | None) -> str:
    return "not applicable (no actions)" if value is None else f"{value:.1f}%"


def sentence(text: str) -> str:
    """A capital first and a full stop last, whatever the words recorded end with."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."
