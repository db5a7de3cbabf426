"""The command line as a person uses it: one readable line and exit 2 on bad input, nothing written."""
from __future__ import annotations

import pytest

from monitoring.cli.main import main
from tests.conftest import events_in

BOARD = "North Shire"


@pytest.fixture
def cli(sqlite_url, capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--db", sqlite_url, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("board", "add", BOARD, "--agency", "Police", "--agency", "Education", "--on", "2024-01-01")[0] == 0
    assert run("review", "add", "--board", BOARD, "--code", "child-c-2014", "--title", "Child C (2014)", "--type", "scr", "--on", "2024-01-02")[0] == 0
    assert run("recommendation", "add", "child-c-2014", "--number", "3", "--text", "Share information", "--priority", "--on", "2024-01-03")[0] == 0
    assert run("action", "add", "child-c-2014/R3", "--agency", "police", "--text", "Train officers", "--target", "2024-06-30", "--on", "2024-01-10")[0] == 0
    return run


def test_an_action_is_driven_through_its_lifecycle_from_the_shell(cli):
    assert cli("action", "progress", "child-c-2014/R3/A1", "--note", "Half trained", "--on", "2024-02-01", "--as", "police.lead")[0] == 0
    code, out, _ = cli("action", "complete", "child-c-2014/R3/A1", "--evidence", "Register", "--on", "2024-03-01")
    assert code == 0 and "child-c-2014/R3/A1: completed" in out
    code, out, _ = cli("action", "sign-off", "child-c-2014/R3/A1", "--impact", "Referrals better", "--on", "2024-04-01", "--as", "chair")
    assert code == 0 and "signed off" in out


def test_history_lists_every_change_with_actor_and_dates(cli):
    cli("action", "progress", "child-c-2014/R3/A1", "--note", "Half trained", "--on", "2024-02-01", "--as", "police.lead")
    code, out, _ = cli("history", "child-c-2014/R3/A1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["version", "recorded", "effective", "actor", "change", "details"]
    assert "2024-02-01" in lines[3] and "police.lead" in lines[3] and "Progress reported" in lines[3]


def test_history_in_json_carries_the_details(cli):
    import json

    cli("action", "reschedule", "child-c-2014/R3/A1", "--target", "2024-09-30", "--reason", "Trainer left", "--on", "2024-02-01")
    code, out, _ = cli("history", "child-c-2014/R3/A1", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert rows[1]["change"] == "Target date moved"
    assert rows[1]["details"] == {"target_date": "2024-09-30", "reason": "Trainer left"}


@pytest.mark.parametrize(
    "argv,message",
    [
        (["action", "complete", "child-c-2014/R3/A9", "--evidence", "x"], "action: no action 'child-c-2014/R3/A9'"),
        (["action", "progress", "child-c-2014/R3/A1", "--note", "x", "--on", "2024-02-30"], "argument --on: '2024-02-30' is not a real date"),
        (["action", "progress", "child-c-2014/R3/A1", "--note", "x", "--on", "01/02/2024"], "argument --on: '01/02/2024' is not a real date"),
        (["action", "progress", "child-c-2014/R3/A1", "--note", "  "], "note: is required and cannot be blank"),
        (["action", "sign-off", "child-c-2014/R3/A1"], "status: cannot sign off child-c-2014/R3/A1: it is not started"),
        (["action", "add", "child-c-2014/R3", "--agency", "Health", "--text", "x", "--target", "2024-06-30"], "agency: 'Health' is not an agency of North Shire"),
        (["review", "add", "--board", "Nowhere", "--code", "x", "--title", "X", "--type", "scr"], "board: unknown board 'Nowhere'"),
        (["review", "add", "--board", BOARD, "--code", "x", "--title", "X", "--type", "inquiry"], "type: unknown value 'inquiry'"),
        (["review", "add", "--board", BOARD, "--code", "child-c-2014", "--title", "X", "--type", "scr"], "code: a review with code 'child-c-2014' already exists"),
        (["action", "progress", "child-c-2014/R3/A1", "--note", "x", "--on", "2099-01-01"], "on: 2099-01-01 is in the future"),
        (["action", "progress", "child-c-2014/R3/A1", "--note", "x", "--on", "2024-01-09"], "on: 2024-01-09 is before this record's last change"),
        (["action", "reschedule", "child-c-2014/R3/A1", "--target", "2024-08-01"], "the following arguments are required: --reason"),
        (["history", "no such thing!"], "reference: 'no such thing!' is not a reference"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(cli, sqlite_url, argv, message):
    before = events_in(sqlite_url)
    code, out, err = cli(*argv)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("scr-monitor: ")
    assert message in err
    assert "Traceback" not in err
    assert events_in(sqlite_url) == before


def test_an_unreachable_store_is_one_line_exit_2(capsys):
    code = main(["--db", "postgresql://nobody@127.0.0.1:1/none", "history", "child-c-2014"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("scr-monitor: db: no PostgreSQL server answers at 127.0.0.1:1") and err.count("\n") == 1
