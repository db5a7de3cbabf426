"""An action's history reads as a timeline: newest first, who and when, the reasons; notices also on their own."""
from __future__ import annotations

from datetime import date, datetime, timezone

from dashboard.timeline import timeline

HISTORY = [
    {"position": 1, "version": 1, "recorded_at": datetime(2024, 1, 10, 9, tzinfo=timezone.utc), "effective": date(2024, 1, 10),
     "actor": "manager", "event": "Agreed", "change": "Action agreed",
     "details": {"text": "Train officers", "board": "North Shire", "review_code": "child-c-2014", "number": 1}},
    {"position": 2, "version": 2, "recorded_at": datetime(2024, 7, 20, 9, tzinfo=timezone.utc), "effective": date(2024, 7, 18),
     "actor": "lead.police", "event": "Rescheduled", "change": "Target date moved",
     "details": {"target_date": "2025-06-30", "reason": "System upgrade delayed"}},
    {"position": 3, "version": 3, "recorded_at": datetime(2024, 7, 21, 7, tzinfo=timezone.utc), "effective": date(2024, 7, 21),
     "actor": "scheduler", "event": "NoticeQueued", "change": "Notice queued", "details": {"kind": "reminder", "recipient": "lead@police", "subject": "Reminder", "key": "reminder:a1:2025-06-30"}},
]


def texts(component) -> list[str]:
    """Every string in a Dash component tree, in order."""
    children = getattr(component, "children", component)
    if isinstance(children, str):
        return [children]
    if isinstance(children, (list, tuple)):
        return [t for child in children if child is not None for t in texts(child)]
    return texts(children) if children is not None and children is not component else []


def entries(tree, list_id: str) -> list[str]:
    found = []

    def walk(node):
        if getattr(node, "id", None) == list_id:
            found.extend(" ".join(" ".join(texts(li)).split()) for li in node.children)
            return
        children = getattr(node, "children", None)
        for child in children if isinstance(children, (list, tuple)) else [children]:
            if child is not None and not isinstance(child, str):
                walk(child)

    walk(tree)
    return found


def test_the_newest_change_comes_first_with_who_when_and_why():
    shown = entries(timeline(HISTORY), "timeline")
    assert len(shown) == 3
    assert shown[1].startswith("Target date moved by lead.police")
    assert "Effective 18 Jul 2024" in shown[1] and "recorded 20 Jul 2024 09:00 UTC" in shown[1]
    assert "Reason System upgrade delayed" in shown[1] and "Target date 30 Jun 2025" in shown[1]


def test_where_the_record_sits_is_not_repeated_in_its_history():
    agreed = entries(timeline(HISTORY), "timeline")[2]
    assert "Train officers" in agreed and "North Shire" not in agreed and "child-c-2014" not in agreed


def test_notices_sent_are_listed_on_their_own_too():
    notices = entries(timeline(HISTORY), "notices")
    assert len(notices) == 1 and notices[0].startswith("Reminder to lead@police")
    assert notices[0].endswith("waiting to send")


def test_a_notice_key_is_not_shown_in_the_history():
    assert not any("reminder:a1" in entry for entry in entries(timeline(HISTORY), "timeline"))


def test_with_no_notices_the_section_says_so():
    assert "No notices have been sent." in texts(timeline(HISTORY[:2]))
