"""What the action page offers: forms by status and role, and text that a closed form can no longer take."""
from __future__ import annotations

from datetime import date

from dashboard.action_view import forms, unsent
from dashboard.forms import SUB_GROUP

ACTION = {"status": "signed_off", "board": "North Shire", "agency": "Police"}


def ids(component) -> list:
    found = []

    def walk(node):
        if getattr(node, "id", None) is not None:
            found.append(node.id)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, (list, tuple)) else [children]:
            if child is not None and not isinstance(child, str):
                walk(child)

    walk(component)
    return found


def test_text_typed_into_a_form_the_new_status_closes_is_shown_back():
    kept = {("complete", "evidence"): "Audit of 20 files", ("complete", "on"): "2026-11-20", ("reopen", "reason"): "New finding"}
    notice = unsent(ACTION, kept)
    text = str(notice)
    assert "Audit of 20 files" in text and "Mark complete" in text
    assert "New finding" not in text  # reopen is still open: the text is back in its own field


def test_nothing_to_show_back_when_every_form_still_applies():
    assert unsent({**ACTION, "status": "in_progress"}, {("complete", "evidence"): "Audit"}) is None


def test_a_completed_action_offers_the_sub_group_its_forms():
    shown = [i for i in ids(forms({**ACTION, "status": "completed"}, date(2026, 11, 22), {}, {})) if isinstance(i, str)]
    assert {"form-sign-off", "form-refuse", "form-reopen", "form-withdraw"} <= set(shown)
    assert "form-complete" not in shown


def test_a_group_the_role_refuses_is_replaced_by_the_reason():
    tree = forms({**ACTION, "status": "completed"}, date(2026, 11, 22), {}, {SUB_GROUP: "Only the review sub-group can sign off."})
    assert "form-sign-off" not in ids(tree)
    assert "Only the review sub-group can sign off." in str(tree) and "Not for you" not in str(tree)
