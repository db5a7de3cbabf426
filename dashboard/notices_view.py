"""The notices sent about a record: each NoticeQueued paired with its NoticeDelivered (the same key), one entry a notice."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from dash import html

from dashboard.components import day, moment, section

QUEUED, DELIVERED = "NoticeQueued", "NoticeDelivered"
# monitoring.scheduler.notice_rules' kinds (domain.notices.NOTICE_KINDS), in a reader's words.
KIND_WORDS = {
    "reminder": "Reminder",
    "overdue": "Overdue",
    "escalation": "Escalation to the chair",
    "clock": "Statutory clock",
    "digest": "Weekly digest",
}


def kind_words(kind: str | None) -> str:
    return KIND_WORDS.get(kind or "", (kind or "notice").replace("_", " ").capitalize())


def pair_notices(history: Sequence[Mapping]) -> list[dict]:
    """One entry per notice queued, newest first, with when it was sent (None: still waiting in the outbox).

    A delivery is matched to its notice by the notice's key; the key itself is not shown to people.
    """
    sent = {}
    for row in history:
        if row.get("event") == DELIVERED:
            sent.setdefault((row.get("details") or {}).get("key"), row)
    notices = []
    for row in history:
        if row.get("event") != QUEUED:
            continue
        details = row.get("details") or {}
        delivery = sent.get(details.get("key"))
        notices.append(
            {
                "kind": details.get("kind"),
                "what": kind_words(details.get("kind")),
                "recipient": details.get("recipient"),
                "subject": details.get("subject"),
                "queued_on": row.get("effective"),
                "queued_at": row.get("recorded_at"),
                "sent_at": delivery.get("recorded_at") if delivery else None,
            }
        )
    return list(reversed(notices))


def notice_entry(notice: Mapping) -> html.Li:
    when = f"sent {moment(notice['sent_at'])}" if notice["sent_at"] is not None else "waiting to send"
    return html.Li(
        [
            html.P([html.Strong(notice["what"]), " to ", notice.get("recipient") or "nobody"], className="mb-1"),
            html.P(notice.get("subject") or "", className="mb-1"),
            html.P([f"Queued {day(notice.get('queued_on'))}", html.Span(" · "), when], className="timeline-when mb-0"),
        ],
        className="timeline-entry notice" + ("" if notice["sent_at"] is not None else " notice-waiting"),
    )


def notices_section(history: Sequence[Mapping]) -> html.Section:
    notices = pair_notices(history)
    return section(
        "Notices sent",
        html.Ol([notice_entry(n) for n in notices], className="timeline", id="notices") if notices
        else html.P("No notices have been sent.", id="notices"),
        id="notices-sent",
    )
