"""`scr-monitor user ...` and `--as` once users exist: one line on stderr, exit 2, nothing written."""
from __future__ import annotations

import io
import json
from datetime import date

import pytest

from monitoring.bootstrap import bootstrap
from monitoring.cli.main import main
from monitoring.config import Settings
from tests.conftest import events_in
from tests.security.conftest import PASSWORD

BOARD = "North Shire"


@pytest.fixture
def cli(sqlite_url, capsys, monkeypatch):
    def run(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", sqlite_url, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    run.url = sqlite_url
    services = bootstrap(Settings(db_url=sqlite_url))  # the plan through the use cases; the people through the shell
    try:
        app = services.app
        app.register_board(BOARD, ["Police", "Acute Trust"], actor="op", on=date(2024, 1, 1))
        app.commission_review(BOARD, "child-c-2014", "Child C", "scr", actor="op", on=date(2024, 1, 2))
        app.make_recommendation("child-c-2014", 1, "Share information", actor="op", on=date(2024, 1, 3))
        for agency in ("Police", "Acute Trust"):
            app.add_action("child-c-2014/R1", agency, f"{agency} audit", date(2024, 6, 30), actor="op", on=date(2024, 1, 10))
    finally:
        services.close()
    assert run("user", "add", "bm", "--role", "admin", "--board", BOARD, "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    assert run("user", "add", "police.lead", "--role", "agency_lead", "--board", BOARD, "--agency", "police",
               "--password-stdin", "--as", "bm", stdin=PASSWORD + "\n")[0] == 0
    return run


def test_user_list_shows_roles_without_any_password(cli):
    code, out, _ = cli("user", "list", "--as", "bm", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert [(r["username"], r["roles"], r["password"]) for r in rows] == [
        ("bm", "admin (North Shire)", "set"),
        ("police.lead", "agency_lead (North Shire, Police)", "set"),
    ]
    assert "argon2" not in out


def test_a_write_without_a_known_user_is_refused_in_one_line(cli):
    before = events_in(cli.url)
    code, out, err = cli("action", "progress", "child-c-2014/R1/A1", "--note", "Half trained", "--on", "2024-02-01")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("scr-monitor: as: unknown user '")
    assert "--as USER" in err and "scr-monitor demo" in err  # how to act as someone
    assert events_in(cli.url) == before


def test_a_police_lead_cannot_change_a_health_action_from_the_shell(cli):
    before = events_in(cli.url)
    code, _, err = cli("action", "progress", "child-c-2014/R1/A2", "--note", "x", "--on", "2024-02-01", "--as", "police.lead")
    assert code == 2 and "may not update actions of North Shire for Acute Trust" in err
    assert events_in(cli.url) == before
    assert cli("action", "progress", "child-c-2014/R1/A1", "--note", "Half trained", "--on", "2024-02-01", "--as", "police.lead")[0] == 0


def test_set_password_reads_stdin_and_the_new_password_works(cli):
    code, out, _ = cli("user", "set-password", "police.lead", "--password-stdin", "--as", "police.lead", stdin="another long passphrase\n")
    assert code == 0 and out == "police.lead: password set\n"
    services = bootstrap(Settings(db_url=cli.url))
    try:
        assert services.users.authenticate("police.lead", "another long passphrase") is not None
    finally:
        services.close()


def test_a_password_is_never_taken_from_the_command_line(cli):
    code, _, err = cli("user", "set-password", "bm", "--password", PASSWORD, "--as", "bm")
    assert (code, err) == (2, "scr-monitor: --password: never given on the command line; type it at the prompt or use --password-stdin\n")


def test_without_a_terminal_or_stdin_flag_the_password_prompt_refuses(cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = cli("user", "set-password", "bm", "--as", "bm")
    assert code == 2 and "password: no terminal to prompt on; pipe it in with --password-stdin" in err


def test_disable_then_the_user_cannot_act(cli):
    assert cli("user", "disable", "police.lead", "--as", "bm")[1] == "police.lead: disabled\n"
    code, _, err = cli("action", "progress", "child-c-2014/R1/A1", "--note", "x", "--on", "2024-02-01", "--as", "police.lead")
    assert code == 2 and err == "scr-monitor: as: user 'police.lead' is disabled\n"


def test_grant_adds_a_second_role(cli):
    code, out, _ = cli("user", "grant", "police.lead", "--role", "viewer", "--board", BOARD, "--as", "bm")
    assert code == 0 and out == "police.lead: agency_lead (North Shire, Police); viewer (North Shire)\n"


def test_a_user_of_one_board_cannot_read_another_boards_history_or_contacts(cli):
    assert cli("board", "add", "South Vale", "--agency", "Police", "--as", "bm", "--on", "2024-01-01")[0] == 0
    assert cli("review", "add", "--board", "South Vale", "--code", "x", "--title", "X", "--type", "sar", "--as", "bm")[0] == 2
    assert cli("user", "grant", "bm", "--role", "admin", "--board", "South Vale", "--as", "bm")[0] == 0  # nobody managed it
    assert cli("review", "add", "--board", "South Vale", "--code", "adult-d-2020", "--title", "Adult D", "--type", "sar",
               "--on", "2024-01-02", "--as", "bm")[0] == 0
    assert cli("user", "add", "south.viewer", "--role", "viewer", "--board", "South Vale", "--password-stdin", "--as", "bm",
               stdin=PASSWORD + "\n")[0] == 0

    code, out, err = cli("history", "child-c-2014", "--as", "south.viewer")
    assert (code, out) == (2, "") and err.startswith("scr-monitor: as: south.viewer may not read the data of North Shire")
    assert "south.viewer is the viewer on South Vale" in err and "[" not in err
    assert cli("board", "show", BOARD, "--as", "south.viewer")[0] == 2
    assert cli("history", "adult-d-2020", "--as", "south.viewer")[0] == 0


def test_an_agency_lead_cannot_read_another_agencys_action_history(cli):
    assert cli("history", "child-c-2014/R1/A2", "--as", "police.lead")[0] == 2
    assert cli("history", "child-c-2014/R1/A1", "--as", "police.lead")[0] == 0


def test_only_an_admin_of_the_board_may_import(cli, tmp_path):
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(
        "board,review,recommendation_no,recommendation,agency,action,target_date\r\n"
        f"{BOARD},Child C (2014),2,Escalate,Police,Brief officers,2024-09-30\r\n", encoding="utf-8")
    assert cli("user", "add", "viewer", "--role", "viewer", "--board", BOARD, "--password-stdin", "--as", "bm",
               stdin=PASSWORD + "\n")[0] == 0
    before = events_in(cli.url)

    code, _, err = cli("import", str(tracker), "--on", "2024-01-10", "--as", "viewer")
    assert code == 2 and "as: viewer may not manage" in err and "Only the board's business manager can" in err
    assert events_in(cli.url) == before
    assert cli("import", str(tracker), "--on", "2024-01-10", "--as", "bm")[0] == 0
    assert events_in(cli.url) > before
