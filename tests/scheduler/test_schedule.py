"""Schedules in one place, from the environment; jobs kept in the product's database under fixed ids."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import create_engine, inspect, text

from domain.errors import DomainError
from monitoring.scheduler.jobs import build_scheduler
from monitoring.scheduler.timetable import DEFAULT_CRONTABS, JOB_NAMES, Schedule

LONDON = ZoneInfo("Europe/London")
ROOT = Path(__file__).resolve().parents[2]


def test_defaults_remind_fourteen_days_ahead_and_escalate_after_thirty():
    schedule = Schedule.from_env({})
    assert (schedule.reminder_days, schedule.escalate_after_days, schedule.clock_warning_working_days) == (14, 30, 5)
    assert schedule.crontabs == DEFAULT_CRONTABS


def test_the_environment_overrides_a_schedule_and_a_number():
    schedule = Schedule.from_env({"SCR_MONITOR_SCHEDULE_DIGEST": "30 9 * * fri", "SCR_MONITOR_REMINDER_DAYS": "7"})
    assert schedule.reminder_days == 7
    # Friday 29 November 2024, 09:30 London time is the first run after Monday the 25th.
    first = schedule.trigger("digest").get_next_fire_time(None, datetime(2024, 11, 25, 12, 0, tzinfo=LONDON))
    assert first == datetime(2024, 11, 29, 9, 30, tzinfo=LONDON)


def test_the_digest_runs_at_eight_on_monday_mornings_through_the_clock_change():
    trigger = Schedule.from_env({}).trigger("digest")
    # The clocks go back on Sunday 27 October 2024: still 08:00 local on the Monday, now GMT.
    fire = trigger.get_next_fire_time(None, datetime(2024, 10, 26, 12, 0, tzinfo=LONDON))
    assert fire.isoformat() == "2024-10-28T08:00:00+00:00"


@pytest.mark.parametrize("variable, value, message", [
    ("SCR_MONITOR_SCHEDULE_REMINDERS", "7 * * *", "is not a crontab line"),
    ("SCR_MONITOR_SCHEDULE_OVERDUE", "0 25 * * *", "is not a crontab line"),
    ("SCR_MONITOR_ESCALATE_AFTER_DAYS", "thirty", "is not a whole number"),
])
def test_a_mistake_in_the_environment_is_one_line_naming_the_variable(variable, value, message):
    with pytest.raises(DomainError, match=f"^{variable}: .*{message}"):
        Schedule.from_env({variable: value})


def test_jobs_are_kept_in_the_products_database_once_each_across_restarts(sqlite_url, wired):
    services = wired(sqlite_url, date(2024, 11, 25))
    schedule = Schedule.from_env({"SCR_MONITOR_SCHEDULE_SNAPSHOT": "off"})
    for _ in range(2):  # a restart replaces the jobs, it does not add copies
        scheduler = build_scheduler(services, schedule, db_url=sqlite_url, scheduler_class=BackgroundScheduler)
        scheduler.start(paused=True)
        jobs = {job.id: job for job in scheduler.get_jobs()}
        scheduler.shutdown(wait=False)

    with services.engine.connect() as conn:
        stored = conn.execute(text("select id, next_run_time from scheduler_jobs order by id")).all()
    assert [row.id for row in stored] == sorted(JOB_NAMES)
    assert jobs["digest"].func_ref == "monitoring.scheduler.jobs:digest"
    assert jobs["digest"].kwargs == {"db_url": sqlite_url}
    assert (jobs["digest"].coalesce, jobs["digest"].max_instances) == (True, 1)
    assert jobs["snapshot"].next_run_time is None  # `off`: paused, never run
    assert dict(stored)["snapshot"] is None


def test_scheduler_start_runs_as_its_own_process_and_stops_on_sigterm(sqlite_url):
    env = dict(os.environ, SCR_MONITOR_DB=sqlite_url)
    process = subprocess.Popen([sys.executable, "-m", "monitoring", "scheduler", "start"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().startswith("scheduler started (Europe/London); jobs kept in table scheduler_jobs")
        engine = create_engine(f"sqlite:///{sqlite_url.removeprefix('sqlite:///')}")
        stored = []
        for _ in range(100):  # the jobs are written when the scheduler starts, just after the banner
            time.sleep(0.1)
            with engine.connect() as conn:
                if inspect(conn).has_table("scheduler_jobs"):
                    stored = conn.execute(text("select id from scheduler_jobs order by id")).scalars().all()
            if len(stored) == len(JOB_NAMES):
                break
        engine.dispose()
        assert stored == sorted(JOB_NAMES)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert out.rstrip().endswith("scheduler stopped")
