"""Stories a board would recognise, told through the use cases."""
from __future__ import annotations

from datetime import date

import pytest

from domain.errors import AlreadyExists, Conflict, InvalidTransition, NotFound
from tests.builders import BOARD, board_with_action


def test_an_action_plan_runs_from_agreement_to_sign_off(app):
    action = board_with_action(app)
    app.report_progress(action.reference, "Training booked for March", actor="police.lead", on=date(2024, 2, 1))
    app.reschedule_action(action.reference, date(2024, 9, 30), "Trainer unavailable until summer", actor="police.lead", on=date(2024, 3, 1))
    app.complete_action(action.reference, "Register: 412 of 420 officers trained", actor="police.lead", on=date(2024, 9, 2))
    app.refuse_sign_off(action.reference, "Show the effect on referrals", actor="chair", on=date(2024, 10, 1))
    app.complete_action(action.reference, "Audit: thresholds applied in 18 of 20 referrals", actor="police.lead", on=date(2024, 11, 1))
    app.sign_off_action(action.reference, "Referral quality up from 55% to 90%", actor="chair", on=date(2024, 12, 5))

    final = app.action(action.reference)
    assert final.status == "signed_off"
    assert (final.original_target_date, final.target_date, final.reschedules) == (date(2024, 6, 30), date(2024, 9, 30), 1)
    assert [type(e).__name__ for e in app.events_of(action.reference)] == [
        "Agreed", "ProgressReported", "Rescheduled", "Completed", "SignOffRefused", "Completed", "SignedOff",
    ]
    assert all(e.actor for e in app.events_of(action.reference))


def test_a_recommendation_is_implemented_when_every_live_action_is_signed_off(app):
    first = board_with_action(app)
    second = app.add_action("child-c-2014/R1", "Education", "Brief DSLs", date(2024, 6, 30), actor="manager", on=date(2024, 1, 10))
    app.complete_action(first.reference, "Done", actor="p", on=date(2024, 3, 1))
    app.sign_off_action(first.reference, actor="chair", on=date(2024, 4, 1))
    assert not app.is_implemented("child-c-2014/R1")

    app.withdraw_action(second.reference, "Covered by the schools' audit", actor="chair", on=date(2024, 4, 1))
    assert app.is_implemented("child-c-2014/R1")
    app.close_recommendation("child-c-2014/R1", "Information now shared at referral", actor="chair", on=date(2024, 4, 2))
    assert app.recommendation("child-c-2014/R1").status == "closed"


def test_the_second_action_under_a_recommendation_is_a2(app):
    board_with_action(app)
    second = app.add_action("child-c-2014/R1", "education", "Brief DSLs", date(2024, 6, 30), actor="manager", on=date(2024, 1, 10))
    assert second.reference == "child-c-2014/R1/A2" and second.agency == "Education"


def test_a_duplicate_review_code_is_refused(app):
    board_with_action(app)
    with pytest.raises(AlreadyExists, match="^code: a review with code 'child-c-2014' already exists"):
        app.commission_review(BOARD, "CHILD-C-2014", "Another", "lcspr", actor="manager")


def test_a_duplicate_recommendation_number_is_refused(app):
    board_with_action(app)
    with pytest.raises(AlreadyExists, match="^number: child-c-2014/R1 already exists"):
        app.make_recommendation("child-c-2014", 1, "Again", actor="manager")


def test_an_unknown_reference_names_what_was_asked_for(app):
    board_with_action(app)
    with pytest.raises(NotFound, match="^action: no action 'child-c-2014/R1/A9'"):
        app.complete_action("child-c-2014/R1/A9", "x", actor="p")
    with pytest.raises(NotFound, match="^action: 'child-c-2014/R1' is not a reference|^action:"):
        app.complete_action("child c 2014", "x", actor="p")


def test_a_recommendation_reference_is_not_an_action(app):
    board_with_action(app)
    with pytest.raises(NotFound, match="^action:"):
        app.action(str(app.recommendation("child-c-2014/R1").id))


def test_an_unknown_board_is_refused(app):
    with pytest.raises(NotFound, match="^board: unknown board 'Nowhere'"):
        app.commission_review("Nowhere", "x", "X", "scr", actor="m")


def test_a_stale_copy_saved_after_someone_else_saved_is_a_conflict_and_stores_nothing(make_services, durable_url, monkeypatch):
    alice, bob = make_services(durable_url).app, make_services(durable_url).app
    board_with_action(alice)
    stale = bob.action("child-c-2014/R1/A1")
    alice.complete_action("child-c-2014/R1/A1", "Register attached", actor="alice", on=date(2024, 3, 1))

    monkeypatch.setattr(bob, "action", lambda ref: stale)
    with pytest.raises(Conflict):
        bob.report_progress("child-c-2014/R1/A1", "Half done", actor="bob", on=date(2024, 3, 2))

    events = [type(e).__name__ for e in alice.events_of("child-c-2014/R1/A1")]
    assert events == ["Agreed", "Completed"]


def test_a_conflicting_new_action_stores_neither_the_number_nor_the_action(make_services, durable_url, monkeypatch):
    alice, bob = make_services(durable_url).app, make_services(durable_url).app
    board_with_action(alice)
    stale = bob.recommendation("child-c-2014/R1")
    alice.add_action("child-c-2014/R1", "Education", "Brief DSLs", date(2024, 6, 30), actor="alice", on=date(2024, 1, 10))

    monkeypatch.setattr(bob, "recommendation", lambda ref: stale)
    with pytest.raises(Conflict):
        bob.add_action("child-c-2014/R1", "Police", "Audit", date(2024, 6, 30), actor="bob", on=date(2024, 1, 10))

    assert alice.recommendation("child-c-2014/R1").action_count == 2
    assert alice.action("child-c-2014/R1/A2").agency == "Education"


def test_invalid_transitions_leave_the_action_unchanged(app):
    action = board_with_action(app)
    with pytest.raises(InvalidTransition):
        app.sign_off_action(action.reference, actor="chair")
    assert app.action(action.reference).version == 1
