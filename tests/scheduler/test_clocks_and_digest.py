"""Statutory clocks in England's working days (real Christmas and Easter dates), and the chairs' weekly digest."""
from __future__ import annotations

from datetime import date

from monitoring.cli.main import main
from monitoring.scheduler.jobs import run
from monitoring.scheduler.timetable import Schedule
from tests.scheduler.builders import BOARD, CHAIR, OWN, plan

SCHEDULE = Schedule.from_env({})


def serious_incident(app, aware_on: date, code: str = "child-n-2024") -> None:
    app.register_board(BOARD, ["Police"], actor="manager", on=date(2024, 1, 1))
    app.set_chair_contact(BOARD, CHAIR, actor="manager", on=date(2024, 1, 1))
    app.commission_review(BOARD, code, "Child N (2024)", "lcspr", actor="manager", on=aware_on, aware_on=aware_on)


def clocks_on(wired, url, day, smtp) -> list[str]:
    run(wired(url, day, smtp_url=smtp.url), "clocks", schedule=SCHEDULE)
    return [str(m["Subject"]) for m in smtp.inbox.messages]


def test_a_notification_clock_started_before_christmas_skips_the_bank_holidays(sqlite_url, wired, smtp):
    # Aware Friday 20 December 2024: 23, 24, 27, 30, 31 December are the five working days.
    serious_incident(wired(sqlite_url, date(2024, 12, 20)).app, date(2024, 12, 20))

    subjects = clocks_on(wired, sqlite_url, date(2024, 12, 23), smtp)
    assert subjects == ["Statutory deadline near: notification for child-n-2024 is due on 31 December 2024"]
    assert "falls due in 4 working days, on 31 December 2024" in smtp.inbox.messages[0].get_content()
    assert smtp.inbox.messages[0]["To"] == CHAIR

    clocks_on(wired, sqlite_url, date(2024, 12, 27), smtp)  # still near: nothing new
    subjects = clocks_on(wired, sqlite_url, date(2025, 1, 2), smtp)  # passed, not met
    assert subjects[1:] == ["Statutory deadline passed: notification for child-n-2024 was due on 31 December 2024"]


def test_the_rapid_review_clock_counts_past_new_year(sqlite_url, wired, smtp):
    # Fifteen working days from 20 December 2024 skip 25, 26 December and 1 January: 15 January 2025.
    serious_incident(wired(sqlite_url, date(2024, 12, 20)).app, date(2024, 12, 20))
    services = wired(sqlite_url, date(2024, 12, 30))
    services.app.record_panel_notification("child-n-2024", actor="manager", on=date(2024, 12, 30))

    assert clocks_on(wired, sqlite_url, date(2025, 1, 7), smtp) == []  # six working days left
    assert clocks_on(wired, sqlite_url, date(2025, 1, 8), smtp) == [
        "Statutory deadline near: rapid review for child-n-2024 is due on 15 January 2025"]


def test_a_clock_started_before_easter_skips_good_friday_and_easter_monday(sqlite_url, wired, smtp):
    # Aware Wednesday 16 April 2025; 18 and 21 April are bank holidays: due Friday 25 April, not 23rd.
    serious_incident(wired(sqlite_url, date(2025, 4, 16)).app, date(2025, 4, 16), code="child-e-2025")

    assert clocks_on(wired, sqlite_url, date(2025, 4, 17), smtp) == [
        "Statutory deadline near: notification for child-e-2025 is due on 25 April 2025"]


def test_a_deadline_missed_long_ago_is_not_emailed(sqlite_url, wired, smtp):
    serious_incident(wired(sqlite_url, date(2024, 1, 8)).app, date(2024, 1, 8))

    assert clocks_on(wired, sqlite_url, date(2024, 11, 25), smtp) == []


def test_the_weekly_digest_goes_to_the_chair_once_a_week_with_links(sqlite_url, wired, smtp):
    app = wired(sqlite_url, date(2024, 7, 8)).app
    plan(app, targets=(date(2024, 6, 30), date(2024, 7, 31), date(2024, 12, 31)), contacts=(OWN, OWN, OWN))
    app.complete_action("child-c-2014/R1/A3", "Register of 412 officers", actor="police.lead", on=date(2024, 7, 1))
    app.refuse_sign_off("child-c-2014/R1/A3", "No evidence from the night shift", actor="chair", on=date(2024, 7, 3))
    app.complete_action("child-c-2014/R1/A3", "Night shift register added", actor="police.lead", on=date(2024, 7, 5))

    for day in (date(2024, 7, 8), date(2024, 7, 10)):  # Monday, and again on Wednesday of the same week
        run(wired(sqlite_url, day, smtp_url=smtp.url), "digest", schedule=SCHEDULE)

    [digest] = smtp.inbox.messages
    body = digest.get_content()
    assert digest["To"] == CHAIR
    assert digest["Subject"] == (f"Weekly digest for {BOARD}, week 28 of 2024: 1 overdue, 1 due soon, 1 awaiting sign-off")
    assert "Overdue (1)\n- child-c-2014/R1/A1 (Police): Train officers, cohort 1.\n  due 30 June 2024, 8 days overdue" in body
    assert "Due soon (1)\n- child-c-2014/R1/A2" in body
    assert "Completed, awaiting sign-off (1)\n- child-c-2014/R1/A3" in body
    assert "Sign-off refused in the past week (0)\n  None." in body  # A3 was refused, then completed again
    assert "https://scr.example.org/action/child-c-2014--R1--A1" in body

    run(wired(sqlite_url, date(2024, 7, 15), smtp_url=smtp.url), "digest", schedule=SCHEDULE)
    assert len(smtp.inbox.messages) == 2


def test_the_digest_lists_sign_offs_refused_in_the_past_week_with_reasons(sqlite_url, wired, smtp):
    app = wired(sqlite_url, date(2024, 7, 8)).app
    plan(app, targets=(date(2024, 12, 31),), contacts=(OWN,))
    app.complete_action("child-c-2014/R1/A1", "Register", actor="police.lead", on=date(2024, 6, 20))
    app.refuse_sign_off("child-c-2014/R1/A1", "No evidence from the night shift", actor="chair", on=date(2024, 7, 3))

    run(wired(sqlite_url, date(2024, 7, 8), smtp_url=smtp.url), "digest", schedule=SCHEDULE)

    body = smtp.inbox.messages[0].get_content()
    assert ("Sign-off refused in the past week (1)\n- child-c-2014/R1/A1 (Police): Train officers, cohort 1.\n"
            "  refused 3 July 2024: No evidence from the night shift") in body


def test_scheduler_run_digest_on_the_demo_sends_each_chair_a_digest(sqlite_url, smtp, monkeypatch, capsys):
    monkeypatch.setenv("SCR_MONITOR_SMTP_URL", smtp.url)
    assert main(["demo", "--db", sqlite_url]) == 0

    assert main(["scheduler", "run", "digest", "--db", sqlite_url]) == 0
    assert main(["scheduler", "run", "digest", "--db", sqlite_url]) == 0

    out = capsys.readouterr().out
    assert sorted(m["To"] for m in smtp.inbox.messages) == [
        "subgroup.chair@eastmoor.example.org", "subgroup.chair@northshire.example.org"]
    assert "digest: 2 notice(s) queued, 0 queued before (not again)" in out
    assert "digest: 0 notice(s) queued, 2 queued before (not again)" in out
    assert all(str(m["Subject"]).startswith("Weekly digest for ") for m in smtp.inbox.messages)
