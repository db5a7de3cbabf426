"""The scheduler's jobs: run one now (`run`), or on their schedules in a process of their own (`build_scheduler`).

APScheduler stores each job by its text reference (`monitoring.scheduler.jobs:reminders`) in the product's
database, so the entry points below take only the store URL and build their own Services.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from monitoring.scheduler import notice_rules, snapshots
from monitoring.scheduler.anchoring import anchor_head
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from monitoring.scheduler.queueing import Notifier
from monitoring.scheduler.outbox import utcnow
from monitoring.scheduler.timetable import JOB_NAMES, Schedule
from projections.outage import Backoff, is_database_away, reason

log = logging.getLogger("scr_monitor.scheduler")

RULES = {
    "reminders": notice_rules.reminders,
    "overdue": notice_rules.overdue,
    "clocks": notice_rules.clocks,
    "digest": notice_rules.digest,
}
RUNNABLE = (*JOB_NAMES, "all")
JOBSTORE_TABLE = "scheduler_jobs"
OUTAGE_PATIENCE_SECONDS = 15 * 60  # a job waits this long for the database, then for its next run


def run(services, job: str, *, schedule: Schedule | None = None, now: Callable[[], datetime] = utcnow,
        ignore_backoff: bool = False) -> list:
    """Run one job (or `all`) for the services' today, then deliver what is due; returns one report per step."""
    schedule = schedule or Schedule.from_env()
    today: date = services.clock()
    notifier = Notifier(services, now)
    services.catch_up()  # read what was written up to now
    names = [n for n in RULES if job in (n, "all")]
    reports: list = [RULES[n](notice_rules.Day(services, notifier, today, schedule)) for n in names]
    if job in ("snapshot", "all"):
        reports.append(snapshots.take(services, today))
    if job in ("digest", "all"):
        reports.append(anchor_head(services))  # the weekly anchor of the record's head (scheduler.anchoring)
    if job != "snapshot":
        reports.append(notifier.send(today, ignore_backoff=ignore_backoff))
    return reports


def _scheduled(job: str, db_url: str | None, *, give_up_after: float = OUTAGE_PATIENCE_SECONDS) -> None:
    """Run a job; while the database is away, try again with back-off (one line each, no traceback), for
    up to `give_up_after` seconds. Jobs are idempotent and the outbox sends each notice once, so a run cut
    off part-way is simply run again."""
    backoff, deadline = Backoff(first=1.0), time.monotonic() + give_up_after
    while True:
        try:
            return _run_once(job, db_url)
        except Exception as error:
            if not is_database_away(error):
                raise
            wait = backoff.next_wait()
            if time.monotonic() + wait > deadline:
                log.warning("%s: the database does not answer (%s); giving up until its next run", job, reason(error))
                return
            log.warning("%s: the database does not answer (%s); trying again in %g s", job, reason(error), wait)
            time.sleep(wait)


def _run_once(job: str, db_url: str | None) -> None:
    services = bootstrap(Settings.from_env(db=db_url))
    try:
        for report in run(services, job):
            log.info(report.summary())
    finally:
        services.close()


# Entry points APScheduler calls by reference; each builds its own Services, so no state is shared.
def reminders(db_url: str | None = None) -> None:
    _scheduled("reminders", db_url)


def overdue(db_url: str | None = None) -> None:
    _scheduled("overdue", db_url)


def clocks(db_url: str | None = None) -> None:
    _scheduled("clocks", db_url)


def digest(db_url: str | None = None) -> None:
    _scheduled("digest", db_url)


def snapshot(db_url: str | None = None) -> None:
    _scheduled("snapshot", db_url)


def send(db_url: str | None = None) -> None:
    _scheduled("send", db_url)


def build_scheduler(services, schedule: Schedule, *, db_url: str | None = None,
                    scheduler_class: type[BaseScheduler] = BlockingScheduler) -> BaseScheduler:
    """A scheduler whose jobs live in the product's database, one fixed id per job, replaced on each start."""
    scheduler = scheduler_class(
        jobstores={"default": SQLAlchemyJobStore(engine=services.engine, tablename=JOBSTORE_TABLE)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": schedule.misfire_grace_seconds},
        timezone=schedule.timezone,
    )
    for job in JOB_NAMES:
        trigger = schedule.trigger(job)
        paused = {"next_run_time": None} if trigger is None else {}  # `off`: kept in the store, never run
        scheduler.add_job(f"monitoring.scheduler.jobs:{job}", trigger or CronTrigger(year=2000), id=job, name=job,
                          kwargs={"db_url": db_url}, replace_existing=True, **paused)
    return scheduler
