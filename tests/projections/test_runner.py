"""The runner takes in every event exactly once, however it is stopped, on SQLite and PostgreSQL."""
from __future__ import annotations

import threading
from datetime import date

import pytest

from projections import runner as runner_module
from projections import schema
from projections.runner import ProjectionRunner
from tests.projections.helpers import Crash, crashing_runner, head, tables


def test_a_runner_killed_before_a_commit_resumes_to_the_tables_of_a_fresh_rebuild(planned):
    crashing = crashing_runner(planned, at_commit=3)
    with pytest.raises(Crash):
        crashing.catch_up(batch_size=7)
    assert crashing.position() == 14  # two batches of 7 committed; the third left nothing behind

    restarted = ProjectionRunner(planned.app, planned.engine)
    restarted.catch_up(batch_size=7)
    after_restart = tables(planned.engine)
    restarted.rebuild()

    assert after_restart == tables(planned.engine)
    assert restarted.status() == {"position": head(planned), "head": head(planned), "lag": 0}


def test_a_rebuild_killed_part_way_is_completed_by_the_next_catch_up(planned, monkeypatch):
    monkeypatch.setattr(runner_module, "REBUILD_BATCH", 5)  # many batches
    ProjectionRunner(planned.app, planned.engine).rebuild()
    expected = tables(planned.engine)

    with pytest.raises(Crash):
        crashing_runner(planned, at_commit=4).rebuild()
    assert ProjectionRunner(planned.app, planned.engine).position() == 15

    ProjectionRunner(planned.app, planned.engine).catch_up(batch_size=3)
    assert tables(planned.engine) == expected


@pytest.mark.parametrize("batch_size", [1, 4, 1000])
def test_batch_boundaries_never_change_the_tables(planned, batch_size):
    runner = ProjectionRunner(planned.app, planned.engine)
    runner.catch_up(batch_size=batch_size)
    by_batches = tables(planned.engine)
    runner.rebuild()
    assert by_batches == tables(planned.engine)


def test_two_followers_at_once_never_apply_an_event_twice(planned):
    first = ProjectionRunner(planned.app, planned.engine)
    second = ProjectionRunner(planned.app, planned.engine)
    errors = []

    def follow(runner):
        try:
            for _ in range(5):
                runner.catch_up(batch_size=2)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=follow, args=(r,)) for r in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    together = tables(planned.engine)
    first.rebuild()

    assert errors == []
    assert together == tables(planned.engine)
    assert len(together["view_history"]) == head(planned)


def test_a_write_is_in_the_read_models_after_catch_up(planned):
    planned.catch_up()
    planned.app.report_progress("child-c-2014/R1/A2", "Second audit started", actor="csc", on=date(2024, 11, 1))
    planned.catch_up()
    action = planned.queries.action("child-c-2014/R1/A2")
    assert (action["status"], action["last_progress_on"], action["version"]) == ("in_progress", date(2024, 11, 1), 6)


def test_tables_made_by_an_older_layout_are_rebuilt_on_first_use(planned):
    runner = ProjectionRunner(planned.app, planned.engine)
    runner.catch_up()
    expected = tables(planned.engine)
    with planned.engine.begin() as connection:
        connection.execute(schema.position.update().values(schema_version=0))
        connection.execute(schema.history.delete())  # what an old layout would not have had

    fresh = ProjectionRunner(planned.app, planned.engine)
    fresh.catch_up()
    assert tables(planned.engine) == expected


def test_status_names_position_head_and_lag(planned):
    runner = ProjectionRunner(planned.app, planned.engine)
    assert runner.status() == {"position": 0, "head": head(planned), "lag": head(planned)}
    runner.catch_up(batch_size=10)  # all of it, ten at a time
    assert runner.status()["lag"] == 0


def test_a_fresh_sqlite_file_has_empty_read_models_not_missing_tables(make_services, sqlite_url):
    services = make_services(sqlite_url)
    assert services.queries.status()["rows"] == []
    assert services.projections.status() == {"position": 0, "head": 0, "lag": 0}
