"""The outbox and the sender: stored before sent, sent once, kept and retried with back-off when SMTP is down."""
from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import pytest

from domain.errors import DomainError
from monitoring.scheduler.delivery import parse_smtp_url
from monitoring.scheduler.queueing import Notifier
from monitoring.scheduler.outbox import Notice, Outbox, backoff
from tests.builders import board_with_action

TODAY = date(2024, 7, 8)
LEAD = "police.lead@north.example.org"


def overdue_notice(action, key_suffix: str = "", recipient: str = LEAD) -> Notice:
    return Notice(
        key=f"overdue:{action.id}:2024-06-30{key_suffix}", kind="overdue", aggregate_id=str(action.id),
        reference=action.reference, board=action.board, recipient=recipient,
        subject=f"Overdue: action {action.reference} was due on 30 June 2024", body="Please report progress.",
    )


class Clock:
    """A settable UTC 'now' for back-off."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def events(services, ref="child-c-2014/R1/A1") -> list[str]:
    return [type(e).__name__ for e in services.app.events_of(ref)]


def test_a_queued_notice_is_delivered_by_smtp_and_recorded_on_the_action(sqlite_url, wired, smtp):
    services = wired(sqlite_url, TODAY, smtp_url=smtp.url)
    action = board_with_action(services.app)
    notifier = Notifier(services)

    assert notifier.queue(overdue_notice(action), TODAY) is True
    report = notifier.send(TODAY)

    assert report.delivered == [f"overdue:{action.id}:2024-06-30"]
    [message] = smtp.inbox.messages
    assert message["To"] == LEAD
    assert message["From"] == "monitor@board.example.org"
    assert message["Subject"] == "Overdue: action child-c-2014/R1/A1 was due on 30 June 2024"
    assert message.get_content().strip() == "Please report progress."
    assert events(services) == ["Agreed", "NoticeQueued", "NoticeDelivered"]
    assert Outbox(services.engine).pending() == []


def test_a_notice_does_not_move_the_actions_last_change(sqlite_url, wired, smtp):
    services = wired(sqlite_url, TODAY, smtp_url=smtp.url)
    action = board_with_action(services.app)
    Notifier(services).queue(overdue_notice(action), TODAY)

    reloaded = services.app.action(action.reference)
    assert reloaded.last_effective == date(2024, 1, 10)
    # A business change dated before the notice is still accepted: notices are not on the effective-date line.
    services.app.report_progress(action.reference, "Half trained", actor="police.lead", on=date(2024, 7, 1))


def test_the_same_key_queued_twice_is_stored_recorded_and_sent_once(sqlite_url, wired, smtp):
    services = wired(sqlite_url, TODAY, smtp_url=smtp.url)
    action = board_with_action(services.app)
    notifier = Notifier(services)

    assert notifier.queue(overdue_notice(action), TODAY) is True
    assert notifier.queue(overdue_notice(action), TODAY) is False
    notifier.send(TODAY)
    notifier.send(TODAY)

    assert len(smtp.inbox.messages) == 1
    assert events(services).count("NoticeQueued") == 1
    assert events(services).count("NoticeDelivered") == 1


def test_an_unreachable_server_keeps_the_notice_and_retries_after_back_off_sending_once(sqlite_url, wired, smtp_down):
    services = wired(sqlite_url, TODAY, smtp_url=smtp_down.url)
    action = board_with_action(services.app)
    clock = Clock(datetime(2024, 7, 8, 7, 0))
    notifier = Notifier(services, now=clock)
    notifier.queue(overdue_notice(action), TODAY)

    failed = notifier.send(TODAY)
    [row] = Outbox(services.engine).pending()
    assert failed.delivered == [] and "ConnectionRefusedError" in row["last_error"]
    assert row["attempts"] == 1 and row["next_attempt_at"] == datetime(2024, 7, 8, 7, 1)

    smtp_down.start()
    clock.now += timedelta(seconds=30)  # still inside its back-off: not tried again yet
    assert notifier.send(TODAY).delivered == [] and smtp_down.inbox.messages == []

    clock.now += timedelta(seconds=31)
    assert len(notifier.send(TODAY).delivered) == 1
    assert notifier.send(TODAY).delivered == []
    assert len(smtp_down.inbox.messages) == 1
    assert events(services) == ["Agreed", "NoticeQueued", "NoticeDelivered"]


def test_back_off_doubles_from_a_minute_up_to_six_hours():
    assert [backoff(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert backoff(30) == timedelta(hours=6)


def test_a_refused_recipient_waits_for_a_retry_while_the_others_go(sqlite_url, wired, smtp):
    services = wired(sqlite_url, TODAY, smtp_url=smtp.url)
    action = board_with_action(services.app)
    smtp.inbox.refuse.add("gone@north.example.org")
    notifier = Notifier(services)
    notifier.queue(overdue_notice(action, ":a", recipient="gone@north.example.org"), TODAY)
    notifier.queue(overdue_notice(action, ":b"), TODAY)

    report = notifier.send(TODAY)

    assert [m["To"] for m in smtp.inbox.messages] == [LEAD]
    assert list(report.failed) == [f"overdue:{action.id}:2024-06-30:a"]
    assert "550" in next(iter(report.failed.values()))
    assert report.waiting == 1


def test_without_smtp_notices_stay_in_the_outbox_and_the_report_says_where(sqlite_url, wired):
    services = wired(sqlite_url, TODAY)
    action = board_with_action(services.app)
    notifier = Notifier(services)
    notifier.queue(overdue_notice(action), TODAY)

    report = notifier.send(TODAY)

    assert report.waiting == 1
    assert report.summary().startswith("send: SCR_MONITOR_SMTP_URL is not set; 1 notice(s) kept in the outbox")
    assert events(services) == ["Agreed", "NoticeQueued"]


def test_the_message_carries_a_stable_id_and_its_notice_key(sqlite_url, wired, smtp):
    services = wired(sqlite_url, TODAY, smtp_url=smtp.url)
    action = board_with_action(services.app)
    notifier = Notifier(services)
    notifier.queue(overdue_notice(action), TODAY)
    notifier.send(TODAY)

    [message] = smtp.inbox.messages
    assert str(message["X-SCR-Monitor-Notice"]).strip() == f"overdue:{action.id}:2024-06-30"
    assert message["Message-ID"].endswith("@scr-monitor>")


def test_a_notice_recorded_nowhere_after_a_crash_is_recorded_once_on_the_next_send(sqlite_url, wired, smtp):
    services = wired(sqlite_url, TODAY, smtp_url=smtp.url)
    action = board_with_action(services.app)
    notifier = Notifier(services)
    notifier.outbox.claim(overdue_notice(action), TODAY)  # the process died before recording the event

    notifier.send(TODAY)
    notifier.send(TODAY)

    assert events(services) == ["Agreed", "NoticeQueued", "NoticeDelivered"]
    assert len(smtp.inbox.messages) == 1


@pytest.mark.postgres
def test_two_senders_racing_on_postgresql_deliver_each_notice_once(pg_url, wired, smtp):
    first = wired(pg_url, TODAY, smtp_url=smtp.url)
    action = board_with_action(first.app)
    for n in range(20):
        Notifier(first).queue(overdue_notice(action, f":{n}"), TODAY)
    second = wired(pg_url, TODAY, smtp_url=smtp.url)
    start = threading.Barrier(2)
    reports = []

    def sender(services):
        notifier = Notifier(services)
        start.wait()
        reports.append(notifier.send(TODAY))

    threads = [threading.Thread(target=sender, args=(s,)) for s in (first, second)]
    [t.start() for t in threads]
    [t.join() for t in threads]

    assert sorted(smtp.inbox.keys()) == sorted(f"overdue:{action.id}:2024-06-30:{n}" for n in range(20))
    assert sum(len(r.delivered) for r in reports) == 20
    assert events(first).count("NoticeDelivered") == 20


@pytest.mark.parametrize(
    "url, expected",
    [
        ("smtp://mail.board.example.org", ("smtp", "mail.board.example.org", 25, None, None)),
        ("smtp+starttls://monitor:s%40cret@mail.example.org:587", ("smtp+starttls", "mail.example.org", 587, "monitor", "s@cret")),
        ("smtps://mail.example.org", ("smtps", "mail.example.org", 465, None, None)),
    ],
)
def test_smtp_urls_name_scheme_host_port_and_login(url, expected):
    server = parse_smtp_url(url)
    assert (server.scheme, server.host, server.port, server.user, server.password) == expected
    assert "cret" not in server.display


def test_a_url_that_is_not_smtp_is_refused_naming_the_setting():
    with pytest.raises(DomainError, match="^SCR_MONITOR_SMTP_URL: 'http://mail' is not smtp://"):
        parse_smtp_url("http://mail")


def test_a_notice_sent_while_the_page_was_open_does_not_make_the_update_stale(sqlite_url, wired):
    services = wired(sqlite_url, TODAY)
    action = board_with_action(services.app)
    shown = services.app.action(action.reference).version  # the lead opens the action's page
    Notifier(services).queue(overdue_notice(action), TODAY)  # the scheduler tells them it is overdue

    updated = services.app.report_progress(action.reference, "Half trained", actor="police.lead", expected_version=shown)
    assert updated.status == "in_progress"

    stale = shown  # a real change since the page was loaded is still refused
    services.app.complete_action(action.reference, "All trained", actor="police.lead")
    with pytest.raises(DomainError, match="changed by someone else"):
        services.app.reschedule_action(action.reference, date(2024, 12, 31), "Slipped", actor="p", expected_version=stale)


def test_while_the_server_is_down_every_waiting_notice_backs_off_and_all_go_once_it_is_back(sqlite_url, wired, smtp_down):
    services = wired(sqlite_url, TODAY, smtp_url=smtp_down.url)
    action = board_with_action(services.app)
    clock = Clock(datetime(2024, 7, 8, 7, 0))
    notifier = Notifier(services, now=clock)
    for n in range(3):
        notifier.queue(overdue_notice(action, f":{n}"), TODAY)

    assert len(notifier.send(TODAY).failed) == 3
    assert {(r["attempts"], r["next_attempt_at"]) for r in Outbox(services.engine).pending()} == {(1, datetime(2024, 7, 8, 7, 1))}

    smtp_down.start()
    clock.now += timedelta(minutes=2)
    assert len(notifier.send(TODAY).delivered) == 3
    assert sorted(smtp_down.inbox.keys()) == sorted(f"overdue:{action.id}:2024-06-30:{n}" for n in range(3))
