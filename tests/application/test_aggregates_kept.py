"""Aggregates kept in memory once read (monitoring.config.AGGREGATES_KEPT): brought up to date from the store at
each read, so two processes on one store never act on stale state, and a change refused leaves no trace."""
from __future__ import annotations

from datetime import date

import pytest

from domain.errors import Conflict
from tests.builders import board_with_action


@pytest.fixture
def two_processes(make_services, sqlite_url):
    """Two Services on one store, as two gunicorn workers are."""
    first = make_services(sqlite_url)
    board_with_action(first.app)
    return first, make_services(sqlite_url)


def test_a_change_made_by_another_process_is_read_at_once(two_processes):
    first, second = two_processes
    before = first.app.action("child-c-2014/R1/A1")  # read, and kept
    second.app.report_progress("child-c-2014/R1/A1", "Briefings booked.", actor="manager", on=date(2024, 2, 1))
    after = first.app.action("child-c-2014/R1/A1")
    assert (before.status, after.status) == ("not_started", "in_progress")
    assert after.version == before.version + 1
    with pytest.raises(Conflict):  # the page that still shows the old version is told so, as before
        first.app.report_progress("child-c-2014/R1/A1", "Also booked.", actor="manager", on=date(2024, 2, 2),
                                  expected_version=before.version)


def test_a_change_that_loses_a_race_leaves_the_kept_aggregate_as_the_store_has_it(two_processes):
    first, second = two_processes
    mine = first.app.repository.get(first.app.action("child-c-2014/R1/A1").id)
    second.app.complete_action("child-c-2014/R1/A1", "All officers trained.", actor="manager", on=date(2024, 2, 1))
    mine.report_progress(note="Half trained.", actor="manager", on=date(2024, 2, 2), today=date(2024, 2, 2))
    with pytest.raises(Conflict):
        first.app.save(mine)
    kept = first.app.action("child-c-2014/R1/A1")
    assert kept.status == "completed" and kept.version == mine.version  # the store's version 2, not mine
    first.catch_up()
    assert "Half trained." not in repr(first.queries.history("child-c-2014/R1/A1"))


def test_an_action_read_again_reads_only_the_events_since(make_services, sqlite_url, monkeypatch):
    services = make_services(sqlite_url)
    board_with_action(services.app)
    for week in range(1, 30):
        services.app.report_progress("child-c-2014/R1/A1", f"Week {week}", actor="manager", on=date(2024, 2, 1))
    recorder, read = services.app.recorder, []
    select = recorder.select_events
    monkeypatch.setattr(recorder, "select_events", lambda *a, **k: read.extend(found := select(*a, **k)) or found)
    services.app.action("child-c-2014/R1/A1")
    services.app.report_progress("child-c-2014/R1/A1", "Week 30", actor="manager", on=date(2024, 2, 1))
    read.clear()
    assert services.app.action("child-c-2014/R1/A1").version == 31
    assert len(read) <= 1  # the one event since it was last read, not thirty-one
