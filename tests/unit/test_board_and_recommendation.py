"""Boards know their agencies; recommendations number their actions and close only when implemented."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from domain.board import Board
from domain.errors import AlreadyExists, DomainError, InvalidTransition, NotFound
from domain.recommendation import Recommendation

TODAY = date(2026, 11, 22)


def board() -> Board:
    return Board.register(name="North Shire", agencies=["Police", "police ", "Education"], actor="m", on=date(2024, 1, 1), today=TODAY)


def recommendation() -> Recommendation:
    return Recommendation.make(
        review=SimpleNamespace(board="North Shire", id=None, code="child-c-2014"), number=3, text="Share information.",
        agencies=[], priority=True, actor="m", on=date(2024, 1, 3), today=TODAY,
    )


def test_a_board_matches_agency_names_case_insensitively_and_without_duplicates():
    b = board()
    assert b.agencies == ["Police", "Education"]
    assert b.agency_named("POLICE") == "Police"


def test_an_agency_the_board_does_not_have_is_named_in_the_error():
    with pytest.raises(NotFound, match="^agency: 'Health' is not an agency of North Shire"):
        board().agency_named("Health")


def test_adding_an_agency_twice_is_refused():
    with pytest.raises(AlreadyExists):
        board().add_agency(agency="education", actor="m", on=date(2024, 1, 2), today=TODAY)


def test_a_contact_must_be_an_email_address():
    with pytest.raises(DomainError, match="^chair contact: 'chair at example' is not an email address"):
        board().set_chair_contact(email="chair at example", actor="m", on=date(2024, 1, 2), today=TODAY)


def test_actions_are_numbered_in_order_within_their_recommendation():
    r = recommendation()
    assert [r.plan_action(actor="m", on=date(2024, 1, 4)) for _ in range(3)] == [1, 2, 3]


def test_an_action_cannot_be_agreed_before_its_recommendation_was_made():
    with pytest.raises(DomainError, match="^on: 2024-01-02 is before the recommendation was made"):
        recommendation().plan_action(actor="m", on=date(2024, 1, 2))


def test_a_recommendation_closes_only_when_implemented_and_with_an_impact_statement():
    r = recommendation()
    with pytest.raises(InvalidTransition, match="cannot be closed until every action"):
        r.close(impact="Better", implemented=False, actor="chair", on=date(2024, 6, 1), today=TODAY)
    with pytest.raises(DomainError, match="^impact: is required"):
        r.close(impact="", implemented=True, actor="chair", on=date(2024, 6, 1), today=TODAY)
    r.close(impact="Better referrals", implemented=True, actor="chair", on=date(2024, 6, 1), today=TODAY)
    assert r.status == "closed"


def test_a_closed_recommendation_takes_no_new_actions_and_cannot_be_rejected():
    r = recommendation()
    r.reject(reason="Duplicates R2", actor="board", on=date(2024, 2, 1), today=TODAY)
    with pytest.raises(InvalidTransition):
        r.plan_action(actor="m", on=date(2024, 2, 2))
    with pytest.raises(InvalidTransition):
        r.supersede(reason="x", actor="board", on=date(2024, 2, 2), today=TODAY)


def test_a_recommendation_number_must_be_positive():
    with pytest.raises(DomainError, match="^number:"):
        Recommendation.make(review=SimpleNamespace(board="B", id=None, code="c"), number=0, text="t", agencies=[], priority=False, actor="m", on=date(2024, 1, 1), today=TODAY)
