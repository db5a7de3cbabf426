"""Assurance and impact from the shell: one line naming the field and exit 2 on bad input, nothing written."""
from __future__ import annotations

import json

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

    run.url = sqlite_url
    assert run("board", "add", BOARD, "--agency", "Police", "--agency", "Health", "--on", "2024-01-01")[0] == 0
    assert run("review", "add", "--board", BOARD, "--code", "child-c", "--title", "Child C", "--type", "lcspr", "--on", "2024-01-02")[0] == 0
    assert run("recommendation", "add", "child-c", "--number", "1", "--text", "Share information", "--agency", "Police", "--on", "2024-01-03")[0] == 0
    assert run("action", "add", "child-c/R1", "--agency", "Police", "--text", "Train officers", "--target", "2024-06-30", "--on", "2024-01-10")[0] == 0
    assert run("action", "complete", "child-c/R1/A1", "--evidence", "Register", "--on", "2024-03-01")[0] == 0
    return run


@pytest.mark.parametrize("argv, message", [
    (["action", "sign-off", "child-c/R1/A1", "--assurance", "great"], "assurance: unknown value 'great'"),
    (["recommendation", "retest", "child-c/R1", "--result", "Audit", "--evidenced", "yes"], "plan: child-c/R1 has no impact plan yet"),
    (["recommendation", "plan", "child-c/R1", "--expected", "Earlier referrals", "--measure", " ", "--retest-by", "2025-01-01"],
     "measure: is required and cannot be blank"),
    (["recommendation", "add", "child-c", "--number", "2", "--text", "Guidance", "--scope", "national"], "addressee: is required for a national recommendation"),
    (["recommendation", "add", "child-c", "--number", "2", "--text", "Guidance", "--kind", "imr"], "kind: unknown value 'imr'"),
    (["recommendation", "kind", "child-c/R1", "single_agency", "--reason", ""], "reason: is required"),
])
def test_bad_input_is_one_line_naming_the_field_and_nothing_is_written(cli, argv, message):
    before = events_in(cli.url)
    code, out, err = cli(*argv)
    assert (code, out) == (2, "")
    assert err.startswith("scr-monitor: " + message) and err.count("\n") == 1 and "Traceback" not in err
    assert events_in(cli.url) == before


def test_a_chair_signs_off_with_assurance_plans_and_retests_and_status_csv_gains_the_columns(cli):
    assert cli("action", "sign-off", "child-c/R1/A1", "--assurance", "limited", "--comment", "Five files only", "--on", "2024-03-02")[0] == 0
    assert cli("recommendation", "plan", "child-c/R1", "--expected", "Earlier referrals", "--measure", "Referrals a quarter",
               "--baseline", "12", "--baseline-date", "2024-01-01", "--target", "20", "--retest-by", "2024-09-01", "--on", "2024-03-03")[0] == 0
    code, out, _ = cli("recommendation", "retest", "child-c/R1", "--result", "15 a quarter", "--evidenced", "partly", "--on", "2024-09-10")
    assert code == 0 and "impact partly" in out
    code, out, _ = cli("status", "--by", "agency", "--format", "csv", "--as-at", "2024-09-02")
    header, police, total = out.splitlines()[:3]
    assert header.startswith("key,total,not_started,in_progress,completed,signed_off,withdrawn,overdue,percent_complete,percent_signed_off,")
    assert header.endswith("signed_off_substantial,signed_off_reasonable,signed_off_limited,signed_off_none,signed_off_not_graded,"
                           "recommendations,impact_evidenced,impact_partly,impact_not_evidenced,impact_not_tested,retests_overdue")
    assert police.endswith(",0,0,1,0,0,1,0,0,0,1,1")  # graded limited; not yet re-tested and overdue from 2 September
    rows = json.loads(cli("status", "--format", "json")[1])["rows"]
    assert rows[0]["impact_partly"] == 1 and rows[0]["retests_overdue"] == 0


def test_the_board_names_assurance_levels_in_its_own_words(cli):
    code, out, _ = cli("board", "assurance-words", BOARD, "--level", "limited", "--word", "Partly assured", "--on", "2024-01-02")
    assert code == 0 and "Partly assured" in out
    code, out, _ = cli("board", "assurance-words", BOARD, "--format", "json")
    assert {"level": "limited", "standard": "Limited assurance", "board's word": "Partly assured"} in json.loads(out)
