"""A long rebuild commits batch k in a child process while batch k+1 is prepared: the same tables and the
same guarantees as the one-batch-at-a-time runner, on SQLite and PostgreSQL."""
from __future__ import annotations

import copy
import math

import pytest

from projections import position, schema
from projections import runner as runner_module
from projections.committer import CommitterDied, CommitterProcess, LostClaim, commit_batch
from projections.registry import REGISTRY, ProjectionStopped, Route
from projections.runner import ProjectionRunner
from tests.projections.helpers import Crash, crashing_runner, head, tables
from tests.projections.stories import year_of_plans


@pytest.fixture
def submitted(monkeypatch) -> list[int]:
    """Every rebuild takes the second core, in batches of 5 (so rows change across batches in flight);
    returns the positions of the batches handed to the committer process."""
    monkeypatch.setattr(runner_module, "PIPELINE_FROM", 0)
    monkeypatch.setattr(runner_module, "REBUILD_BATCH", 5)
    handed: list[int] = []

    class Recording(CommitterProcess):
        def submit(self, start, end, statements):
            handed.append(end)
            super().submit(start, end, statements)

    monkeypatch.setattr(runner_module, "CommitterProcess", Recording)
    return handed


def projected_one_at_a_time(services, monkeypatch) -> dict:
    """The tables the everyday runner makes, one event per batch (no committer process)."""
    monkeypatch.setattr(runner_module, "PIPELINE_FROM", 10**9)
    ProjectionRunner(services.app, services.engine).catch_up(batch_size=1)
    monkeypatch.setattr(runner_module, "PIPELINE_FROM", 0)
    return tables(services.engine)


def test_a_pipelined_rebuild_makes_the_tables_of_one_batch_at_a_time(planned, submitted, monkeypatch):
    one_at_a_time = projected_one_at_a_time(planned, monkeypatch)

    runner = ProjectionRunner(planned.app, planned.engine)
    assert runner.rebuild() == head(planned)

    assert len(submitted) == math.ceil(head(planned) / 5) and submitted[-1] == head(planned)
    assert tables(planned.engine) == one_at_a_time
    assert runner.status()["lag"] == 0


def test_a_pipelined_rebuild_killed_before_a_commit_is_completed_by_the_next_catch_up(planned, submitted, monkeypatch):
    expected = projected_one_at_a_time(planned, monkeypatch)

    with pytest.raises(Crash):
        crashing_runner(planned, at_commit=4).rebuild()  # the committer process fails its fourth commit
    assert ProjectionRunner(planned.app, planned.engine).position() == 15

    ProjectionRunner(planned.app, planned.engine).catch_up(batch_size=3)
    assert tables(planned.engine) == expected


def test_a_pipelined_rebuild_stops_at_an_event_it_cannot_take_in_keeping_all_before_it(planned, submitted):
    registry = copy.deepcopy(REGISTRY)
    topic = "domain.action:Action.ProgressReported"
    registry.routes[topic] = Route("review", "ProgressReported", True)  # a bug: the wrong projection
    first_progress = next(
        n.id for n in planned.app.recorder.select_notifications(start=1, limit=10_000) if n.topic == topic
    )
    runner = ProjectionRunner(planned.app, planned.engine, registry=registry)

    with pytest.raises(ProjectionStopped, match=f"stopped at event {first_progress} "):
        runner.rebuild()
    assert runner.position() == first_progress - 1

    registry.routes[topic] = REGISTRY.routes[topic]  # fixed: it resumes from there
    runner.catch_up()
    resumed = tables(planned.engine)
    runner.rebuild()
    assert resumed == tables(planned.engine)


def test_a_batch_whose_position_has_moved_on_is_refused_whole(planned):
    ProjectionRunner(planned.app, planned.engine).catch_up()
    with planned.engine.connect() as connection:
        with pytest.raises(LostClaim):
            commit_batch(connection, 3, 8, lambda _: [])
    assert ProjectionRunner(planned.app, planned.engine).position() == head(planned)


def test_a_committer_process_killed_from_outside_is_reported_not_waited_for(planned):
    ProjectionRunner(planned.app, planned.engine).catch_up()
    committer = CommitterProcess(planned.engine)
    committer._process.kill()
    committer._process.wait()
    with pytest.raises(CommitterDied, match="projection committer ended"):
        committer.submit(head(planned), head(planned) + 1, [])
        committer.wait()
    committer.close()


def test_a_first_catch_up_over_a_long_log_is_made_by_a_rebuild(planned, submitted, monkeypatch):
    one_at_a_time = projected_one_at_a_time(planned, monkeypatch)
    with planned.engine.begin() as connection:  # empty read models, as on a store just loaded
        position.reset(connection)
        schema.drop_views(connection)
        schema.metadata.create_all(connection, tables=schema.VIEW_TABLES)
    submitted.clear()

    assert ProjectionRunner(planned.app, planned.engine).catch_up() == head(planned)
    assert submitted and submitted[-1] == head(planned)  # through the committer process
    assert tables(planned.engine) == one_at_a_time
    assert ProjectionRunner(planned.app, planned.engine).catch_up() == 0  # and from then on, the usual way


def test_ctrl_c_is_left_to_the_runner_the_committer_carries_on_until_its_input_ends(planned):
    import os
    import signal

    ProjectionRunner(planned.app, planned.engine).catch_up()
    at = head(planned)
    committer = CommitterProcess(planned.engine)
    assert os.getpgid(committer._process.pid) != os.getpgid(0)  # the terminal's Ctrl+C does not reach it
    committer.submit(at, at, [])  # an empty batch: the position stays where it is, claimed all the same
    committer.wait()
    committer._process.send_signal(signal.SIGINT)  # and an interrupt sent to it anyway is ignored
    committer.submit(at, at, [])
    committer.wait()
    committer.close()
    assert committer._process.returncode == 0


def test_a_rebuild_on_sqlite_drops_the_read_models_without_zeroing_each_page_and_restores_secure_delete(
        sqlite_url, make_services, monkeypatch):
    services = make_services(sqlite_url)
    year_of_plans(services.app)  # read models caught up: the rebuild has tables to drop
    during, after = [], []
    drop_table, drop_views = schema.Table.drop, schema.drop_views

    def dropping(table, connection, **options):
        during.append(connection.exec_driver_sql("PRAGMA secure_delete").scalar())
        drop_table(table, connection, **options)

    def dropped(connection):
        drop_views(connection)
        after.append(connection.exec_driver_sql("PRAGMA secure_delete").scalar())

    monkeypatch.setattr(schema.Table, "drop", dropping)
    monkeypatch.setattr(schema, "drop_views", dropped)
    before = services.queries.status("board")["totals"]["total"]
    services.projections.rebuild()
    assert during and set(during) == {2}  # FAST while the read models are dropped: what they hold is the events'
    assert after == [1]  # the connection's own setting again (Debian builds SQLite with it on): purges stay zeroed
    assert services.queries.status("board")["totals"]["total"] == before
