"""`scr-monitor scheduler ...`: run the scheduler as its own process, run a job now, read the outbox."""
from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from datetime import date

from domain.base import check_not_future
from monitoring.bootstrap import bootstrap
from monitoring.cli.options import command, iso_date, with_db, with_format
from monitoring.scheduler.delivery import parse_smtp_url
from monitoring.scheduler.jobs import JOBSTORE_TABLE, RUNNABLE, build_scheduler, run
from monitoring.scheduler.outbox import Outbox
from monitoring.cli.output import render
from monitoring.scheduler.timetable import JOB_NAMES, Schedule
from monitoring.scheduler.snapshots import snapshots
from projections.outage import Backoff, is_database_away, reason

SNAPSHOT_FIGURES = ["total", "overdue", "completed", "signed_off", "withdrawn", "percent_complete", "percent_signed_off"]
JOB_FINISH_SECONDS = 50  # systemd's TimeoutStopSec for the scheduler is 60
OUTBOX_COLUMNS = ["queued_on", "kind", "reference", "recipient", "subject", "status", "attempts",
                  "next_attempt_at", "delivered_at", "last_error", "key"]


def register(subparsers) -> None:
    scheduler = subparsers.add_parser("scheduler", help="reminders, escalations, statutory clocks and digests")
    commands = scheduler.add_subparsers(dest="scheduler_command", metavar="SUBCOMMAND", required=True)

    command(commands, "start", help="run the scheduler in this process until stopped (a service of its own)", handler=_start, options=with_db)

    now = command(commands, "run", help="run one job now and deliver what it queued", handler=_run, options=with_db)
    now.add_argument("job", metavar="JOB", choices=RUNNABLE, help=f"one of {', '.join(RUNNABLE)}")
    now.add_argument("--on", type=iso_date, metavar="DATE", help="the day to run it for, YYYY-MM-DD (default: today)")
    now.add_argument("--retry-now", action="store_true", help="retry failed deliveries without waiting for their back-off")

    outbox = command(commands, "outbox", help="the notices queued and what became of them", handler=_outbox, options=with_format)
    outbox.add_argument("--pending", action="store_true", help="only those not yet delivered")

    command(commands, "jobs", help="each job's schedule (from the environment)", handler=_jobs, options=with_format)

    taken = command(commands, "snapshots", help="the monthly status figures, as they stood when taken", handler=_snapshots, options=with_format)
    taken.add_argument("--board", help="one board only")


def _run(services, args) -> None:
    if args.on is not None:
        check_not_future(args.on, date.today())  # catching up is for days gone by
    day = services if args.on is None else bootstrap(services.settings, clock=lambda: args.on, policy=services.policy)
    try:
        for report in run(day, args.job, ignore_backoff=args.retry_now):
            print(report.summary())
    finally:
        if day is not services:
            day.close()


def _outbox(services, args) -> None:
    outbox = Outbox(services.engine)
    rows = outbox.pending() if args.pending else outbox.rows()
    for row in rows:
        row["status"] = "delivered" if row["delivered_at"] else ("retrying" if row["attempts"] else "waiting")
    print(render(rows, OUTBOX_COLUMNS, args.format))


def _jobs(services, args) -> None:
    schedule = Schedule.from_env()
    rows = [{"job": job, "schedule": schedule.crontabs[job], "reference": f"monitoring.scheduler.jobs:{job}"} for job in JOB_NAMES]
    print(render(rows, ["job", "schedule", "reference"], args.format))


def _snapshots(services, args) -> None:
    rows = [{"month": s["month"], "board": s["board"], "as_at": s["as_at"], "taken_at": s["taken_at"]}
            | {k: s["figures"]["totals"].get(k) for k in SNAPSHOT_FIGURES} for s in snapshots(services.engine, args.board)]
    print(render(rows, ["month", "board", "as_at", "taken_at", *SNAPSHOT_FIGURES], args.format))


def _start(services, args) -> None:
    schedule = Schedule.from_env()
    if services.settings.smtp_url:
        parse_smtp_url(services.settings.smtp_url)  # a mistake stops the start, not every delivery
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("apscheduler.scheduler").addFilter(_one_line_per_outage)
    _started(schedule)
    stopping, backoff = threading.Event(), Backoff()
    while not stopping.is_set():
        # A fresh scheduler each time: one whose loop was cut off by the database going away cannot start again.
        scheduler = build_scheduler(services, schedule, db_url=getattr(args, "db", None))
        signal.signal(signal.SIGTERM, lambda *_, s=scheduler: _stop(s, stopping))
        started = time.monotonic()
        try:
            scheduler.start()  # blocks; the jobs table is first read and written here
            break
        except Exception as error:
            if not is_database_away(error):
                raise
            if time.monotonic() - started > 60:
                backoff.reset()  # it ran for a while: a new outage starts from the shortest wait
            wait = backoff.next_wait()
            print(f"scr-monitor: scheduler: the database does not answer ({reason(error)}); trying again in {wait:g} s",
                  file=sys.stderr, flush=True)
            stopping.wait(wait)
    _finish_running_jobs(JOB_FINISH_SECONDS)
    print("scheduler stopped", flush=True)


def _finish_running_jobs(seconds: float) -> None:
    """SIGTERM stops the scheduler at once, but a job already running is let finish (within systemd's stop
    timeout): leaving while it runs would cut it off at interpreter shutdown, with a traceback."""
    deadline = time.monotonic() + seconds
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))


def _one_line_per_outage(record: logging.LogRecord) -> bool:
    """APScheduler logs the jobs table being out of reach with the driver's whole message (three lines and
    a link); keep the first line of it, and say we try again (APScheduler does, every 10 s)."""
    error = record.args[-1] if isinstance(record.args, tuple) and record.args else None
    if isinstance(error, BaseException) and is_database_away(error):
        record.msg = "the jobs table cannot be read (%s); trying again in 10 s"
        record.args = (reason(error),)
    return True


def _stop(scheduler, stopping: threading.Event) -> None:
    stopping.set()
    if scheduler.running:
        scheduler.shutdown(wait=False)


def _started(schedule: Schedule) -> None:
    print(f"scheduler started ({schedule.timezone}); jobs kept in table {JOBSTORE_TABLE}; SIGTERM or Ctrl-C stops it", flush=True)
    for job in JOB_NAMES:
        print(f"  {job}: {schedule.crontabs[job]}", flush=True)
