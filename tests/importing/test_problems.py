"""A file with any bad row writes nothing and lists every problem as `row N, column: reason`."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from domain.board import Board
from monitoring.cli.main import main
from monitoring.trackers.importing import ImportRejected, import_tracker
from tests.importing.trackers import BOARD, CHILD_C, write_csv, write_xlsx


def rejected(app, path, **kwargs) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        import_tracker(app, path, actor="manager", **kwargs)
    assert Board.create_id(BOARD) not in app.repository, "nothing may be written"
    return [str(p) for p in caught.value.problems]


def test_every_bad_row_is_listed_and_nothing_is_written(app, tmp_path):
    rows = [dict(r) for r in CHILD_C]
    rows[0]["target_date"] = "31/02/2024"      # sheet row 4: header is row 3 under a title row
    rows[1]["status"] = "Nearly there"
    rows[2]["agency"] = "   "
    rows[3]["notes"] = ""                      # superseded, without the reason
    rows[5]["agreed_date"] = "12/31/2024"      # US order: month 31 is not a real date

    problems = rejected(app, write_xlsx(tmp_path / "t.xlsx", rows))

    assert problems == [
        "row 4, 'Target date': '31/02/2024' is not a real date",
        "row 5, 'Status': unknown status 'Nearly there'; expected one of \"Not started\", \"In progress\", \"Ongoing\", "
        "\"Complete\", \"Completed\", \"Signed off\", \"Closed\", \"Withdrawn\", \"Superseded\"",
        "row 6, 'Lead Agency': is required but blank",
        "row 7, 'Progress notes': a withdrawn action needs the reason in notes",
        "row 9, 'Date agreed': '12/31/2024' is not a real date: dates are read day first (DD/MM/YYYY), so 31 December 2024 is 31/12/2024",
    ]


def test_a_recommendation_number_with_no_text_anywhere_is_a_problem(app, tmp_path):
    rows = [dict(CHILD_C[1]), dict(CHILD_C[0], recommendation_no=1, recommendation="")]

    problems = rejected(app, write_csv(tmp_path / "t.csv", rows))

    assert problems == ["row 2, 'Recommendation': recommendation 1 of child-c-2014 has no text on any row (give it on its first row)"]


def test_a_missing_required_column_is_one_header_problem(app, tmp_path):
    rows = [{k: v for k, v in r.items() if k != "target_date"} for r in CHILD_C]

    assert rejected(app, write_csv(tmp_path / "t.csv", rows)) == ["row 1, header: missing required column target date; the headers found are 'Board', 'Review', 'Rec. No', "
        "'Recommendation', 'Priority?', 'Lead Agency', 'Action', 'Lead officer', 'Status', 'Status_Date', 'Date agreed', "
        "'Evidence', 'Themes', 'Progress notes'"]


def test_a_sheet_with_no_header_row_is_a_problem(app, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Minutes of the SCR sub-group, 4 March 2025"])
    workbook.active.append(["Item 1", "Apologies"])
    workbook.save(tmp_path / "minutes.xlsx")

    problems = rejected(app, tmp_path / "minutes.xlsx")

    assert problems == ["sheet: no sheet of minutes.xlsx has a header row "
                        "(expected columns named review, recommendation_no, agency, action, target_date)"]


def test_an_unreadable_file_is_a_problem(app, tmp_path):
    (tmp_path / "tracker.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")

    problems = rejected(app, tmp_path / "tracker.xlsx")

    assert len(problems) == 1 and problems[0].startswith("file: tracker.xlsx cannot be read as an XLSX workbook (")


def test_dates_in_the_future_and_before_agreement_are_problems(app, tmp_path):
    rows = [dict(CHILD_C[0], status_date=date(2024, 1, 5)), dict(CHILD_C[1], agreed_date=date(2027, 1, 1)),
            dict(CHILD_C[2], target_date=date(2024, 1, 1))]

    problems = rejected(app, write_csv(tmp_path / "t.csv", rows))

    assert problems == [
        "row 2, 'Status_Date': 2024-01-05 is before the action was agreed on 2024-01-10",
        "row 3, 'Date agreed': 2027-01-01 is in the future (today is 2026-11-22)",
        "row 3, 'Status_Date': 2024-04-15 is before the action was agreed on 2027-01-01",
        "row 3, 'Target date': 2024-09-30 is before the action was agreed on 2027-01-01",
        "row 4, 'Target date': 2024-01-01 is before the action was agreed on 2024-02-01",
    ]


def test_conflicting_values_for_one_recommendation_or_review_are_problems(app, tmp_path):
    rows = [dict(CHILD_C[0]), dict(CHILD_C[1], recommendation="Another text", priority="no"),
            dict(CHILD_C[2], review_type="scr"), dict(CHILD_C[3], review_type="dhr"),
            dict(CHILD_C[1])]

    problems = rejected(app, write_csv(tmp_path / "t.csv", rows))

    assert problems == [
        "row 3, 'Priority?': False differs from True on row 2",
        "row 3, 'Recommendation': 'Another text' differs from 'Agencies share information at the point of referral.' on row 2",
        "row 5, 'Type of review': 'dhr' differs from 'scr' on row 4",
        "row 6, 'Action': same review, recommendation, agency and action as row 3 (give each a reference, CODE/Rn/An, to keep both)",
    ]


def test_an_unknown_review_type_and_a_bad_priority_are_problems(app, tmp_path):
    rows = [dict(CHILD_C[0], review_type="Inquest", priority="maybe")]

    problems = rejected(app, write_csv(tmp_path / "t.csv", rows))

    assert problems[0] == "row 2, 'Priority?': 'maybe' is not yes or no"
    assert problems[1].startswith("row 2, 'Type of review': unknown review type 'Inquest'; expected one of scr, lcspr")


def test_the_command_prints_a_summary_and_one_line_per_problem_and_exits_2(tmp_path, capsys):
    rows = [dict(CHILD_C[0], target_date="31/02/2024"), dict(CHILD_C[1], status="Done?")]
    path = write_xlsx(tmp_path / "tracker.xlsx", rows, title=False)

    code = main(["import", str(path), "--db", f"sqlite:///{tmp_path / 'store.sqlite'}"])

    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err[0] == "scr-monitor: import: 2 problems in tracker.xlsx, nothing imported"
    assert err[1] == "  row 2, 'Target date': '31/02/2024' is not a real date"
    assert err[2].startswith("  row 3, 'Status': unknown status 'Done?'")
    assert "Traceback" not in "\n".join(err)


def test_a_board_cell_that_differs_from_the_board_option_is_a_problem(app, tmp_path):
    problems = rejected(app, write_csv(tmp_path / "t.csv", CHILD_C[:1]), board="East Vale Safeguarding Partnership")

    assert problems == [f"row 2, 'Board': {BOARD!r} differs from --board 'East Vale Safeguarding Partnership'"]


def test_a_review_already_stored_under_another_board_is_a_problem(app, tmp_path):
    app.register_board("East Vale Safeguarding Partnership", ["Police"], actor="manager", on=date(2023, 1, 1))
    app.commission_review("East Vale Safeguarding Partnership", "child-c-2014", "Child C", "scr", actor="manager", on=date(2023, 1, 2))

    problems = rejected(app, write_csv(tmp_path / "t.csv", CHILD_C[:1]))

    assert problems == ["row 2, 'Board': review child-c-2014 already exists under board 'East Vale Safeguarding Partnership'"]
