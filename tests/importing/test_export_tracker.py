"""`export-tracker` writes the tracker back; importing it into an empty store gives the same figures."""
from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from domain.errors import DomainError
from monitoring.cli.main import main
from monitoring.trackers.importing import import_tracker
from monitoring.trackers.export import tracker_rows, write_tracker
from tests.importing.trackers import CHILD_C, write_xlsx


@pytest.fixture
def store(services, tmp_path):
    """The Child C plan imported, then moved on by the commands: a reschedule, a refusal, a reopening."""
    app = services.app
    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager")
    app.reschedule_action("child-c-2014/R2/A3", date(2025, 6, 30), "Schools list late", actor="chair", on=date(2025, 1, 10))
    app.refuse_sign_off("child-c-2014/R2/A1", "Evidence covers one school only", actor="chair", on=date(2025, 2, 1))
    app.reopen_action("child-c-2014/R1/A1", "Audit found gaps", actor="chair", on=date(2025, 4, 2))
    services.catch_up()
    return services


def export(services, path, as_at):
    write_tracker(tracker_rows(services.queries, as_at=as_at, today=services.clock()), path, as_at=as_at)
    return path


@pytest.mark.parametrize("as_at", [date(2026, 11, 22), date(2025, 3, 31), date(2024, 6, 30)])
def test_importing_the_export_into_an_empty_store_gives_the_same_status_figures(store, make_services, tmp_path, as_at):
    path = export(store, tmp_path / "export.xlsx", as_at)
    fresh = make_services("memory:")

    import_tracker(fresh.app, path, actor="manager")
    fresh.catch_up()

    for by in ("agency", "review", "recommendation"):
        assert fresh.queries.status(by=by, as_at=as_at) == store.queries.status(by=by, as_at=as_at)


def test_the_export_of_an_imported_file_imports_back_as_no_change(store, tmp_path):
    path = export(store, tmp_path / "export.xlsx", date(2026, 11, 22))

    outcome = import_tracker(store.app, path, actor="manager")

    assert not outcome.changed_anything, outcome.lines()


def test_the_export_has_the_import_columns_rag_words_and_fills_a_frozen_header_and_filters(store, tmp_path):
    path = export(store, tmp_path / "export.xlsx", date(2026, 11, 22))

    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == ["Reference", "Board", "Review", "Review code", "Review type", "Recommendation no", "Recommendation", "Priority",
                      "Agency", "Action", "Lead", "Success measure", "Target date", "Status", "Status date",
                      "Agreed date", "Notes", "Evidence", "Themes", "RAG", "Documents",
                      "Assurance level", "Critical Friend comments", "Recommendation type", "Scope of recommendation",
                      "Addressed to", "Expected impact", "Impact measure", "Baseline value", "Baseline date", "Target value",
                      "Re-test by", "Re-tested on", "Re-test result", "Impact evidenced"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:AI7"
    rows = {(r[3].value, r[5].value, r[9].value): r for r in sheet.iter_rows(min_row=2)}
    withdrawn = rows[("child-c-2014", 2, "Old attendance action")]
    assert withdrawn[0].value == "child-c-2014/R2/A2"
    assert [c.value for c in withdrawn[13:17]] == ["Withdrawn", datetime(2024, 3, 1), datetime(2024, 2, 1), "Superseded by the revised policy"]
    assert withdrawn[19].value == "Grey: Withdrawn" and withdrawn[19].fill.fgColor.rgb.endswith("6E6E6E")
    overdue = rows[("child-c-2014", 1, "Audit referrals from the emergency department")]
    assert overdue[19].value == "Red: Overdue" and overdue[19].fill.fgColor.rgb.endswith("B21F1F")
    assert overdue[12].is_date and overdue[12].number_format == "dd/mm/yyyy"
    assert overdue[6].value is None  # the recommendation text is on its first row only
    assert rows[("child-c-2014", 1, "Train officers in referral thresholds")][6].value.startswith("Agencies share")
    assert workbook.sheetnames[1] == "Key"


def test_an_export_as_at_a_past_date_shows_the_status_and_date_in_force_then(store, tmp_path):
    path = export(store, tmp_path / "export.xlsx", date(2025, 1, 31))

    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = {(r[5].value, r[9].value): [c.value for c in r] for r in sheet.iter_rows(min_row=2)}
    completed = rows[(2, "Revise the attendance policy")]
    assert completed[13:15] == ["Completed", datetime(2025, 1, 15)]      # refused only on 1 February
    assert completed[12] == datetime(2024, 12, 31)


def test_an_unwritable_path_is_one_clear_line_and_exit_2(store, tmp_path, capsys):
    with pytest.raises(DomainError, match="cannot write .*: the folder .* does not exist"):
        write_tracker([], tmp_path / "missing" / "t.xlsx", as_at=date(2026, 11, 22))

    code = main(["export-tracker", "--out", "/proc/tracker.xlsx", "--db", "memory:"])

    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and err[0].startswith("scr-monitor: out: cannot write /proc/tracker.xlsx")


def test_the_command_exports_one_board_and_says_where(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert main(["import", str(write_xlsx(tmp_path / "t.xlsx", CHILD_C)), "--db", db]) == 0
    east_vale = [dict(CHILD_C[0], review="Adult D (2020)")]
    assert main(["import", str(write_xlsx(tmp_path / "e.xlsx", east_vale, board="East Vale Partnership")), "--db", db]) == 0
    capsys.readouterr()

    code = main(["export-tracker", "--out", str(tmp_path / "north.xlsx"), "--board", "North Shire Safeguarding Children Partnership",
                 "--as-at", "2025-03-31", "--db", db])

    assert code == 0
    assert capsys.readouterr().out.strip() == f"wrote 6 actions as at 2025-03-31 to {tmp_path / 'north.xlsx'}"
    sheet = openpyxl.load_workbook(tmp_path / "north.xlsx").worksheets[0]
    assert sheet.title == "Tracker 2025-03-31" and sheet.max_row == 7


def test_the_xlsx_export_is_set_up_to_print_and_its_as_at_is_a_date_cell(store, tmp_path):
    workbook = openpyxl.load_workbook(export(store, tmp_path / "export.xlsx", date(2025, 3, 31)))
    sheet = workbook.worksheets[0]

    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"
    assert workbook["Key"]["B1"].is_date and workbook["Key"]["B1"].value == datetime(2025, 3, 31)


def test_the_ods_export_has_a_repeated_header_date_cells_and_a_landscape_page(store, tmp_path):
    from odf.opendocument import load
    from odf.table import TableHeaderRows

    document = load(str(export(store, tmp_path / "export.ods", date(2025, 3, 31))))

    assert len(document.spreadsheet.getElementsByType(TableHeaderRows)) == 1
    xml = "".join(x if isinstance(x, str) else x.decode() for x in (document.xml(), document.stylesxml()))
    assert 'office:date-value="2025-03-31"' in xml and 'style:print-orientation="landscape"' in xml
    assert 'loext:scale-to-X="1"' in xml
