"""Reads keep to the reader's boards: the wrapper every interface reads through (monitoring.security.scoped_reads)."""
from __future__ import annotations

import pytest

from domain.errors import PermissionDenied
from monitoring.security.scoped_reads import ScopedQueries, readable_boards, scope_for, scoped_queries
from tests.builders import BOARD
from tests.security.conftest import OTHER_BOARD

ROWS = [
    {"reference": "child-c-2014/R1/A1", "board": BOARD, "agency": "Police"},
    {"reference": "child-c-2014/R1/A2", "board": BOARD, "agency": "Acute Trust"},
    {"reference": "adult-d-2020/R1/A1", "board": OTHER_BOARD, "agency": "Police"},
]


class FakeQueries:
    """The documented read API's shape (docs/queries-api.md), over three actions on two boards."""

    def boards(self):
        return [{"name": BOARD}, {"name": OTHER_BOARD}]

    def actions(self, *, as_at=None, board=None, agency=None, overdue=False):
        return [r for r in ROWS if board in (None, r["board"])]

    def action(self, ref_or_id):
        found = [r for r in ROWS if r["reference"] == ref_or_id]
        return found[0] if found else raise_not_found()

    def status(self, by="agency", *, board=None, as_at=None):
        return {"by": by, "board": board, "rows": []}

    def history(self, ref_or_id, *, latest=None):
        return [{"event": "Agreed", "reference": ref_or_id}]

    def history_count(self, ref_or_id):
        return 1

    def last_progress(self, action_ids, *, as_at=None, board=None):
        return [{"id": r["reference"], "board": r["board"], "agency": r["agency"], "last_progress_on": None}
                for r in ROWS if r["reference"] in action_ids and board in (None, r["board"])]

    def review(self, code):
        return {"code": code, "board": OTHER_BOARD if code.startswith("adult") else BOARD}

    def recommendation(self, ref):
        raise_not_found()

    def secret_report(self):
        return "everything"


def raise_not_found():
    from domain.errors import NotFound

    raise NotFound("reference", "no such record")


def scoped(services, username):
    return ScopedQueries(FakeQueries(), scope_for(services.users, username))


def test_a_board_user_sees_only_their_boards_rows(with_people):
    assert [r["reference"] for r in scoped(with_people, "viewer").actions()] == ["child-c-2014/R1/A1", "child-c-2014/R1/A2"]
    assert [b["name"] for b in scoped(with_people, "south.admin").boards()] == [OTHER_BOARD]
    assert readable_boards(with_people.users, "chair") == [BOARD]


def test_asking_for_another_boards_data_is_refused(with_people):
    queries = scoped(with_people, "viewer")
    with pytest.raises(PermissionDenied, match=f"board: viewer may not read '{OTHER_BOARD}'"):
        queries.actions(board=OTHER_BOARD)
    with pytest.raises(PermissionDenied, match="viewer may not read adult-d-2020/R1/A1"):
        queries.action("adult-d-2020/R1/A1")
    with pytest.raises(PermissionDenied):
        queries.history("adult-d-2020")


def test_figures_default_to_the_readers_only_board(with_people):
    assert scoped(with_people, "chair").status("review")["board"] == BOARD


def test_an_agency_lead_sees_the_boards_figures_but_only_its_own_agencys_actions(with_people):
    queries = scoped(with_people, "police.lead")
    assert [r["reference"] for r in queries.actions()] == ["child-c-2014/R1/A1"]
    assert queries.status("agency")["board"] == BOARD
    with pytest.raises(PermissionDenied, match="police.lead may not read child-c-2014/R1/A2"):
        queries.action("child-c-2014/R1/A2")
    with pytest.raises(PermissionDenied):
        queries.history("child-c-2014/R1/A2")
    with pytest.raises(PermissionDenied):
        queries.history("child-c-2014/R1/A2", latest=25)
    with pytest.raises(PermissionDenied):  # not even how many changes another agency's action has had
        queries.history_count("child-c-2014/R1/A2")
    assert queries.history("child-c-2014/R1/A1", latest=25) and queries.history_count("child-c-2014/R1/A1") == 1


def test_a_read_the_wrapper_does_not_know_is_refused_rather_than_leaked(with_people):
    with pytest.raises(PermissionDenied, match="secret_report is not available"):
        scoped(with_people, "bm").secret_report()


def test_unknown_and_disabled_readers_are_refused(with_people):
    with pytest.raises(PermissionDenied, match="unknown user 'mallory'"):
        scoped_queries(with_people, "mallory")
    with_people.users.disable("viewer", actor="bm")
    with pytest.raises(PermissionDenied, match="disabled"):
        scoped_queries(with_people, "viewer")


def test_open_mode_reads_everything_unwrapped(make_services):
    services = make_services("memory:")
    services.__dict__["queries"] = FakeQueries()
    assert readable_boards(services.users, "anyone") is None
    assert scoped_queries(services, "anyone") is services.queries


def test_progress_dates_of_another_boards_or_agencys_actions_are_not_given(with_people):
    every = [r["reference"] for r in ROWS]
    assert [r["id"] for r in scoped(with_people, "viewer").last_progress(every)] == every[:2]
    assert [r["id"] for r in scoped(with_people, "police.lead").last_progress(every)] == every[:1]


def test_a_page_reading_one_record_several_ways_checks_it_once_and_a_refusal_every_time(with_people):
    fake = FakeQueries()
    asked = []
    action = fake.action
    fake.action = lambda ref: asked.append(ref) or action(ref)
    fake.documents = lambda ref: []
    queries = ScopedQueries(fake, scope_for(with_people.users, "police.lead"))
    queries.history("child-c-2014/R1/A1", latest=25)
    queries.history_count("child-c-2014/R1/A1")
    queries.documents("child-c-2014/R1/A1")
    assert asked == ["child-c-2014/R1/A1"]
    for _ in range(2):
        with pytest.raises(PermissionDenied):
            queries.history_count("child-c-2014/R1/A2")
    assert asked.count("child-c-2014/R1/A2") == 2


def test_documents_are_only_an_actions_even_after_another_record_of_that_reference_was_read(with_people):
    from domain.errors import NotFound

    fake = FakeQueries()
    fake.documents = lambda ref: [{"title": "not an action's"}]
    queries = ScopedQueries(fake, scope_for(with_people.users, "chair"))
    queries.history("child-c-2014")  # a review: readable
    with pytest.raises(NotFound):
        queries.documents("child-c-2014")
