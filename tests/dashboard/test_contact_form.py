"""The lead's email for reminders: who is told now, the agency's fallback, and who may change it."""
from __future__ import annotations

from dashboard.action_view import contact_form, contact_now
from dashboard.forms import set_contact
from domain.errors import DomainError
from tests.dashboard.test_action_view import ids
from tests.dashboard.test_timeline import texts

ACTION = {"status": "in_progress", "board": "North Shire", "agency": "Police", "contact": ""}


def test_without_its_own_email_the_action_says_the_agencys_contact_is_used():
    assert "Police's contact for the board, police@example.org" in contact_now(ACTION, "police@example.org")
    assert "no reminder can be sent" in contact_now(ACTION, "")
    assert contact_now({**ACTION, "contact": "lead@example.org"}, "police@example.org").endswith("go to lead@example.org.")


def test_the_form_is_offered_to_a_manager_and_explained_to_anyone_else():
    assert "contact-email" in ids(contact_form(ACTION, "", None))
    refused = contact_form(ACTION, "", "Only the board's business manager can change this.")
    assert "contact-email" not in ids(refused)
    assert "Only the board's business manager can change this." in texts(refused)
    withdrawn = contact_form({**ACTION, "status": "withdrawn"}, "", None)
    assert "contact-email" not in ids(withdrawn) and any("reopen it first" in t for t in texts(withdrawn))


def test_a_refused_email_comes_back_beside_the_field():
    def bad():
        raise DomainError("contact", "'x' is not an email address")

    def blank():
        raise DomainError("chair contact", "is required and cannot be blank")

    def elsewhere():
        raise DomainError("agency", "unknown agency 'Fire'")

    assert set_contact(bad, "Lead's email for reminders").errors == {"email": "'x' is not an email address."}
    assert set_contact(blank, "Sub-group chair's email").errors == {"email": "Sub-group chair's email is required and cannot be blank."}
    outcome = set_contact(elsewhere, "Fire's email")
    assert not outcome.ok and outcome.errors == {} and outcome.message == "Agency: unknown agency 'Fire'"
    assert set_contact(lambda: None, "x").ok
