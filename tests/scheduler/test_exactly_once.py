"""Two schedulers at once against PostgreSQL, and the same day run twice: every notice is sent once."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from monitoring.scheduler.jobs import run
from monitoring.scheduler.timetable import Schedule
from tests.scheduler.builders import BOARD, CHAIR

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2024, 8, 5)  # a Monday
ACTIONS = 8


def overdue_plan(app) -> None:
    """Eight Police actions, all more than 30 days overdue: each owes an overdue notice and an escalation."""
    app.register_board(BOARD, ["Police"], actor="manager", on=date(2024, 1, 1))
    app.set_chair_contact(BOARD, CHAIR, actor="manager", on=date(2024, 1, 1))
    app.set_agency_contact(BOARD, "Police", "police@north.example.org", actor="manager", on=date(2024, 1, 1))
    app.commission_review(BOARD, "child-c-2014", "Child C (2014)", "scr", actor="manager", on=date(2024, 1, 2))
    app.make_recommendation("child-c-2014", 1, "Share information at referral.", actor="manager", on=date(2024, 1, 3))
    for n in range(1, ACTIONS + 1):
        app.add_action("child-c-2014/R1", "Police", f"Train cohort {n}.", date(2024, 6, n), actor="m", on=date(2024, 1, 10))


def expected_keys(services) -> list[str]:
    keys = [f"{kind}:{a['id']}:{a['target_date'].isoformat()}"
            for a in services.queries.actions() for kind in ("overdue", "escalation")]
    return sorted(keys + [f"digest:{BOARD}:2024-W32"])


def assert_each_sent_once(smtp, services) -> None:
    sent = Counter(smtp.inbox.keys())
    assert sorted(sent) == expected_keys(services)
    assert set(sent.values()) == {1}
    for n in range(1, ACTIONS + 1):
        events = [type(e).__name__ for e in services.app.events_of(f"child-c-2014/R1/A{n}")]
        assert Counter(events) == Counter({"Agreed": 1, "NoticeQueued": 2, "NoticeDelivered": 2})


def test_the_same_day_run_twice_sends_each_notice_once(sqlite_url, wired, smtp):
    overdue_plan(wired(sqlite_url, TODAY).app)

    first = run(wired(sqlite_url, TODAY, smtp_url=smtp.url), "all", schedule=Schedule.from_env({}))
    services = wired(sqlite_url, TODAY, smtp_url=smtp.url)
    second = run(services, "all", schedule=Schedule.from_env({}))

    assert_each_sent_once(smtp, services)
    assert [r.summary() for r in second][:4] == [
        "reminders: 0 notice(s) queued, 0 queued before (not again)",
        f"overdue: 0 notice(s) queued, {2 * ACTIONS} queued before (not again)",
        "clocks: 0 notice(s) queued, 0 queued before (not again)",
        "digest: 0 notice(s) queued, 1 queued before (not again)",
    ]
    assert len(first[1].queued) == 2 * ACTIONS


@pytest.mark.postgres
def test_two_schedulers_in_threads_against_postgresql_send_each_notice_once(pg_url, wired, smtp):
    overdue_plan(wired(pg_url, TODAY).app)
    schedulers = [wired(pg_url, TODAY, smtp_url=smtp.url) for _ in range(2)]
    for services in schedulers:
        services.catch_up()
    start, errors = threading.Barrier(2), []

    def scheduler(services):
        start.wait()
        try:
            run(services, "all", schedule=Schedule.from_env({}))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=scheduler, args=(s,)) for s in schedulers]
    [t.start() for t in threads]
    [t.join() for t in threads]

    assert errors == []
    assert_each_sent_once(smtp, schedulers[0])


@pytest.mark.postgres
def test_two_scheduler_processes_against_postgresql_send_each_notice_once(pg_url, wired, smtp):
    services = wired(pg_url, TODAY)
    overdue_plan(services.app)
    services.catch_up()
    env = dict(os.environ, SCR_MONITOR_DB=pg_url, SCR_MONITOR_SMTP_URL=smtp.url)
    command = [sys.executable, "-m", "monitoring", "scheduler", "run", "all", "--on", TODAY.isoformat()]

    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in processes]

    assert [p.returncode for p in processes] == [0, 0], outputs
    queued = sum(int(line.split(": ")[1].split()[0]) for out, _ in outputs for line in out.splitlines()
                 if line.startswith(("overdue:", "digest:")))
    assert queued == 2 * ACTIONS + 1
    assert_each_sent_once(smtp, services)
