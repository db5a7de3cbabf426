"""The lifecycle vocabulary of docs/domain.md: action statuses, RAG bands, review types and stages."""
from __future__ import annotations

from datetime import date

from domain.errors import DomainError

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
SIGNED_OFF = "signed_off"
WITHDRAWN = "withdrawn"

ACTION_STATUSES = (NOT_STARTED, IN_PROGRESS, COMPLETED, SIGNED_OFF, WITHDRAWN)
OPEN_STATUSES = (NOT_STARTED, IN_PROGRESS)
COMPLETE_STATUSES = (COMPLETED, SIGNED_OFF)

# Which statuses each action command may start from. Reopen is the only way out of withdrawn.
ALLOWED_FROM = {
    "report progress": (NOT_STARTED, IN_PROGRESS),
    "complete": (NOT_STARTED, IN_PROGRESS),
    "sign off": (COMPLETED,),
    "refuse sign-off": (COMPLETED,),
    "reschedule": (NOT_STARTED, IN_PROGRESS),
    "withdraw": (NOT_STARTED, IN_PROGRESS, COMPLETED),
    "reopen": (SIGNED_OFF, WITHDRAWN, COMPLETED),
}

RED, AMBER, GREEN, BLUE, GREY = "Red", "Amber", "Green", "Blue", "Grey"
RAG_BANDS = (RED, AMBER, GREEN, BLUE, GREY)
# Default words printed beside each band; a board may rename them.
RAG_MEANING = {
    RED: "Overdue",
    AMBER: "On track",
    GREEN: "Completed, awaiting sign-off",
    BLUE: "Signed off",
    GREY: "Withdrawn",
}
# Accessible palette (distinguishable in the common colour-vision deficiencies; text carries the word anyway).
RAG_COLOURS = {RED: "#b21f1f", AMBER: "#f0b323", GREEN: "#2e7d32", BLUE: "#1d4f91", GREY: "#6e6e6e"}


def is_overdue(status: str, target_date: date, as_at: date) -> bool:
    """Overdue is derived, never stored: past its target date and not yet done."""
    return status in OPEN_STATUSES and target_date < as_at


def rag(status: str, target_date: date, as_at: date) -> str:
    if status == WITHDRAWN:
        return GREY
    if status == SIGNED_OFF:
        return BLUE
    if status == COMPLETED:
        return GREEN
    return RED if is_overdue(status, target_date, as_at) else AMBER


def rag_counts(row) -> dict[str, int]:
    """A status row's counts by RAG band: Red = overdue, Amber = open and not yet due (never below zero)."""
    open_actions = (row.get("not_started") or 0) + (row.get("in_progress") or 0)
    overdue = row.get("overdue") or 0
    return {RED: overdue, AMBER: max(open_actions - overdue, 0), GREEN: row.get("completed") or 0,
            BLUE: row.get("signed_off") or 0, GREY: row.get("withdrawn") or 0}


REVIEW_TYPES = {
    "scr": "Serious Case Review",
    "lcspr": "Local Child Safeguarding Practice Review",
    "rapid_review": "Rapid review",
    "national": "National review",
    "learning_review": "Learning review",
    "sar": "Safeguarding Adults Review",
    "dhr": "Domestic Homicide Review",
}

REVIEW_STAGES = (
    "notified",
    "rapid_review",
    "decision",
    "commissioned",
    "draft",
    "completed",
    "published",
    "deferred",
)

# Recommendation lifecycle as the board records it; "implemented" is derived from its actions.
REC_OPEN, REC_CLOSED, REC_REJECTED, REC_SUPERSEDED = "open", "closed", "rejected", "superseded"


def parse_choice(field: str, value: str, choices) -> str:
    """Match a user's word to the vocabulary, forgiving case, spaces and hyphens."""

    key = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    if key in choices:
        return key
    raise DomainError(field, f"unknown value {value!r}; expected one of {', '.join(choices)}")
