"""Evidence from the shell: --attach on the lifecycle commands, evidence get/list/withdraw/purge, verify."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from monitoring.cli.main import main
from tests.conftest import events_in
from tests.evidence import files
from tests.security.conftest import add_people, build_two_boards

A1, A2 = "child-c-2014/R1/A1", "child-c-2014/R1/A2"  # Police, Acute Trust


@pytest.fixture
def cli(make_services, sqlite_url, capsys, tmp_path):
    services = make_services(sqlite_url)
    build_two_boards(services)
    add_people(services)
    services.catch_up()
    for name, data in (("audit.csv", files.CSV), ("register.xlsx", files.xlsx()), ("fake.pdf", files.HTML_AS_PDF),
                       ("macro.xlsx", files.macro_workbook_named_xlsx()), ("empty.txt", b""), ("notes.txt", files.TEXT)):
        (tmp_path / name).write_bytes(data)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--db", sqlite_url, *[str(tmp_path / a[1:]) if a.startswith("@") else a for a in argv]])
        out, err = capsys.readouterr()
        return code, out, err

    run.url, run.tmp = sqlite_url, tmp_path
    return run


def test_progress_with_two_attachments_numbers_them_and_lists_them(cli):
    code, out, err = cli("action", "progress", A1, "--note", "Audit done", "--on", "2024-02-01", "--as", "police.lead",
                         "--attach", "@audit.csv", "--title", "Case file audit", "--attach", "@register.xlsx")
    assert code == 0, err
    assert f"{A1}: document 1 attached: Case file audit (CSV" in out and f"{A1}: document 2 attached: register (Excel" in out
    code, out, _ = cli("evidence", "list", A1, "--as", "chair", "--format", "csv")
    assert code == 0 and out.splitlines()[1].startswith("1,Case file audit,csv,") and out.splitlines()[2].startswith("2,register,xlsx,")


@pytest.mark.parametrize("name, reason", [
    ("fake.pdf", "fake.pdf: is HTML or other markup"),
    ("macro.xlsx", "macro.xlsx: contains macros"),
    ("empty.txt", "empty.txt: is empty"),
])
def test_a_refused_file_is_one_line_exit_2_and_nothing_is_written(cli, name, reason):
    before = events_in(cli.url)
    code, out, err = cli("action", "complete", A1, "--evidence", "See attached", "--on", "2024-02-01", "--as", "police.lead",
                         "--attach", "@audit.csv", "--attach", f"@{name}")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and reason in err and "Traceback" not in err
    assert events_in(cli.url) == before  # not even the completion
    assert stored_files(cli.url) == 0


def stored_files(url: str) -> int:
    with sqlite3.connect(url[len("sqlite:///"):]) as connection:
        if not connection.execute("select count(*) from sqlite_master where name='evidence_files'").fetchone()[0]:
            return 0
        return connection.execute("select count(*) from evidence_files").fetchone()[0]


def test_a_missing_file_is_named(cli):
    code, _, err = cli("evidence", "attach", A1, "@nowhere.pdf", "--as", "police.lead", "--on", "2024-02-01")
    assert code == 2 and "nowhere.pdf: cannot be read" in err


def test_get_saves_the_document_for_a_reader_and_refuses_another_agencys_lead(cli):
    assert cli("evidence", "attach", A2, "@notes.txt", "--as", "health.lead", "--on", "2024-02-01")[0] == 0
    out_file = cli.tmp / "copy.txt"
    code, _, err = cli("evidence", "get", A2, "1", "--out", str(out_file), "--as", "police.lead")
    assert code == 2 and "police.lead" in err and "may not read" in err and not out_file.exists()
    code, out, err = cli("evidence", "get", A2, "1", "--out", str(out_file), "--as", "chair")
    assert code == 0, err
    assert out_file.read_bytes() == files.TEXT


def test_a_chair_attaches_the_minutes_to_a_sign_off(cli):
    cli("action", "complete", A1, "--evidence", "Register", "--on", "2024-02-01", "--as", "police.lead")
    code, out, err = cli("action", "sign-off", A1, "--impact", "Better referrals", "--on", "2024-03-01", "--as", "chair",
                         "--attach", "@notes.txt", "--title", "Sub-group minutes, March")
    assert code == 0, err
    assert "signed off" in out and "document 1 attached: Sub-group minutes, March" in out


def test_withdraw_then_purge_then_verify_reports_the_purge(cli):
    cli("evidence", "attach", A1, "@audit.csv", "@notes.txt", "--as", "police.lead", "--on", "2024-02-01")
    assert cli("evidence", "withdraw", A1, "2", "--reason", "Wrong file", "--as", "police.lead")[0] == 0
    code, out, _ = cli("evidence", "list", A1, "--as", "chair")
    assert "withdrawn: Wrong file" in out
    sha = hashlib.sha256(files.TEXT).hexdigest()
    code, _, err = cli("evidence", "purge", sha, "--reason", "Names a child", "--as", "police.lead")
    assert code == 2 and "may not purge evidence files" in err
    assert cli("evidence", "purge", sha, "--reason", "Names a child", "--as", "bm")[0] == 0
    code, out, err = cli("verify")
    assert code == 0, err
    assert f"purged (recorded, not tampering): sha256 {sha}" in out and "evidence files: 1 checked, intact; 1 purged" in out


def test_verify_fails_naming_the_document_whose_stored_byte_changed(cli):
    cli("evidence", "attach", A1, "@audit.csv", "--title", "Case file audit", "--as", "police.lead", "--on", "2024-02-01")
    with sqlite3.connect(cli.url[len("sqlite:///"):]) as connection:
        content = bytearray(connection.execute("select content from evidence_files").fetchone()[0])
        content[0] ^= 0x20
        connection.execute("update evidence_files set content=?", (bytes(content),))
    code, out, err = cli("verify")
    assert code == 1
    assert "changed" in err and f"{A1} document 1 ('Case file audit')" in err


def test_a_refused_progress_note_saves_neither_the_note_nor_its_files(cli):
    before = events_in(cli.url)
    code, out, err = cli("action", "progress", A1, "--note", "   ", "--on", "2024-02-01", "--as", "police.lead", "--attach", "@audit.csv")
    assert code == 2 and "note" in err and out == ""
    assert events_in(cli.url) == before and stored_files(cli.url) == 0



def test_key_rotate_says_how_many_evidence_files_it_re_encrypted(sqlite_url, tmp_path, capsys, monkeypatch):
    from monitoring.security.encryption import new_key

    key = new_key()
    monkeypatch.setenv("SCR_MONITOR_KEY", key)
    (tmp_path / "notes.txt").write_bytes(files.TEXT)
    assert main(["--db", sqlite_url, "board", "add", "North Shire", "--agency", "Police", "--on", "2024-01-01"]) == 0
    assert main(["--db", sqlite_url, "review", "add", "--board", "North Shire", "--code", "child-c-2014", "--title", "Child C",
                 "--type", "scr", "--on", "2024-01-02"]) == 0
    assert main(["--db", sqlite_url, "recommendation", "add", "child-c-2014", "--number", "1", "--text", "Share", "--on", "2024-01-03"]) == 0
    assert main(["--db", sqlite_url, "action", "add", "child-c-2014/R1", "--agency", "Police", "--text", "Train", "--target",
                 "2024-06-30", "--on", "2024-01-10", "--attach", str(tmp_path / "notes.txt")]) == 2  # add takes no files
    assert main(["--db", sqlite_url, "action", "add", "child-c-2014/R1", "--agency", "Police", "--text", "Train", "--target",
                 "2024-06-30", "--on", "2024-01-10"]) == 0
    assert main(["--db", sqlite_url, "evidence", "attach", A1, str(tmp_path / "notes.txt"), "--on", "2024-02-01"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(new_key() + "\n"))
    assert main(["--db", sqlite_url, "key", "rotate"]) == 0
    assert "1 evidence file re-encrypted with it in the same transaction" in capsys.readouterr().out
