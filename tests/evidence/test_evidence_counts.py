"""How many documents support each action, in the exported tracker and the annual report (never the files)."""
from __future__ import annotations

from datetime import date

import openpyxl

from monitoring.application.evidence import Upload
from monitoring.reports.annual_report import impact_table
from monitoring.trackers.export import tracker_rows, write_tracker
from tests.builders import board_with_action
from tests.evidence import files
from tests.exports.fakes import sample_queries

A1 = "child-c-2014/R1/A1"


def test_counts_leave_out_withdrawn_documents_and_those_attached_after_the_date(services, tmp_path):
    board_with_action(services.app)
    app = services.app
    app.attach_documents(A1, [Upload("a.csv", files.CSV), Upload("b.txt", files.TEXT)], actor="manager", on=date(2024, 2, 1))
    app.attach_documents(A1, [Upload("c.odt", files.odt())], actor="manager", on=date(2024, 5, 1))
    app.withdraw_document(A1, 2, "Wrong file", actor="manager", on=date(2024, 5, 2))
    services.catch_up()
    action_id = str(app.action(A1).id)
    assert services.queries.document_counts() == {action_id: 2}
    assert services.queries.document_counts(as_at=date(2024, 3, 31)) == {action_id: 1}

    rows = tracker_rows(services.queries, as_at=date(2024, 6, 1), today=date(2024, 6, 1))
    assert rows[0]["documents"] == 2
    sheet = openpyxl.load_workbook(write_tracker(rows, tmp_path / "tracker.xlsx", as_at=date(2024, 6, 1))).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("Documents") + 1).value == 2


def test_the_annual_reports_actions_taken_say_how_many_documents_support_each():
    queries = sample_queries()
    actions, recommendations = queries.actions(), queries.recommendations()
    rows = {r["reference"]: r for r in impact_table(recommendations, actions, {}, {"id-child-r-2019/R1/A1": 3})}
    assert rows["child-r-2019/R1"]["actions_taken"][0] == "A1 (Police): Do the thing child-r-2019/R1/A1 [signed off; 3 documents]"
    assert rows["child-r-2019/R1"]["actions_taken"][1].endswith("[in progress]")  # none: nothing added
