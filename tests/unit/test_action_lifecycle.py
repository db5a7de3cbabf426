"""Every guard of an action's lifecycle (docs/domain.md), exercised on the aggregate alone."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from domain.action import Action
from domain.errors import DomainError, InvalidTransition

TODAY = date(2026, 11, 22)


def agreed(on=date(2024, 1, 10), target=date(2024, 6, 30)) -> Action:
    return Action.agree(
        recommendation=SimpleNamespace(board="North Shire", review_id=None, review_code="child-c-2014", id=None, number=3),
        number=2, agency="Police", text="Train officers in referral thresholds.",
        target_date=target, actor="manager", on=on, today=TODAY,
    )


def completed(on=date(2024, 5, 1)) -> Action:
    action = agreed()
    action.complete(evidence="Training register", actor="police.lead", on=on, today=TODAY)
    return action


def test_a_new_action_is_not_started_with_its_original_target_kept():
    action = agreed()
    assert action.status == "not_started"
    assert action.reference == "child-c-2014/R3/A2"
    assert action.original_target_date == action.target_date == date(2024, 6, 30)


def test_progress_moves_a_not_started_action_into_progress():
    action = agreed()
    action.report_progress(note="Half trained", actor="police.lead", on=date(2024, 2, 1), today=TODAY)
    assert action.status == "in_progress"


def test_progress_needs_a_note():
    with pytest.raises(DomainError, match="^note: is required"):
        agreed().report_progress(note="  ", actor="p", on=date(2024, 2, 1), today=TODAY)


def test_completing_needs_evidence():
    with pytest.raises(DomainError, match="^evidence: is required"):
        agreed().complete(evidence="", actor="p", on=date(2024, 2, 1), today=TODAY)


def test_signing_off_an_action_that_is_not_completed_is_refused():
    with pytest.raises(InvalidTransition, match="cannot sign off child-c-2014/R3/A2: it is not started"):
        agreed().sign_off(impact="", actor="chair", on=date(2024, 2, 1), today=TODAY)


def test_sign_off_closes_a_completed_action_with_its_impact():
    action = completed()
    action.sign_off(impact="Referrals now carry chronology", actor="chair", on=date(2024, 6, 1), today=TODAY)
    assert action.status == "signed_off"
    assert action.signed_off_on == date(2024, 6, 1)


def test_refusing_sign_off_returns_the_action_to_in_progress_and_needs_reasons():
    action = completed()
    with pytest.raises(DomainError, match="^reason: is required"):
        action.refuse_sign_off(reason="", actor="chair", on=date(2024, 6, 1), today=TODAY)
    action.refuse_sign_off(reason="No evidence of impact", actor="chair", on=date(2024, 6, 1), today=TODAY)
    assert action.status == "in_progress"
    assert action.completed_on is None


def test_refusing_sign_off_of_an_action_not_completed_is_refused():
    with pytest.raises(InvalidTransition):
        agreed().refuse_sign_off(reason="x", actor="chair", on=date(2024, 6, 1), today=TODAY)


def test_rescheduling_needs_a_reason_and_counts_the_revision():
    action = agreed()
    with pytest.raises(DomainError, match="^reason: is required"):
        action.reschedule(target_date=date(2024, 9, 30), reason="", actor="p", on=date(2024, 3, 1), today=TODAY)
    action.reschedule(target_date=date(2024, 9, 30), reason="Trainer left", actor="p", on=date(2024, 3, 1), today=TODAY)
    assert (action.target_date, action.original_target_date, action.reschedules) == (date(2024, 9, 30), date(2024, 6, 30), 1)


def test_a_target_date_before_the_action_was_agreed_is_refused():
    with pytest.raises(DomainError, match="^target: 2023-12-01 is before the action was agreed on 2024-01-10"):
        agreed(target=date(2023, 12, 1))
    with pytest.raises(DomainError, match="^target: .* before the action was agreed"):
        agreed().reschedule(target_date=date(2024, 1, 9), reason="x", actor="p", on=date(2024, 3, 1), today=TODAY)


def test_rescheduling_to_the_same_date_is_refused():
    with pytest.raises(DomainError, match="already the target date"):
        agreed().reschedule(target_date=date(2024, 6, 30), reason="x", actor="p", on=date(2024, 3, 1), today=TODAY)


def test_withdrawing_needs_a_reason():
    with pytest.raises(DomainError, match="^reason: is required"):
        agreed().withdraw(reason=" ", actor="chair", on=date(2024, 3, 1), today=TODAY)


@pytest.mark.parametrize(
    "command",
    [
        lambda a: a.report_progress(note="n", actor="p", on=date(2024, 4, 1), today=TODAY),
        lambda a: a.complete(evidence="e", actor="p", on=date(2024, 4, 1), today=TODAY),
        lambda a: a.sign_off(impact="", actor="c", on=date(2024, 4, 1), today=TODAY),
        lambda a: a.refuse_sign_off(reason="r", actor="c", on=date(2024, 4, 1), today=TODAY),
        lambda a: a.reschedule(target_date=date(2025, 1, 1), reason="r", actor="p", on=date(2024, 4, 1), today=TODAY),
        lambda a: a.withdraw(reason="r", actor="c", on=date(2024, 4, 1), today=TODAY),
        lambda a: a.set_contact(email="a@b.org", actor="m", on=date(2024, 4, 1), today=TODAY),
    ],
    ids=["progress", "complete", "sign-off", "refuse", "reschedule", "withdraw", "contact"],
)
def test_a_withdrawn_action_accepts_nothing_but_reopen(command):
    action = agreed()
    action.withdraw(reason="Superseded", actor="chair", on=date(2024, 3, 1), today=TODAY)
    with pytest.raises(InvalidTransition, match="withdrawn"):
        command(action)


def test_reopening_a_withdrawn_action_restores_its_status_before_withdrawal():
    action = completed()
    action.withdraw(reason="Superseded", actor="chair", on=date(2024, 5, 2), today=TODAY)
    action.reopen(reason="Back in scope", actor="chair", on=date(2024, 5, 3), today=TODAY)
    assert action.status == "completed"


def test_reopening_a_signed_off_action_sends_it_back_to_work_and_needs_a_reason():
    action = completed()
    action.sign_off(impact="", actor="chair", on=date(2024, 6, 1), today=TODAY)
    with pytest.raises(DomainError, match="^reason: is required"):
        action.reopen(reason="", actor="chair", on=date(2024, 7, 1), today=TODAY)
    action.reopen(reason="Audit found drift", actor="chair", on=date(2024, 7, 1), today=TODAY)
    assert action.status == "in_progress" and action.signed_off_on is None


def test_reopening_an_open_action_is_refused():
    with pytest.raises(InvalidTransition, match="cannot reopen"):
        agreed().reopen(reason="x", actor="chair", on=date(2024, 7, 1), today=TODAY)


def test_an_effective_date_in_the_future_is_refused():
    with pytest.raises(DomainError, match="^on: 2026-11-23 is in the future"):
        agreed().report_progress(note="n", actor="p", on=date(2026, 11, 23), today=TODAY)
    with pytest.raises(DomainError, match="^on: .* in the future"):
        agreed(on=date(2026, 12, 1), target=date(2027, 1, 1))


def test_an_effective_date_before_the_previous_change_is_refused():
    action = agreed()
    action.report_progress(note="n", actor="p", on=date(2024, 3, 1), today=TODAY)
    with pytest.raises(DomainError, match="^on: 2024-02-01 is before this record's last change on 2024-03-01"):
        action.complete(evidence="e", actor="p", on=date(2024, 2, 1), today=TODAY)


def test_a_refused_command_records_no_event():
    action = agreed()
    action.collect_events()
    with pytest.raises(DomainError):
        action.complete(evidence="", actor="p", on=date(2024, 2, 1), today=TODAY)
    assert action.collect_events() == []
