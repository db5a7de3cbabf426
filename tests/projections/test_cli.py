"""`scr-monitor status`, `actions` and `projections`: formats, fresh reads and one-line refusals."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from domain.impact import NEW_STATUS_COLUMNS
from monitoring.cli.main import main
from tests.projections.stories import year_of_plans


@pytest.fixture
def url(make_services, sqlite_url):
    year_of_plans(make_services(sqlite_url).app)
    return sqlite_url


def run(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_status_json_is_exactly_the_contracts_shape(url, capsys, make_services):
    printed = json.loads(run(capsys, "status", "--db", url, "--format", "json", "--as-at", "2024-06-30"))
    assert list(printed) == ["as_at", "by", "rows", "totals"]
    assert list(printed["totals"]) == [
        "key", "total", "not_started", "in_progress", "completed", "signed_off", "withdrawn", "overdue",
        "percent_complete", "percent_signed_off", *NEW_STATUS_COLUMNS,  # issue 15's columns after the contract's
    ]
    assert printed == make_services(url).queries.status(as_at=date(2024, 6, 30))


def test_status_csv_has_a_header_a_row_per_key_and_the_totals(url, capsys):
    rows = list(csv.reader(io.StringIO(run(capsys, "status", "--db", url, "--by", "board", "--format", "csv"))))
    assert rows[0][:3] == ["key", "total", "not_started"]
    assert [r[0] for r in rows[1:]] == ["North Shire Safeguarding Children Partnership", "South Vale Safeguarding Adults Board", "all"]
    assert rows[-1][1] == "8"


def test_status_table_says_what_and_when_and_ends_with_all(url, capsys):
    lines = run(capsys, "status", "--db", url, "--as-at", "2024-06-30", "--review", "child-c-2014").splitlines()
    assert lines[0] == "Completion by agency as at 2024-06-30"
    assert lines[-1].split()[:2] == ["All", "4"]


def test_actions_lists_overdue_ones_with_the_rag_legend(url, capsys):
    out = run(capsys, "actions", "--db", url, "--overdue", "--as-at", "2024-06-30")
    assert "child-c-2014/R2/A1" in out and "adult-a-2024/R1/A2" in out and "child-c-2014/R1/A1" not in out
    assert out.rstrip().endswith("Grey = Withdrawn")
    assert "2 actions." in out


def test_actions_json_and_csv_carry_every_field(url, capsys):
    listed = json.loads(run(capsys, "actions", "--db", url, "--awaiting-sign-off", "--as-at", "2024-03-10", "--format", "json"))
    assert [a["reference"] for a in listed] == ["baby-m-2023/R1/A1", "child-c-2014/R1/A2"]
    assert listed[0]["target_date"] == "2024-04-30" and listed[0]["rag"] == "Green"
    rows = list(csv.DictReader(io.StringIO(run(capsys, "actions", "--db", url, "--agency", "housing", "--format", "csv"))))
    assert [(r["reference"], r["status"], r["version"]) for r in rows] == [("adult-a-2024/R1/A1", "in_progress", "2")]


def test_a_write_on_the_command_line_shows_in_the_next_status(url, capsys):
    run(capsys, "status", "--db", url)  # read models caught up
    run(capsys, "action", "complete", "child-c-2014/R1/A2", "--evidence", "Audit of every team", "--db", url, "--on", "2024-11-30")
    totals = json.loads(run(capsys, "status", "--db", url, "--format", "json"))["totals"]
    assert totals["completed"] == 1
    assert json.loads(run(capsys, "projections", "status", "--db", url, "--format", "json"))["lag"] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["status", "--as-at", "2024-02-30"], "argument --as-at: '2024-02-30' is not a real date"),
        (["status", "--as-at", "31/03/2025"], "argument --as-at: '31/03/2025' is not a real date"),
        (["status", "--as-at", "2999-01-01"], "as-at: 2999-01-01 is in the future"),
        (["status", "--board", "Nowhere"], "board: unknown board 'Nowhere'"),
        (["status", "--review", "child-z-1999"], "review: unknown review 'child-z-1999'"),
        (["status", "--by", "team"], "argument --by: invalid choice: 'team'"),
        (["actions", "--agency", "Fire Service"], "agency: unknown agency 'Fire Service'"),
        (["actions", "--status", "done"], "status: unknown status 'done'"),
        (["actions", "--due-within", "soon"], "argument --due-within: 'soon' is not a whole number of days"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(url, capsys, argv, message):
    assert main([*argv, "--db", url]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"scr-monitor: {message}")
    assert captured.err.count("\n") == 1


def test_projections_rebuild_and_status(url, capsys):
    assert "read models rebuilt from 51 events" in run(capsys, "projections", "rebuild", "--db", url)
    lines = run(capsys, "projections", "status", "--db", url).splitlines()
    assert lines[0].split() == ["position", "head", "lag"] and lines[2].split() == ["51", "51", "0"]
