"""(Issue 17, board-editable.) The theme scheme page's list and edits, as plain functions over the use cases:
what each row says, what a successful edit says, and each refusal beside its field with nothing written."""
from __future__ import annotations

from datetime import date

import pytest

from dashboard import theme_scheme_view as view
from domain.errors import PermissionDenied
from tests.builders import BOARD, board_with_action
from tests.conftest import TODAY


@pytest.fixture
def themes(services):
    board_with_action(services.app)
    return services.themes


def edit(themes, key: str, actor: str = "manager", **values):
    return view.edit(themes, key, BOARD, values, actor, TODAY)


def test_the_list_says_each_themes_name_kind_merge_and_aliases(themes):
    themes.rename_theme(BOARD, "safe sleep", "Safer sleeping", actor="manager", on=date(2025, 1, 1))
    themes.add_local_theme(BOARD, "Housing", "Temporary accommodation", actor="manager", on=date(2025, 1, 1))
    themes.merge_themes(BOARD, "supervision", "professional curiosity", actor="manager", on=date(2025, 2, 1))
    themes.alias_theme(BOARD, "Homelessness", "Housing", actor="manager", on=date(2025, 3, 1))
    rows = {r["id"]: r for r in view.rows(themes.scheme(BOARD))}
    assert rows["safe-sleep"]["name"] == "Safer sleeping" and rows["safe-sleep"]["aliases"] == ["safe sleep"]  # its former name
    assert rows["supervision"]["merged_into"] == "Professional curiosity" and rows["neglect"]["merged_into"] == ""
    housing = rows["local:north-shire-safeguarding-children-partnership:housing"]
    assert (housing["kind"], housing["definition"], housing["aliases"]) == ("Local", "Temporary accommodation", ["homelessness"])
    assert rows["neglect"]["kind"] == "Shared" and "dv" in rows["domestic-abuse"]["aliases"]
    assert view.rows(themes.scheme(BOARD, date(2024, 12, 31)))[-1]["name"] == "Self-neglect"  # as at before: no local theme


def test_each_edit_says_what_changed_in_the_boards_names(themes):
    outcome, said = edit(themes, "add", name="Housing", definition="Temporary accommodation", on="2025-01-01")
    assert outcome.ok and said == f"Added 'Housing', a local theme of {BOARD}, from 1 Jan 2025."
    outcome, said = edit(themes, "rename", theme="thresholds", name="Levels of need", on="")
    assert outcome.ok and said == f"Thresholds is now shown as 'Levels of need' in {BOARD}, from 22 Nov 2026."
    outcome, said = edit(themes, "merge", theme="supervision", into="professional-curiosity", on="2026-11-22")
    assert outcome.ok and said.startswith("Supervision merged into Professional curiosity: its records count under")
    outcome, said = edit(themes, "alias", word="DVA and coercion", theme="domestic-abuse", on="2026-11-22")
    assert outcome.ok and said == f"'DVA and coercion' now names Domestic abuse in {BOARD}."
    scheme = themes.scheme(BOARD)
    assert scheme.name("thresholds") == "Levels of need" and scheme.canonical("supervision") == "professional-curiosity"
    assert scheme.lookup("dva and coercion") == "domestic-abuse"


@pytest.mark.parametrize(("key", "values", "field", "message"), [
    ("add", {"name": "", "definition": "x"}, "name", "Name is required and cannot be blank."),
    ("add", {"name": "DV"}, "name", "'DV' already names Domestic abuse in"),
    ("rename", {"theme": "neglect", "name": "neglect"}, "name", "'neglect' is already called 'neglect'."),
    ("rename", {"theme": "", "name": "Levels of need"}, "theme", "Choose a theme."),
    ("merge", {"theme": "neglect", "into": "neglect"}, "into", "'neglect' and 'neglect' are already the same theme (Neglect)."),
    ("merge", {"theme": "neglect", "into": ""}, "into", "Choose a theme."),
    ("alias", {"word": "neglect", "theme": "supervision"}, "word", "'neglect' already names Neglect."),
    ("alias", {"word": "Escalation", "theme": "neglect", "on": "2026-11-23"}, "on", "2026-11-23 is in the future (today is 2026-11-22)."),
    ("alias", {"word": "Escalation", "theme": "neglect", "on": "23/11/2026"}, "on", "'23/11/2026' is not a date"),
])
def test_bad_input_is_said_beside_its_field_in_the_domains_words_and_nothing_is_written(themes, key, values, field, message):
    outcome, said = edit(themes, key, **values)
    assert not outcome.ok and said == "" and list(outcome.errors) == [field]
    assert outcome.errors[field].startswith(message) or outcome.errors[field] == message
    assert themes._stored_scheme(BOARD) is None  # nothing written: not even the scheme's start


def test_only_those_the_use_cases_let_edit_the_scheme_may_and_a_refusal_writes_nothing(services, themes):
    for name, role, agency in (("manager", "admin", None), ("chair", "chair", None), ("viewer", "viewer", None),
                               ("police.lead", "agency_lead", "Police")):
        services.users.add(name, "a-long-password-1", role=role, board=BOARD, agency=agency, actor="manager")
    assert themes.check_editor(BOARD.lower(), "manager") == BOARD
    for who in ("chair", "viewer", "police.lead"):
        with pytest.raises(PermissionDenied):
            themes.check_editor(BOARD, who)
        outcome, said = edit(themes, "add", actor=who, name="Housing")
        assert not outcome.ok and said == "" and f"{who} may not manage" in outcome.message
    assert themes._stored_scheme(BOARD) is None
