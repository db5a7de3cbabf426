"""`scr-monitor scheduler ...` as an operator types it: one line per mistake, the outbox as a listing."""
from __future__ import annotations

import json
from datetime import date

from monitoring.cli.main import main
from tests.scheduler.builders import OWN, plan


def test_an_unknown_job_is_one_line_and_exit_2(sqlite_url, capsys):
    assert main(["scheduler", "run", "remindres", "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scr-monitor: argument JOB: invalid choice: 'remindres'")
    assert err.count("\n") == 1


def test_a_day_in_the_future_is_refused(sqlite_url, capsys):
    assert main(["scheduler", "run", "all", "--on", "2999-01-01", "--db", sqlite_url]) == 2
    assert capsys.readouterr().err.startswith("scr-monitor: on: 2999-01-01 is in the future")


def test_the_outbox_lists_what_was_queued_and_what_became_of_it(sqlite_url, wired, monkeypatch, capsys):
    monkeypatch.delenv("SCR_MONITOR_SMTP_URL", raising=False)
    plan(wired(sqlite_url, date(2024, 7, 1)).app, targets=(date(2024, 6, 30),), contacts=(OWN,))

    assert main(["scheduler", "run", "overdue", "--on", "2024-07-01", "--db", sqlite_url]) == 0
    assert "send: SCR_MONITOR_SMTP_URL is not set; 1 notice(s) kept in the outbox" in capsys.readouterr().out
    assert main(["scheduler", "outbox", "--pending", "--format", "json", "--db", sqlite_url]) == 0

    [row] = json.loads(capsys.readouterr().out)
    assert (row["kind"], row["reference"], row["recipient"], row["status"], row["queued_on"]) == (
        "overdue", "child-c-2014/R1/A1", OWN, "waiting", "2024-07-01")
    assert row["subject"] == "Overdue: action child-c-2014/R1/A1 was due on 30 June 2024"


def test_the_jobs_listing_shows_each_schedule_from_the_environment(sqlite_url, monkeypatch, capsys):
    monkeypatch.setenv("SCR_MONITOR_SCHEDULE_DIGEST", "0 9 * * fri")
    assert main(["scheduler", "jobs", "--format", "csv", "--db", sqlite_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "job,schedule,reference"
    assert "digest,0 9 * * fri,monitoring.scheduler.jobs:digest" in lines


def test_the_snapshots_listing_shows_last_months_totals(sqlite_url, wired, capsys):
    plan(wired(sqlite_url, date(2024, 8, 1)).app, targets=(date(2024, 6, 30), date(2024, 8, 30)), contacts=(OWN, OWN))

    assert main(["scheduler", "run", "snapshot", "--on", "2024-08-01", "--db", sqlite_url]) == 0
    assert main(["scheduler", "snapshots", "--format", "json", "--db", sqlite_url]) == 0

    [row] = json.loads(capsys.readouterr().out.split("\n", 1)[1])  # after the run's one line
    assert (row["month"], row["as_at"], row["total"], row["overdue"], row["percent_complete"]) == ("2024-07", "2024-07-31", 2, 1, 0.0)
