"""Every stored event is declared: handled, history only, or ignored; anything else stops the runner by name."""
from __future__ import annotations

import copy
from datetime import date

import pytest
from eventsourcing.domain import Aggregate, CanMutateAggregate, event
from eventsourcing.utils import get_topic

from domain.action import Action
from domain.board import Board
from domain.errors import NotFound
from domain.recommendation import Recommendation
from domain.review import Review
from domain.user import User
from monitoring.cli.main import main
from projections.registry import REGISTRY, ProjectionStopped, Route
from projections.runner import ProjectionRunner
from tests.builders import board_with_action


class Survey(Aggregate):
    """An aggregate no read model has heard of."""

    @event("Started")
    def __init__(self, name: str) -> None:
        self.name = name


SURVEY_TOPIC = f"{__name__}:Survey.Started"


def event_topics(aggregate_class) -> list[str]:
    return [
        get_topic(value) for name, value in vars(aggregate_class).items()
        if isinstance(value, type) and issubclass(value, CanMutateAggregate) and name not in ("Event", "Created")
    ]


@pytest.mark.parametrize("aggregate_class", [Board, Review, Recommendation, Action])
def test_every_event_of_the_four_aggregates_is_declared(aggregate_class):
    undeclared = [topic for topic in event_topics(aggregate_class) if topic not in REGISTRY.routes]
    assert undeclared == []


def test_an_undeclared_event_stops_the_runner_naming_its_position_and_type(make_services, sqlite_url):
    services = make_services(sqlite_url)
    action = board_with_action(services.app)
    services.app.save(Survey(name="staff survey"))
    survey_position = services.app.recorder.max_notification_id()
    services.app.report_progress(action.reference, "Half trained", actor="police", on=date(2024, 2, 1))
    registry = copy.deepcopy(REGISTRY)
    runner = ProjectionRunner(services.app, services.engine, registry=registry)

    with pytest.raises(ProjectionStopped) as stopped:
        runner.catch_up()
    assert (stopped.value.position, stopped.value.topic) == (survey_position, SURVEY_TOPIC)
    assert f"stopped at event {survey_position} ({SURVEY_TOPIC})" in str(stopped.value)
    assert runner.position() == survey_position - 1  # everything before it is in

    registry.ignore(f"{__name__}:")  # the fix: one line
    assert runner.catch_up() == 2
    assert services.queries.action(action.reference)["status"] == "in_progress"


def test_a_handler_that_fails_stops_at_its_event_and_resumes_once_fixed(make_services, sqlite_url):
    services = make_services(sqlite_url, read_your_writes=False)  # the runner under test takes the events in
    action = board_with_action(services.app)
    services.app.report_progress(action.reference, "Half trained", actor="police", on=date(2024, 2, 1))
    progress_position = services.app.recorder.max_notification_id()
    registry = copy.deepcopy(REGISTRY)
    topic = "domain.action:Action.ProgressReported"
    registry.routes[topic] = Route("review", "ProgressReported", True)  # a bug: the wrong projection
    runner = ProjectionRunner(services.app, services.engine, registry=registry)

    with pytest.raises(ProjectionStopped, match=f"stopped at event {progress_position} \\({topic}\\): MissingRow"):
        runner.catch_up()
    assert runner.position() == progress_position - 1

    registry.routes[topic] = REGISTRY.routes[topic]
    runner.catch_up()
    assert services.queries.action(action.reference)["status"] == "in_progress"


def test_the_command_line_reports_a_stopped_projection_in_one_line(make_services, sqlite_url, capsys):
    services = make_services(sqlite_url)
    board_with_action(services.app)
    services.app.save(Survey(name="staff survey"))
    position = services.app.recorder.max_notification_id()

    assert main(["status", "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"scr-monitor: projections: stopped at event {position} ({SURVEY_TOPIC})")


def test_notices_go_into_the_history_and_move_the_version_but_change_nothing_else(make_services):
    services = make_services("memory:")
    action = board_with_action(services.app)
    services.catch_up()
    before = services.queries.action(action.reference)
    loaded = services.app.action(action.reference)
    loaded.record_notice(kind="reminder", key="r-1", recipient="lead@police.example.org", subject="Due soon", on=date(2024, 6, 1))
    services.app.save(loaded)
    services.catch_up()

    after = services.queries.action(action.reference)
    assert after["version"] == before["version"] + 1
    assert {k: v for k, v in after.items() if k != "version"} == {k: v for k, v in before.items() if k != "version"}
    assert services.queries.history(action.reference)[-1]["event"] == "NoticeQueued"


def test_events_of_aggregates_declared_ignorable_are_skipped(make_services):
    services = make_services("memory:")
    board_with_action(services.app)
    services.app.save(User.add(username="ann.chair", email="ann@example.org", actor="admin"))
    services.catch_up()
    assert services.projections.status()["lag"] == 0
    with pytest.raises(NotFound):  # taken in, but no read model keeps users
        services.queries.history(str(User.create_id("ann.chair")))


def test_a_write_that_meets_a_stopped_projection_says_it_was_saved(make_services, sqlite_url, capsys):
    services = make_services(sqlite_url)
    board_with_action(services.app)
    services.app.save(Survey(name="staff survey"))

    code = main(["action", "progress", "child-c-2014/R1/A1", "--note", "Half trained", "--on", "2024-02-01", "--db", sqlite_url])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err.startswith("scr-monitor: the change is saved, but projections: stopped at event")
    assert make_services(sqlite_url).app.action("child-c-2014/R1/A1").status == "in_progress"


def test_the_latest_changes_are_read_without_the_rest_and_every_notice_still_comes(make_services, sqlite_url):
    services = make_services(sqlite_url)
    action = board_with_action(services.app)
    loaded = services.app.action(action.reference)
    loaded.record_notice(kind="reminder", key="r-1", recipient="lead@police.example.org", subject="Due soon", on=date(2024, 6, 1))
    services.app.save(loaded)
    for week in range(1, 9):
        services.app.report_progress(action.reference, f"Week {week}", actor="bm", on=date(2024, 6, 1 + week))
    services.catch_up()

    everything = services.queries.history(action.reference)
    latest = services.queries.history(action.reference, latest=3)
    assert services.queries.history_count(action.reference) == len(everything) > 4
    assert [r["details"].get("note") for r in latest if r["event"] != "NoticeQueued"] == ["Week 6", "Week 7", "Week 8"]
    assert [r["event"] for r in latest][0] == "NoticeQueued"  # older than the three, but a notice: in order, first
    assert latest == [r for r in everything if r in latest]
