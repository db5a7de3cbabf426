"""The action forms call the use cases: messages sit beside the field they name, and nothing is written on error."""
from __future__ import annotations

from datetime import date

from dashboard.forms import FORMS, submit
from tests.builders import board_with_action
from tests.conftest import TODAY


def send(app, form, values, *, version=None, ref="child-c-2014/R1/A1"):
    return submit(app, FORMS[form], ref, values, version=version, actor="lead@police", today=TODAY)


def events(app):
    return len(app.events_of("child-c-2014/R1/A1"))


def test_marking_complete_with_evidence_records_it_on_the_effective_date(app):
    action = board_with_action(app)
    outcome = send(app, "complete", {"evidence": "Training log, 96% of officers", "on": "2024-05-01"}, version=action.version)
    assert outcome.ok and outcome.message == "Marked complete."
    assert app.action("child-c-2014/R1/A1").status == "completed"
    assert app.action("child-c-2014/R1/A1").completed_on == date(2024, 5, 1)


def test_blank_evidence_is_reported_beside_the_evidence_field_and_writes_nothing(app):
    board_with_action(app)
    before = events(app)
    outcome = send(app, "complete", {"evidence": "   ", "on": ""})
    assert not outcome.ok
    assert outcome.errors == {"evidence": "Evidence that it is done is required and cannot be blank."}
    assert events(app) == before


def test_a_new_target_date_needs_a_real_date_beside_its_field(app):
    board_with_action(app)
    outcome = send(app, "reschedule", {"target": "31/12/2024", "reason": "Staff shortage"})
    assert outcome.errors == {"target": "'31/12/2024' is not a date; use the date picker or YYYY-MM-DD."}
    assert send(app, "reschedule", {"target": "", "reason": "x"}).errors == {"target": "Enter a date."}


def test_a_target_before_the_action_was_agreed_is_refused_beside_the_target(app):
    board_with_action(app)
    outcome = send(app, "reschedule", {"target": "2023-01-01", "reason": "Typo"})
    assert list(outcome.errors) == ["target"] and "before the action was agreed" in outcome.errors["target"]
    assert app.action("child-c-2014/R1/A1").reschedules == 0


def test_a_future_effective_date_is_refused_beside_the_effective_date(app):
    board_with_action(app)
    outcome = send(app, "progress", {"note": "Half the officers trained", "on": "2030-01-01"})
    assert list(outcome.errors) == ["on"] and "in the future" in outcome.errors["on"]


def test_a_stale_version_is_a_conflict_that_offers_a_reload_and_writes_nothing(app):
    action = board_with_action(app)
    app.report_progress("child-c-2014/R1/A1", "Someone else's update", actor="other", on=date(2024, 2, 1))
    before = events(app)
    outcome = send(app, "progress", {"note": "My update"}, version=action.version)
    assert outcome.conflict and not outcome.ok
    assert "changed by someone else since you loaded it" in outcome.message
    assert events(app) == before


def test_a_status_that_does_not_allow_the_command_is_a_message_above_the_button(app):
    board_with_action(app)
    outcome = send(app, "sign-off", {"impact": "Referrals improved"})
    assert not outcome.ok and outcome.errors == {}
    assert outcome.message.startswith("Status: cannot sign off child-c-2014/R1/A1")


def test_sign_off_with_an_impact_statement_closes_the_action(app):
    board_with_action(app)
    app.complete_action("child-c-2014/R1/A1", "Audit", actor="lead", on=date(2024, 3, 1))
    outcome = send(app, "sign-off", {"impact": "Re-referrals fell by a third", "on": "2024-03-10"})
    assert outcome.ok
    assert app.action("child-c-2014/R1/A1").status == "signed_off"


def test_each_form_is_offered_only_where_the_lifecycle_allows_it():
    offered = {status: sorted(k for k, f in FORMS.items() if f.allowed(status)) for status in ("not_started", "completed", "signed_off")}
    assert offered["not_started"] == ["complete", "progress", "reschedule", "withdraw"]
    assert offered["completed"] == ["refuse", "reopen", "sign-off", "withdraw"]
    assert offered["signed_off"] == ["reopen"]


class LeadsOnly:
    """A policy under which nobody may assure: enough to see the dashboard ask it."""

    def check(self, actor, permission, *, board=None, agency=None):
        from domain.errors import PermissionDenied

        if permission == "assure":
            raise PermissionDenied("as", f"{actor} may not sign off, refuse, reopen or withdraw actions of {board}")


def test_a_group_of_forms_the_policy_refuses_says_why(make_services):
    from dashboard.forms import AGENCY, SUB_GROUP, refusal

    app = make_services("memory:", policy=LeadsOnly()).app
    action = {"board": "North Shire", "agency": "Police"}
    assert refusal(app, "lead.police", AGENCY, action) is None
    assert refusal(app, "lead.police", SUB_GROUP, action) == (
        "Only the review sub-group (its chair or members) or the board's business manager can sign off this action, "
        "refuse sign-off, reopen or withdraw it.")
