"""Cells and headers as trackers spell them: dates never in US order, merged cells, odd header names."""
from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from monitoring.trackers.importing.cells import CellError, parse_date, parse_number, parse_status
from monitoring.trackers.importing.headers import column_for
from monitoring.trackers.importing.reading import read_tracker


@pytest.mark.parametrize("value, expected", [
    ("2024-03-31", date(2024, 3, 31)), ("31/03/2024", date(2024, 3, 31)), ("1/4/2024", date(2024, 4, 1)),
    ("01.04.2024", date(2024, 4, 1)), (" 31 March 2024 ", date(2024, 3, 31)), ("2024-03-31 00:00:00", date(2024, 3, 31)),
    (datetime(2024, 3, 31, 0, 0), date(2024, 3, 31)), ("", None), (None, None),
])
def test_iso_uk_and_excel_dates_are_read(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value, reason", [
    ("31/02/2024", "'31/02/2024' is not a real date"), ("12/31/2024", "'12/31/2024' is not a real date: dates are read day first (DD/MM/YYYY), so 31 December 2024 is 31/12/2024"),
    ("31/3/24", "'31/3/24' has a two-digit year; write the year in full (use DD/MM/YYYY or YYYY-MM-DD)"),
    ("next March", "'next March' is not a date (use DD/MM/YYYY or YYYY-MM-DD)"),
    (45382, "'45382' is a number, not a date (use DD/MM/YYYY or YYYY-MM-DD, or format the cell as a date)"),
])
def test_dates_that_do_not_exist_or_are_not_dates_are_refused_with_the_reason(value, reason):
    with pytest.raises(CellError, match="^" + reason.replace("(", r"\(").replace(")", r"\)") + "$"):
        parse_date(value)


def test_recommendation_numbers_come_as_numbers_text_or_r_references():
    assert [parse_number(v) for v in (3, 3.0, "3", "3.0", " R3 ", "Rec 3", None)] == [3, 3, 3, 3, 3, 3, None]
    with pytest.raises(CellError):
        parse_number("3a")


def test_status_words_are_forgiving_about_case_spaces_and_hyphens():
    assert parse_status("  Signed-Off ") == "signed_off"
    assert parse_status("ONGOING") == "in_progress"


@pytest.mark.parametrize("header, column", [
    ("Rec. No", "recommendation_no"), ("Recommendation #", "recommendation_no"), ("recommendation_number", "recommendation_no"),
    ("Lead Agency", "agency"), ("Lead", "lead"), ("Due date", "target_date"), ("Target Date (DD/MM/YYYY)", "target_date"),
    ("STATUS_DATE", "status_date"), ("Date agreed", "agreed_date"), ("Progress update", "notes"), ("RAG", "rag"),
    ("Progress indicator (RAG)", "rag"), ("Target date for completion", "target_date"), ("Lead Organisation", "agency"),
    ("SMART action", "action"), ("Name of review", "review"), ("No.", "ref"), ("Supporting Evidence", "evidence"),
])
def test_header_names_are_matched_ignoring_case_spaces_underscores_and_punctuation(header, column):
    assert column_for(header) == column


def test_merged_review_and_recommendation_cells_apply_to_every_row_they_span(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Review", "Rec No", "Recommendation", "Agency", "Action", "Target date"])
    sheet.append(["Child C (2014)", 1, "Share information.", "Police", "Train", datetime(2024, 6, 30)])
    sheet.append([None, None, None, "Health", "Audit", datetime(2024, 9, 30)])
    sheet.append([None, 2, "Check attendance.", "Education", "Policy", "30/09/2024"])
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("C2:C3")
    workbook.save(tmp_path / "t.xlsx")

    rows = read_tracker(tmp_path / "t.xlsx").rows

    assert [(n, v[:3]) for n, v in rows] == [
        (2, ("Child C (2014)", 1, "Share information.")),
        (3, ("Child C (2014)", 1, "Share information.")),
        (4, ("Child C (2014)", 2, "Check attendance.")),
    ]
    assert rows[0][1][5] == date(2024, 6, 30) and rows[2][1][5] == "30/09/2024"


def test_a_custom_date_format_cell_is_a_date_and_a_plain_number_is_not(tmp_path):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Tracker")
    sheet.append(["Review", "Rec No", "Agency", "Action", "Target date"])
    cell = openpyxl.cell.WriteOnlyCell(sheet, value=datetime(2025, 3, 31))
    cell.number_format = "dd/mm/yyyy"
    sheet.append(["Child C", 2, "Police", "Train", cell])
    sheet.append(["Child C", 2.5, "Police", "Train", 45382])
    workbook.save(tmp_path / "t.xlsx")

    rows = read_tracker(tmp_path / "t.xlsx").rows

    assert rows[0][1] == ("Child C", 2, "Police", "Train", date(2025, 3, 31))
    assert rows[1][1] == ("Child C", 2.5, "Police", "Train", 45382)


def test_a_named_sheet_is_read_and_an_unknown_one_is_a_problem(tmp_path):
    from monitoring.trackers.importing.problems import FileUnreadable

    workbook = openpyxl.Workbook()
    workbook.active.append(["Review", "Rec No", "Agency", "Action", "Target date"])
    second = workbook.create_sheet("2023-24")
    second.append(["Review", "Rec No", "Agency", "Action", "Target date"])
    second.append(["Child D", 1, "Police", "Train", datetime(2024, 3, 31)])
    workbook.save(tmp_path / "t.xlsx")

    assert read_tracker(tmp_path / "t.xlsx", "2023-24").rows[0][1][0] == "Child D"
    with pytest.raises(FileUnreadable, match="t.xlsx has no sheet '2024-25' \\(it has 'Sheet', '2023-24'\\)"):
        read_tracker(tmp_path / "t.xlsx", "2024-25")
