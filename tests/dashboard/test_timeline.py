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


def notes(count: int) -> list[dict]:
    return [{"position": n, "version": n, "recorded_at": datetime(2025, 1, 1, 9, tzinfo=timezone.utc), "effective": date(2025, 1, 1),
             "actor": "lead.police", "event": "ProgressReported", "change": "Progress reported", "details": {"note": f"Week {n}"}}
            for n in range(1, count + 1)]


def test_a_long_history_shows_the_latest_changes_and_links_to_all_of_them():
    from dashboard.timeline import LATEST

    tree = timeline(notes(LATEST + 5), shown=LATEST, all_href="/action/x?history=all")
    shown = entries(tree, "timeline")
    assert len(shown) == LATEST and "Week 30" in shown[0] and "Week 6" in shown[-1]
    more = " ".join(texts(find(tree, "timeline-more")))
    assert f"Showing the latest {LATEST} of {LATEST + 5} changes." in more and f"Show all {LATEST + 5} changes" in more
    assert find(tree, "timeline-all").href == "/action/x?history=all"


def test_a_history_no_longer_than_the_page_shows_is_shown_whole_without_a_link():
    from dashboard.timeline import LATEST

    tree = timeline(notes(LATEST), shown=LATEST, all_href="/action/x?history=all")
    assert len(entries(tree, "timeline")) == LATEST and find(tree, "timeline-more") is None
    assert len(entries(timeline(notes(LATEST + 5)), "timeline")) == LATEST + 5  # no limit asked: all


def test_the_address_says_whether_every_change_is_shown():
    from dashboard.timeline import LATEST, entries_shown

    assert entries_shown({"history": "all"}) is None
    assert entries_shown({}) == LATEST and entries_shown({"history": "everything"}) == LATEST


def find(node, ident):
    if getattr(node, "id", None) == ident:
        return node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, str):
            found = find(child, ident)
            if found is not None:
                return found
    return None
