"""One contract, three stores: what is saved comes back the same, and stale saves are refused."""
from __future__ import annotations

from datetime import date

import pytest

from domain.errors import Conflict
from tests.builders import board_with_action


def test_an_action_round_trips_through_the_store(store_url, make_services):
    app = make_services(store_url).app
    action = board_with_action(app)
    app.complete_action(action.reference, "Training register, 412 of 420 officers", actor="police.lead", on=date(2024, 5, 1))

    reader = app if store_url == "memory:" else make_services(store_url).app
    reloaded = reader.action("child-c-2014/R1/A1")

    assert reloaded.status == "completed"
    assert reloaded.completed_on == date(2024, 5, 1)
    assert reloaded.target_date == date(2024, 6, 30)
    assert reloaded.version == 2


def test_a_stale_copy_cannot_overwrite_a_newer_change(store_url, make_services):
    first = make_services(store_url).app
    board_with_action(first)
    second = first if store_url == "memory:" else make_services(store_url).app

    loaded_by_first = first.action("child-c-2014/R1/A1").version
    loaded_by_second = second.action("child-c-2014/R1/A1").version
    first.report_progress("child-c-2014/R1/A1", "Half of officers trained", actor="a", expected_version=loaded_by_first)

    with pytest.raises(Conflict, match="changed by someone else since you loaded it; reload and try again"):
        second.complete_action("child-c-2014/R1/A1", "All trained", actor="b", expected_version=loaded_by_second)

    events = [type(e).__name__ for e in first.events_of("child-c-2014/R1/A1")]
    assert events == ["Agreed", "ProgressReported"]


def test_references_resolve_without_scanning(store_url, make_services):
    app = make_services(store_url).app
    action = board_with_action(app)

    assert app.action(str(action.id)).reference == "child-c-2014/R1/A1"
    assert app.recommendation("CHILD-C-2014/r1").number == 1
    assert app.review("child-c-2014").title == "Child C (2014)"
