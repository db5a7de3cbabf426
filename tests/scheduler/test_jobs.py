"""Each job tells the right person once: reminders, overdue and escalation, statutory clocks, digests, snapshots."""
from __future__ import annotations

import time
from datetime import date, datetime, timezone

from apscheduler.schedulers.background import BackgroundScheduler

from monitoring.scheduler.jobs import build_scheduler, run
from monitoring.scheduler.outbox import Outbox
from monitoring.scheduler.timetable import Schedule
from monitoring.scheduler.snapshots import snapshots
from tests.scheduler.builders import BOARD, CHAIR, OWN, POLICE, plan

SCHEDULE = Schedule.from_env({})


def run_on(wired, url, today, job, smtp=None):
    services = wired(url, today, smtp_url=smtp.url if smtp else None)
    return [r.summary() for r in run(services, job, schedule=SCHEDULE)], services


def subjects(smtp) -> list[str]:
    return [str(m["Subject"]) for m in smtp.inbox.messages]


def test_the_lead_is_reminded_fourteen_days_before_the_target_date_once(sqlite_url, wired, smtp):
    plan(wired(sqlite_url, date(2024, 7, 8)).app)

    run_on(wired, sqlite_url, date(2024, 7, 7), "reminders", smtp)  # fifteen days before: not yet
    assert smtp.inbox.messages == []
    summary, _ = run_on(wired, sqlite_url, date(2024, 7, 8), "reminders", smtp)
    run_on(wired, sqlite_url, date(2024, 7, 8), "reminders", smtp)  # the same day again
    run_on(wired, sqlite_url, date(2024, 7, 9), "reminders", smtp)  # and the next day

    [message] = smtp.inbox.messages
    assert message["To"] == OWN
    assert message["Subject"] == "Reminder: action child-c-2014/R1/A1 is due on 22 July 2024"
    assert "due on 22 July 2024 (in 14 days)" in message.get_content()
    assert "https://scr.example.org/action/child-c-2014--R1--A1" in message.get_content()
    assert summary[0] == "reminders: 1 notice(s) queued, 0 queued before (not again)"


def test_without_its_own_contact_an_action_goes_to_its_agencys_contact(sqlite_url, wired, smtp):
    plan(wired(sqlite_url, date(2024, 8, 16)).app)

    run_on(wired, sqlite_url, date(2024, 8, 16), "reminders", smtp)

    assert [m["To"] for m in smtp.inbox.messages] == [POLICE]
    assert subjects(smtp) == ["Reminder: action child-c-2014/R1/A2 is due on 30 August 2024"]


def test_overdue_tells_the_lead_once_and_the_chair_thirty_days_later(sqlite_url, wired, smtp):
    plan(wired(sqlite_url, date(2024, 7, 1)).app, targets=(date(2024, 6, 30),), contacts=(OWN,))

    for day in (date(2024, 7, 1), date(2024, 7, 15), date(2024, 7, 29)):
        run_on(wired, sqlite_url, day, "overdue", smtp)
    assert [(m["To"], m["Subject"]) for m in smtp.inbox.messages] == [
        (OWN, "Overdue: action child-c-2014/R1/A1 was due on 30 June 2024")]

    for day in (date(2024, 7, 30), date(2024, 8, 5)):
        run_on(wired, sqlite_url, day, "overdue", smtp)
    assert [(m["To"], m["Subject"]) for m in smtp.inbox.messages][1:] == [
        (CHAIR, "Escalation: action child-c-2014/R1/A1 (Police) is 30 days overdue")]


def test_a_new_target_date_starts_a_new_reminder_and_overdue_cycle(sqlite_url, wired, smtp):
    plan(wired(sqlite_url, date(2024, 7, 1)).app, targets=(date(2024, 6, 30),), contacts=(OWN,))
    run_on(wired, sqlite_url, date(2024, 7, 1), "all", smtp)
    services = wired(sqlite_url, date(2024, 7, 2))
    services.app.reschedule_action("child-c-2014/R1/A1", date(2024, 9, 30), "Trainer off sick", actor="police.lead")

    run_on(wired, sqlite_url, date(2024, 9, 16), "all", smtp)
    run_on(wired, sqlite_url, date(2024, 10, 1), "all", smtp)

    assert [s for s in subjects(smtp) if "child-c-2014/R1/A1" in s and not s.startswith("Weekly")] == [
        "Overdue: action child-c-2014/R1/A1 was due on 30 June 2024",
        "Reminder: action child-c-2014/R1/A1 is due on 30 September 2024",
        "Overdue: action child-c-2014/R1/A1 was due on 30 September 2024",
    ]


def test_done_actions_get_no_reminder_or_overdue_notice(sqlite_url, wired, smtp):
    app = wired(sqlite_url, date(2024, 7, 1)).app
    plan(app, targets=(date(2024, 6, 30), date(2024, 7, 10)), contacts=(OWN, OWN))
    app.complete_action("child-c-2014/R1/A1", "Register of 412 officers", actor="police.lead", on=date(2024, 6, 20))
    app.withdraw_action("child-c-2014/R1/A2", "Superseded by the national programme", actor="chair", on=date(2024, 6, 20))

    summaries, _ = run_on(wired, sqlite_url, date(2024, 7, 1), "reminders", smtp)
    run_on(wired, sqlite_url, date(2024, 7, 1), "overdue", smtp)

    assert smtp.inbox.messages == []
    assert summaries[0].startswith("reminders: 0 notice(s) queued")


def test_nobody_to_tell_is_reported_and_sent_once_a_contact_is_set(sqlite_url, wired, smtp):
    app = wired(sqlite_url, date(2024, 7, 1)).app
    plan(app, targets=(date(2024, 6, 30),), contacts=("",))
    app.set_agency_contact(BOARD, "Police", "x@y.example.org", actor="manager", on=date(2024, 1, 1))
    app.register_board("Eastmoor Safeguarding Partnership", ["Police"], actor="manager", on=date(2024, 1, 1))
    app.commission_review("Eastmoor Safeguarding Partnership", "child-j-2020", "Child J (2020)", "scr", actor="m", on=date(2024, 1, 2))
    app.make_recommendation("child-j-2020", 1, "Supervise.", actor="m", on=date(2024, 1, 3))
    app.add_action("child-j-2020/R1", "Police", "Audit supervision.", date(2024, 6, 28), actor="m", on=date(2024, 1, 10))

    summaries, _ = run_on(wired, sqlite_url, date(2024, 7, 1), "overdue", smtp)
    assert "nobody to tell for 1 (child-j-2020/R1/A1): set a contact" in summaries[0]
    assert [m["To"] for m in smtp.inbox.messages] == ["x@y.example.org"]

    wired(sqlite_url, date(2024, 7, 2)).app.set_action_contact("child-j-2020/R1/A1", "audit@east.example.org", actor="m")
    run_on(wired, sqlite_url, date(2024, 7, 2), "overdue", smtp)
    assert [m["To"] for m in smtp.inbox.messages] == ["x@y.example.org", "audit@east.example.org"]


def test_notices_show_in_the_actions_history_with_whom_and_when(sqlite_url, wired, smtp):
    plan(wired(sqlite_url, date(2024, 7, 1)).app, targets=(date(2024, 6, 30),), contacts=(OWN,))

    _, services = run_on(wired, sqlite_url, date(2024, 7, 1), "overdue", smtp)

    history = services.queries.history("child-c-2014/R1/A1")
    notices = [(h["event"], h["effective"], h["actor"], h["details"].get("recipient")) for h in history[1:]]
    assert notices == [("NoticeQueued", date(2024, 7, 1), "scheduler", OWN),
                       ("NoticeDelivered", date(2024, 7, 1), "scheduler", OWN)]
    assert history[1]["details"]["subject"] == "Overdue: action child-c-2014/R1/A1 was due on 30 June 2024"
    assert services.queries.action("child-c-2014/R1/A1")["last_update"] == date(2024, 1, 10)


def test_without_smtp_the_run_says_the_notices_are_kept_in_the_outbox(sqlite_url, wired):
    plan(wired(sqlite_url, date(2024, 7, 1)).app, targets=(date(2024, 6, 30),), contacts=(OWN,))

    summaries, services = run_on(wired, sqlite_url, date(2024, 7, 1), "overdue")

    assert summaries[-1] == ("send: SCR_MONITOR_SMTP_URL is not set; 1 notice(s) kept in the outbox "
                             "(list them with `scr-monitor scheduler outbox`)")
    assert [r["recipient"] for r in Outbox(services.engine).pending()] == [OWN]


def test_the_snapshot_keeps_last_months_figures_as_they_stood_when_taken(sqlite_url, wired):
    plan(wired(sqlite_url, date(2024, 8, 1)).app, targets=(date(2024, 6, 30), date(2024, 8, 30)), contacts=(OWN, OWN))
    summaries, services = run_on(wired, sqlite_url, date(2024, 8, 1), "snapshot")
    # A completion reported later, dated back into July, changes July's as-at figures but not the snapshot.
    wired(sqlite_url, date(2024, 8, 2)).app.complete_action("child-c-2014/R1/A1", "Register", actor="p", on=date(2024, 7, 20))
    again, _ = run_on(wired, sqlite_url, date(2024, 8, 2), "snapshot")

    [snap] = snapshots(services.engine)
    assert (snap["month"], snap["board"], snap["as_at"]) == ("2024-07", BOARD, date(2024, 7, 31))
    assert (snap["figures"]["totals"]["overdue"], snap["figures"]["totals"]["completed"]) == (1, 0)
    assert summaries == ["snapshot: status figures for 2024-07 taken for 1 board(s), 0 taken before (kept as they were)"]
    assert again == ["snapshot: status figures for 2024-07 taken for 0 board(s), 1 taken before (kept as they were)"]


def test_a_job_fired_by_the_scheduler_runs_by_reference_and_sends(sqlite_url, wired, smtp, monkeypatch):
    monkeypatch.setenv("SCR_MONITOR_SMTP_URL", smtp.url)
    services = wired(sqlite_url, date.today())
    plan(services.app, targets=(date(2024, 6, 30),), contacts=(OWN,))
    scheduler = build_scheduler(services, SCHEDULE, db_url=sqlite_url, scheduler_class=BackgroundScheduler)
    scheduler.start()
    try:
        scheduler.get_job("overdue").modify(next_run_time=datetime.now(timezone.utc))  # as if 07:10 had come
        for _ in range(100):
            if len(smtp.inbox.messages) == 2:  # overdue to the lead, escalation to the chair
                break
            time.sleep(0.1)
    finally:
        scheduler.shutdown()

    assert [m["Subject"] for m in smtp.inbox.to(OWN)] == ["Overdue: action child-c-2014/R1/A1 was due on 30 June 2024"]
    assert [str(m["Subject"]).split(" is ")[0] for m in smtp.inbox.to(CHAIR)] == [
        "Escalation: action child-c-2014/R1/A1 (Police)"]
