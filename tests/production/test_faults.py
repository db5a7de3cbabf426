"""Faults an operator meets: the database goes away and comes back, a database that was never created, a
committer left behind by a killed rebuild. Each is survived or reported in one line, never a traceback."""
from __future__ import annotations

import argparse
import logging
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from types import SimpleNamespace

import psycopg
import pytest
from sqlalchemy.exc import OperationalError

from monitoring.application.use_cases import Monitoring
from monitoring.bootstrap import bootstrap
from monitoring.cli import main as cli_main
from monitoring.config import Settings, eventsourcing_env
from monitoring.scheduler import jobs
from projections.outage import DatabaseAway
from projections.runner import ProjectionRunner
from tests.builders import board_with_action
from tests.production.cluster import Cluster

pytestmark = pytest.mark.postgres  # a cluster of its own; every wait below is bounded
SCR = [sys.executable, "-m", "monitoring"]


class Output:
    """A child process's output (stdout and stderr), read on a thread so the test can wait for a line."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(process.stdout,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(line)

    def wait_for(self, text: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not seen in {self.lines!r}")

    @property
    def text(self) -> str:
        return "".join(self.lines)


@pytest.fixture
def cluster():
    made = Cluster()
    yield made
    made.remove()


def _start(*args: str, **environment: str) -> subprocess.Popen:
    return subprocess.Popen([*SCR, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "SCR_MONITOR_USER": "manager", **environment})


def _stop(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=30)


def _writer(url: str) -> Monitoring:
    """The application alone, without read models: the follower is the only one that projects its events."""
    return Monitoring(env=eventsourcing_env(Settings(db_url=url)))


def _status(url: str) -> dict:
    services = bootstrap(Settings(db_url=url))
    try:
        return ProjectionRunner(services.app, services.engine).status()
    finally:
        services.close()


def _wait_until_caught_up(url: str, head: int, seconds: float = 30) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = _status(url)
        if status["position"] >= head:
            return status
        time.sleep(0.2)
    raise AssertionError(f"the follower did not reach {head}: {status}")


def test_follower_waits_while_the_database_is_away_and_catches_up_when_it_returns(cluster):
    url = cluster.create_database("store")
    writer = _writer(url)
    board_with_action(writer)
    head = writer.recorder.max_notification_id()
    writer.close()
    follower = _start("projections", "follow", "--interval", "0.2", "--db", url)
    output = Output(follower)
    try:
        output.wait_for("following the store")
        _wait_until_caught_up(url, head)
        cluster.stop()
        output.wait_for("the database does not answer")
        time.sleep(1.5)  # a few attempts while it is away
        assert follower.poll() is None, output.text
        cluster.start()
        writer = _writer(url)
        writer.report_progress("child-c-2014/R1/A1", "Training booked for March.", actor="manager", on=date(2024, 2, 1))
        head = writer.recorder.max_notification_id()
        writer.close()
        output.wait_for("answers again")
        status = _wait_until_caught_up(url, head)
    finally:
        code = _stop(follower)
    assert status["lag"] == 0
    assert code == 0
    assert "Traceback" not in output.text


def test_scheduler_waits_for_the_database_at_start_and_runs_when_it_answers(cluster):
    url = cluster.create_database("store")
    cluster.stop()
    scheduler = _start("scheduler", "start", "--db", url)
    output = Output(scheduler)
    try:
        output.wait_for("the database does not answer")
        assert scheduler.poll() is None, output.text
        cluster.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _jobs_stored(url):
            time.sleep(0.5)
        assert _jobs_stored(url), output.text
    finally:
        code = _stop(scheduler)
    assert code == 0
    assert "Traceback" not in output.text


def test_a_running_scheduler_rides_out_an_outage_and_runs_its_jobs_after_it(cluster):
    url = cluster.create_database("store")
    writer = _writer(url)
    board_with_action(writer)
    writer.close()
    scheduler = _start("scheduler", "start", "--db", url, SCR_MONITOR_SCHEDULE_SEND="*/2 * * * * *")
    output = Output(scheduler)
    try:
        output.wait_for("send: SCR_MONITOR_SMTP_URL is not set", seconds=60)
        cluster.stop()
        output.wait_for("the jobs table cannot be read (connection failed", seconds=60)
        time.sleep(3)
        assert scheduler.poll() is None, output.text
        runs_before = output.text.count("send: SCR_MONITOR_SMTP_URL is not set")
        cluster.start()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and output.text.count("send: SCR_MONITOR_SMTP_URL is not set") <= runs_before:
            time.sleep(0.5)
        assert output.text.count("send: SCR_MONITOR_SMTP_URL is not set") > runs_before, output.text
    finally:
        code = _stop(scheduler)
    assert code == 0
    assert "Traceback" not in output.text
    assert all(line[:4].isdigit() or line.startswith(("scheduler ", "  ")) for line in output.lines), "one line per entry"


def _jobs_stored(url: str) -> bool:
    services = bootstrap(Settings(db_url=url))
    try:
        with services.engine.connect() as connection:
            return connection.exec_driver_sql("select count(*) from scheduler_jobs").scalar() > 0
    except Exception:
        return False
    finally:
        services.close()


def test_a_database_that_does_not_exist_is_named_with_the_command_that_creates_it(cluster):
    result = subprocess.run([*SCR, "--db", cluster.url("partnership"), "status"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert 'the database "partnership" does not exist' in result.stderr
    assert f"createdb -h 127.0.0.1 -p {cluster.port} -U postgres" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "couldn't get a connection" not in result.stderr


def test_a_server_that_is_down_is_reported_in_one_line(cluster):
    cluster.stop()
    result = subprocess.run([*SCR, "--db", cluster.url(), "status"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"scr-monitor: db: no PostgreSQL server answers at 127.0.0.1:{cluster.port}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_orphaned_committer_finishes_its_batch_and_ends_without_a_traceback(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    services = bootstrap(Settings(db_url=url))
    services.projections.ensure_schema()
    engine_url = services.engine.url.render_as_string(hide_password=False)
    services.close()
    committer = subprocess.Popen([sys.executable, "-m", "projections.committer"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    committer.stdout.close()  # the runner has been killed: nobody will read the answer
    for message in ((engine_url, None), (0, 7, []), None):
        pickle.dump(message, committer.stdin)
    committer.stdin.close()
    errors = committer.stderr.read().decode()
    assert committer.wait(timeout=60) == 0
    assert errors == ""
    assert _status(url)["position"] == 7  # the batch it was given is committed


def test_a_scheduled_job_tries_again_while_the_database_is_away_then_runs(monkeypatch, caplog):
    calls, waits = [], []

    def run_once(job, db_url):
        calls.append(job)
        if len(calls) < 3:
            raise DatabaseAway("db", "no PostgreSQL server answers at 127.0.0.1:5999 (Connection refused)")

    monkeypatch.setattr(jobs, "_run_once", run_once)
    monkeypatch.setattr(jobs.time, "sleep", waits.append)
    with caplog.at_level(logging.WARNING, logger="scr_monitor.scheduler"):
        jobs.send("postgresql://postgres@127.0.0.1:5999/store")
    assert calls == ["send", "send", "send"]
    assert waits == [1.0, 2.0]
    assert [r.getMessage() for r in caplog.records] == [
        f"send: the database does not answer (db: no PostgreSQL server answers at 127.0.0.1:5999 (Connection refused)); trying again in {w:g} s"
        for w in waits]
    assert not [r for r in caplog.records if r.exc_info]


def test_a_scheduled_job_gives_up_until_its_next_run_when_the_outage_lasts(monkeypatch, caplog):
    def run_once(job, db_url):
        raise DatabaseAway("db", "no PostgreSQL server answers")

    monkeypatch.setattr(jobs, "_run_once", run_once)
    monkeypatch.setattr(jobs.time, "sleep", lambda seconds: None)
    with caplog.at_level(logging.WARNING, logger="scr_monitor.scheduler"):
        jobs._scheduled("reminders", None, give_up_after=5)
    assert caplog.records[-1].getMessage().endswith("giving up until its next run")
    assert not [r for r in caplog.records if r.exc_info]


def test_a_command_cut_off_by_the_database_going_away_says_so_in_one_line(monkeypatch, capsys):
    def cut_off(services, args):
        raise OperationalError("select 1", {}, psycopg.OperationalError("server closed the connection unexpectedly"))

    parser = SimpleNamespace(parse_args=lambda argv: argparse.Namespace(handler=cut_off, db="memory:"))
    monkeypatch.setattr(cli_main, "build_parser", lambda: parser)
    assert cli_main.main(["status"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scr-monitor: db: the database stopped answering (server closed the connection unexpectedly)")
    assert len(err.strip().splitlines()) == 1
