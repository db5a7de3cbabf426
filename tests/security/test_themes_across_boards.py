"""(Issue 17.) Themes across boards: a reader of several boards sees them all; a reader of one sees the others only
as counts ("fewer than 5" under 5), never their recommendations' text: through the CLI, the page and a hand-made request."""
from __future__ import annotations

import json
from datetime import date

import pytest

from monitoring.cli.main import main
from tests.builders import BOARD
from tests.security.conftest import OTHER_BOARD, PASSWORD, add_people, build_two_boards
from tests.security.test_hand_made_requests import call, signed_in

SOUTH_TEXT = "Agencies escalate concerns about self-neglect."


@pytest.fixture
def store(make_services, sqlite_url):
    services = make_services(sqlite_url)
    build_two_boards(services)  # South Vale's adult-d-2020/R1 is SOUTH_TEXT
    themes = services.themes
    themes.commission_review(OTHER_BOARD, "adult-e-2021", "Adult E (2021)", "sar", themes=["self-neglect"], actor="bm", on=date(2024, 2, 1))
    for n in (1, 2):
        themes.make_recommendation("adult-e-2021", n, f"Self-neglect learning {n}.", themes=["self-neglect"], actor="bm", on=date(2024, 2, 2))
    themes.commission_review(BOARD, "child-f-2024", "Child F (2024)", "lcspr", themes=["self-neglect"], actor="bm", on=date(2024, 3, 1))
    _, found = themes.make_recommendation("child-f-2024", 1, "Agencies should escalate concerns about self-neglect.",
                                          themes=["self-neglect"], actor="bm", on=date(2024, 3, 2))
    assert [e["reference"] for e in found] == ["adult-d-2020/R1"]  # by text, across boards
    add_people(services)
    services.users.add("regional.lead", PASSWORD, role="viewer", board=BOARD, actor="bm")
    services.users.grant("regional.lead", role="viewer", board=OTHER_BOARD, actor="south.admin")
    services.catch_up()
    return services


def cli(store, capsys, *argv):
    code = main(["--db", store.settings.db_url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_reader_of_one_board_sees_other_boards_only_as_counts_on_the_command_line(store, capsys):
    code, out, _ = cli(store, capsys, "themes", "--format", "json", "--as", "viewer")
    answer = json.loads(out)
    assert code == 0 and answer["boards"] == [BOARD]
    others = {r["name"]: r for r in answer["other_boards"]["rows"]}
    assert others["Self-neglect"] == {"theme": "self-neglect", "name": "Self-neglect", "reviews": "fewer than 5",
                                      "recommendations": "fewer than 5"}
    code, out, _ = cli(store, capsys, "recurrences", "child-f-2024/R1", "--as", "viewer")
    assert code == 0 and SOUTH_TEXT not in out and "adult-d-2020" not in out
    assert "Also fewer than 5 earlier recommendation(s) in boards you may not read" in out
    code, _, err = cli(store, capsys, "themes", "--board", OTHER_BOARD, "--as", "viewer")
    assert code == 2 and "viewer may not read" in err and err.count("\n") == 1


def test_a_reader_of_both_boards_sees_the_themes_and_recurrences_across_them(store, capsys):
    code, out, _ = cli(store, capsys, "themes", "--format", "json", "--as", "regional.lead")
    answer = json.loads(out)
    assert code == 0 and answer["boards"] == sorted([BOARD, OTHER_BOARD], key=str.lower) and answer["other_boards"] is None
    self_neglect = next(r for r in answer["rows"] if r["name"] == "Self-neglect")
    assert self_neglect["reviews"] == 2 and self_neglect["recommendations"] == 3
    code, out, _ = cli(store, capsys, "recurrences", "child-f-2024/R1", "--format", "csv", "--as", "regional.lead")
    assert code == 0 and "adult-d-2020/R1" in out and SOUTH_TEXT in out


def test_a_hand_made_request_for_the_themes_page_keeps_a_one_board_reader_to_counts(store):
    client = signed_in(store, "viewer")
    query = {"board": "all-boards", "as_at": "2026-11-22", "kind": "all", "agency": "all", "count": "recommendations"}
    code, body = call(client, "themes-heatmap", {"themes-query.data": query})
    assert code == 200 and "fewer than 5" in body and "Self-neglect" in body
    assert SOUTH_TEXT not in body and "adult-e-2021" not in body
    code, body = call(client, "themes-heatmap", {"themes-query.data": {**query, "board": OTHER_BOARD}})
    assert code == 200 and "viewer may not read" in body and "Self-neglect learning" not in body
    code, body = records(client, query, {"theme": "self-neglect", "year": 2023})
    assert code == 200 and "child-f-2024/R1" in body and "Self-neglect learning" not in body and "adult-e-2021" not in body


def records(client, query: dict, selected: dict) -> tuple[int, str]:
    """The click-through callback (one output, so `outputs` is one object, as the renderer sends it)."""
    body = {"output": "themes-records.children", "outputs": {"id": "themes-records", "property": "children"},
            "inputs": [{"id": "themes-selected", "property": "data", "value": selected},
                       {"id": "themes-query", "property": "data", "value": query},
                       {"id": "themes-records-page", "property": "data", "value": None}],
            "changedPropIds": ["themes-selected.data"]}
    response = client.post("/_dash-update-component", json=body, headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    return response.status_code, json.dumps(json.loads(response.get_data(as_text=True)))  # Dash writes / as \\u002f
