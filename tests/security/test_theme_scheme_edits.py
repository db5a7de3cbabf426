"""(Issue 17, board-editable.) Only those the theme use cases let edit a board's scheme may, whatever the door: the
dashboard's page offers the forms to them alone, a hand-made callback request from anyone else writes nothing,
and the command line refuses alike."""
from __future__ import annotations

import pytest

from monitoring.cli.main import main
from tests.builders import BOARD
from tests.conftest import events_in
from tests.security.test_hand_made_requests import call, signed_in

HOUSING = "local:north-shire-safeguarding-children-partnership:housing"


def page(client) -> str:
    return call(client, "_pages_content", {"_pages_location.pathname": "/themes/scheme",
                                           "_pages_location.search": "?board=North+Shire+Safeguarding+Children+Partnership"})[1]


def add_housing(client) -> tuple[int, str]:
    """The add form's callback, posted by hand with every field filled as the page would send it."""
    return call(client, "scheme-add-form", {"scheme-add-form.n_submit": 1, "scheme-board.data": BOARD,
                                            "scheme-add-name.value": "Housing", "scheme-add-definition.value": "Forged",
                                            "scheme-add-on.value": "2024-02-01"})


@pytest.mark.parametrize("username", ["viewer", "police.lead", "chair"])
def test_a_reader_who_may_not_edit_sees_the_scheme_without_the_forms(store, username):
    body = page(signed_in(store, username))
    assert "scheme-table" in body and "Neglect" in body
    assert "Only the board's business manager can change this board's theme scheme" in body
    assert "scheme-add-form" not in body and "scheme-rename-form" not in body


def test_the_boards_business_manager_is_offered_the_four_forms(store):
    body = page(signed_in(store, "bm"))
    assert all(f"scheme-{key}-form" in body for key in ("add", "rename", "merge", "alias"))
    assert "Only the board's business manager can change" not in body


def test_another_boards_admin_asking_for_this_boards_scheme_page_is_told_no_and_shown_none_of_it(store):
    store.themes.add_local_theme(BOARD, "Housing", actor="bm")
    body = page(signed_in(store, "south.admin"))
    assert "south.admin may not read" in body and "scheme-table" not in body and "Housing" not in body


@pytest.mark.parametrize("username", ["viewer", "police.lead", "south.admin"])
def test_a_hand_made_edit_from_someone_the_use_cases_refuse_writes_nothing(store, sqlite_url, username):
    before = events_in(sqlite_url)
    code, body = add_housing(signed_in(store, username))
    assert code == 200 and f"{username} may not manage" in body and "Nothing was saved" in body
    assert events_in(sqlite_url) == before and store.themes.scheme(BOARD).lookup("Housing") is None


def test_the_same_hand_made_edit_from_the_business_manager_is_made(store):
    code, body = add_housing(signed_in(store, "bm"))
    assert code == 200 and "Added 'Housing', a local theme of" in body
    assert store.themes.scheme(BOARD).lookup("Housing") == HOUSING


def test_the_command_line_refuses_a_scheme_edit_from_a_viewer_in_one_line_and_writes_nothing(store, sqlite_url, capsys):
    before = events_in(sqlite_url)
    code = main(["--db", sqlite_url, "theme", "add", "Housing", "--board", BOARD, "--as", "viewer"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1 and "viewer may not manage" in err
    assert events_in(sqlite_url) == before
