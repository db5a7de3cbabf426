"""Stores written before the layout moved (issue 12) still load and run: the scheduler's job store held
`monitoring.jobs:<job>` references, and events are stored under their classes' topics."""
from __future__ import annotations

import sys
import types
from datetime import date

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import text

from monitoring.scheduler.jobs import JOBSTORE_TABLE, build_scheduler
from monitoring.scheduler.timetable import JOB_NAMES, Schedule

SCHEDULE = Schedule.from_env({})


def _old_job_store(engine) -> None:
    """Write the job store as the code before the move did: every job referenced as `monitoring.jobs:<job>`."""
    old = types.ModuleType("monitoring.jobs")
    for job in JOB_NAMES:
        setattr(old, job, lambda db_url=None: None)
    sys.modules["monitoring.jobs"] = old
    try:
        scheduler = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBSTORE_TABLE)})
        for job in JOB_NAMES:
            scheduler.add_job(f"monitoring.jobs:{job}", "cron", hour=7, id=job, name=job, kwargs={"db_url": None})
        scheduler.start(paused=True)
        scheduler.shutdown()
    finally:
        del sys.modules["monitoring.jobs"]


def test_a_job_store_written_before_the_move_is_taken_over_by_the_new_references(make_services, sqlite_url):
    services = make_services(sqlite_url)
    _old_job_store(services.engine)
    with services.engine.connect() as connection:
        assert connection.execute(text(f"select count(*) from {JOBSTORE_TABLE}")).scalar() == len(JOB_NAMES)

    scheduler = build_scheduler(services, SCHEDULE, db_url=sqlite_url, scheduler_class=BackgroundScheduler)
    scheduler.start(paused=True)
    try:
        jobs = {job.id: job.func_ref for job in scheduler.get_jobs()}  # unpickled from the store: loads or raises
    finally:
        scheduler.shutdown()
    assert jobs == {job: f"monitoring.scheduler.jobs:{job}" for job in JOB_NAMES}


def test_events_keep_the_topics_they_were_stored_under(make_services, sqlite_url):
    services = make_services(sqlite_url)
    services.app.register_board("North Shire", ["Police"], actor="tester", on=date(2024, 1, 2))
    with services.engine.connect() as connection:
        topics = {row[0] for row in connection.execute(text("select topic from stored_events"))}
    assert topics == {"domain.board:Board.Registered"}  # the topic a store written before the move holds
    reopened = make_services(sqlite_url)
    assert reopened.app.board("North Shire").agencies == ["Police"]
