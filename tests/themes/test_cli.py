"""`scr-monitor themes`, `theme ...`, `recurrences`, and the Themes column of an import, as a person uses them."""
from __future__ import annotations

import csv
import io
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

    assert run("board", "add", BOARD, "--agency", "Police", "--on", "2019-01-01")[0] == 0
    for code, title, on in (("child-c-2019", "Child C (2019)", "2019-02-01"), ("baby-m-2024", "Baby M (2024)", "2024-05-01")):
        assert run("review", "add", "--board", BOARD, "--code", code, "--title", title, "--type", "lcspr", "--theme", "neglect", "--on", on)[0] == 0
    assert run("recommendation", "add", "child-c-2019", "--number", "1", "--text", "Hear the child.", "--theme", "Voice of the child",
               "--on", "2019-03-01")[0] == 0
    return run


def test_adding_a_recommendation_on_earlier_learning_says_so_and_recurrences_lists_it(cli):
    code, out, _ = cli("recommendation", "add", "baby-m-2024", "--number", "1", "--text", "Speak to the child alone.",
                       "--theme", "child's voice", "--on", "2024-06-01")
    assert code == 0 and "baby-m-2024/R1: recurring learning: 1 earlier recommendation(s)" in out
    code, out, _ = cli("recurrences", "baby-m-2024/R1", "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(out))
    assert code == 0 and row["earlier"] == "child-c-2019/R1" and row["themes"] == "Voice of the child"


def test_an_unknown_theme_is_one_line_naming_the_nearest_exit_2_nothing_written(cli, sqlite_url):
    before = events_in(sqlite_url)
    code, out, err = cli("recommendation", "add", "baby-m-2024", "--number", "2", "--text", "X", "--theme", "neglet", "--on", "2024-06-01")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("scr-monitor: themes: 'neglet' is not a theme of North Shire's scheme; nearest: 'Neglect'")
    assert events_in(sqlite_url) == before


def test_themes_prints_the_heatmap_numbers_as_a_table_json_and_csv(cli):
    code, out, _ = cli("themes", "--board", BOARD, "--count", "reviews")
    assert code == 0 and "Reviews by theme and reporting year" in out
    assert [line.split()[:2] for line in out.splitlines() if line.startswith("Neglect")] == [["Neglect", "1"]]
    answer = json.loads(cli("themes", "--format", "json", "--as-at", "2020-01-01")[1])
    assert answer["years"] == [2018] and [r["name"] for r in answer["rows"]] == ["Neglect", "Voice of the child"]
    rows = list(csv.DictReader(io.StringIO(cli("themes", "--format", "csv")[1])))
    assert {"theme": "neglect", "name": "Neglect", "reporting_year": "2024", "reviews": "1", "recommendations": "0"} in rows


def test_a_board_renames_merges_and_adds_themes_from_the_shell_and_the_list_shows_them_as_at_a_date(cli):
    assert cli("theme", "rename", "thresholds", "Levels of need", "--board", BOARD, "--on", "2024-01-01")[0] == 0
    assert cli("theme", "add", "Housing", "--board", BOARD, "--definition", "Temporary accommodation", "--on", "2024-01-01")[0] == 0
    code, out, _ = cli("theme", "merge", "supervision", "--into", "professional curiosity", "--board", BOARD, "--on", "2024-02-01")
    assert code == 0 and "supervision merged into professional-curiosity" in out
    names = {r["id"]: r["name"] for r in json.loads(cli("theme", "list", "--board", BOARD, "--format", "json")[1])}
    assert names["thresholds"] == "Levels of need" and "supervision" not in names and names["local:north-shire:housing"] == "Housing"
    before = {r["id"]: r["name"] for r in json.loads(cli("theme", "list", "--board", BOARD, "--as-at", "2023-12-31", "--format", "json")[1])}
    assert before["thresholds"] == "Thresholds" and "supervision" in before and "local:north-shire:housing" not in before
    code, _, err = cli("theme", "alias", "neglect", "supervision", "--board", BOARD)
    assert code == 2 and "'neglect' already names Neglect" in err


def test_the_import_refuses_an_unknown_theme_word_naming_the_nearest_unless_an_admin_adds_it(cli, sqlite_url, tmp_path):
    tracker = tmp_path / "tracker.csv"
    tracker.write_text("Board,Review,Recommendation No,Recommendation,Agency,Action,Target date,Agreed date,Themes\n"
                       f"{BOARD},Child Z (2024),1,Share referrals.,Police,Brief officers,2025-06-30,2024-07-01,Informaton sharing; Housing\n",
                       encoding="utf-8")
    before = events_in(sqlite_url)
    code, _, err = cli("import", str(tracker))
    assert code == 2 and events_in(sqlite_url) == before
    assert "row 2, 'Themes': 'Informaton sharing' is not a theme of North Shire's scheme; nearest: 'Information sharing'" in err
    assert "row 2, 'Themes': 'Housing' is not a theme" in err
    code, _, err = cli("import", str(tracker), "--new-theme")
    assert code == 0, err
    names = [r["name"] for r in json.loads(cli("theme", "list", "--board", BOARD, "--format", "json")[1])]
    assert "Housing" in names and "Informaton sharing" in names
    assert cli("import", str(tracker), "--new-theme")[1].splitlines()[-1] == "nothing to change: the store already matches the file"


def test_a_recommendation_coded_again_counts_under_its_new_theme_from_that_date_and_its_recurrence_is_checked(cli):
    assert cli("recommendation", "add", "baby-m-2024", "--number", "1", "--text", "Audit files.", "--on", "2024-06-01")[0] == 0
    code, out, _ = cli("theme", "set", "baby-m-2024/R1", "--theme", "voice of the child", "--on", "2024-07-01")
    assert code == 0 and "baby-m-2024/R1: themes voice-of-the-child" in out and "recurring learning: 1 earlier" in out
    before = json.loads(cli("themes", "--format", "json", "--as-at", "2024-06-30")[1])
    after = json.loads(cli("themes", "--format", "json")[1])
    voice = lambda answer: next(r for r in answer["rows"] if r["theme"] == "voice-of-the-child")["recommendations"]
    assert (voice(before), voice(after)) == (1, 2)
    code, _, err = cli("theme", "set", "baby-m-2024/R1", "--theme", "voice of the child")
    assert code == 2 and "already has these themes" in err
    code, out, _ = cli("theme", "set", "baby-m-2024", "--theme", "neglect", "--theme", "safe sleep", "--on", "2024-07-01")
    assert code == 0 and "baby-m-2024: themes neglect, safe-sleep" in out
