"""The notices sent about a record: each queued notice paired with its delivery by key, one entry a notice."""
from __future__ import annotations

from datetime import date, datetime, timezone

from dashboard.notices_view import kind_words, notices_section, pair_notices
from tests.dashboard.test_timeline import entries, texts


def queued(version, kind, key, recipient="lead@police.example.org", subject="Reminder: action due", on=date(2025, 1, 6), hour=7):
    return {"version": version, "event": "NoticeQueued", "change": "Notice queued", "actor": "scheduler", "effective": on,
            "recorded_at": datetime(on.year, on.month, on.day, hour, tzinfo=timezone.utc),
            "details": {"kind": kind, "recipient": recipient, "subject": subject, "key": key}}


def delivered(version, key, at, recipient="lead@police.example.org"):
    return {"version": version, "event": "NoticeDelivered", "change": "Notice delivered", "actor": "scheduler",
            "effective": at.date(), "recorded_at": at, "details": {"recipient": recipient, "key": key}}


SENT_AT = datetime(2025, 1, 6, 7, 5, tzinfo=timezone.utc)
HISTORY = [
    {"version": 1, "event": "Agreed", "change": "Action agreed", "actor": "manager", "effective": date(2024, 1, 10),
     "recorded_at": datetime(2024, 1, 10, 9, tzinfo=timezone.utc), "details": {"text": "Train officers"}},
    queued(2, "reminder", "reminder:a1:2025-01-20"),
    queued(3, "escalation", "escalation:a1:2025-01-20", recipient="chair@board.example.org", subject="Escalation: overdue",
           on=date(2025, 2, 19)),
    delivered(4, "reminder:a1:2025-01-20", SENT_AT),  # delivered after the next notice was queued: paired by key
]


def test_each_notice_is_paired_with_its_delivery_by_key_newest_first():
    notices = pair_notices(HISTORY)
    assert [n["kind"] for n in notices] == ["escalation", "reminder"]
    escalation, reminder = notices
    assert reminder["sent_at"] == SENT_AT and reminder["queued_on"] == date(2025, 1, 6)
    assert escalation["sent_at"] is None
    assert escalation["what"] == "Escalation to the chair" and escalation["recipient"] == "chair@board.example.org"
    assert all("key" not in n for n in notices)


def test_a_delivery_without_its_queued_notice_is_not_a_notice_of_its_own():
    assert pair_notices([delivered(1, "reminder:x:2025-01-01", SENT_AT)]) == []
    assert pair_notices(HISTORY[:1]) == []


def test_every_kind_has_words():
    assert [kind_words(k) for k in ("reminder", "overdue", "escalation", "clock", "digest")] == [
        "Reminder", "Overdue", "Escalation to the chair", "Statutory clock", "Weekly digest"]
    assert kind_words("something_new") == "Something new"


def test_the_list_shows_one_entry_a_notice_sent_or_waiting_and_never_the_key():
    shown = entries(notices_section(HISTORY), "notices")
    assert len(shown) == 2
    assert shown[0].startswith("Escalation to the chair to chair@board.example.org")
    assert "Escalation: overdue" in shown[0] and "Queued 19 Feb 2025" in shown[0] and shown[0].endswith("waiting to send")
    assert shown[1].startswith("Reminder to lead@police.example.org") and shown[1].endswith("sent 06 Jan 2025 07:05 UTC")
    assert not any("reminder:a1" in t for t in texts(notices_section(HISTORY)))


def test_with_no_notices_it_says_so():
    assert "No notices have been sent." in texts(notices_section(HISTORY[:1]))
