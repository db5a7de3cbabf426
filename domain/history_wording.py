"""Events told as a person would read them in an aggregate's history."""
from __future__ import annotations

from datetime import date
from typing import Any

_META = {"originator_id", "originator_version", "timestamp", "originator_topic", "actor", "on"}

_TITLES = {
    "Registered": "Board registered",
    "AgencyAdded": "Agency added",
    "ChairContactSet": "Sub-group chair contact set",
    "AgencyContactSet": "Agency contact set",
    "RagBandRenamed": "RAG band renamed",
    "Commissioned": "Review commissioned",
    "StageChanged": "Stage changed",
    "PanelNotified": "National Panel notified",
    "ThemesSet": "Themes set",
    "Made": "Recommendation made",
    "ActionPlanned": "Action planned",
    "PrioritySet": "Priority changed",
    "Closed": "Recommendation closed",
    "Rejected": "Recommendation rejected",
    "Superseded": "Recommendation superseded",
    "RecurrenceNoted": "Recurring learning noted",
    "Started": "Theme scheme started",
    "Changed": "Theme scheme changed",
    "Agreed": "Action agreed",
    "ProgressReported": "Progress reported",
    "Completed": "Marked complete",
    "SignedOff": "Signed off",
    "SignOffRefused": "Sign-off refused",
    "Rescheduled": "Target date moved",
    "Withdrawn": "Withdrawn",
    "Reopened": "Reopened",
    "ContactSet": "Lead contact set",
    "Reclassified": "Kind or scope changed",
    "ResponseRecorded": "National response recorded",
    "ImpactPlanned": "Impact plan set",
    "Retested": "Impact re-tested",
    "AssuranceLevelRenamed": "Assurance word changed",
    "EvidenceAttached": "Document attached",
    "EvidenceWithdrawn": "Document withdrawn",
    "EvidencePurged": "Document purged",
}


def event_name(event: Any) -> str:
    return type(event).__name__


def event_title(event: Any) -> str:
    name = event_name(event)
    return _TITLES.get(name) or "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip().capitalize()


def event_details(event: Any) -> dict[str, Any]:
    """The fields a person would want to read: reasons, evidence, notes, new dates."""
    details = {}
    for key, value in vars(event).items():
        if key in _META or key.endswith("_id") or value in (None, "", []):
            continue
        if key == "earlier" and isinstance(value, list):  # RecurrenceNoted: the earlier recommendations, by reference
            value = [e.get("reference", "") if isinstance(e, dict) else e for e in value]
        details[key] = value.isoformat() if isinstance(value, date) else value
    return details


def event_summary(event: Any) -> str:
    details = event_details(event)
    parts = []
    for key, value in details.items():
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{key.replace('_', ' ')}: {text}")
    return "; ".join(parts)
