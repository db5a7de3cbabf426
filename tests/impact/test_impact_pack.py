"""The yearly pack's "Completed and improved" figure and "Complete but impact not evidenced" list: the numbers of
`status --as-at` the year's end, a text alternative, CSV and XLSX."""
from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from monitoring.reports.annual_report import gather
from monitoring.reports.figures import FIGURES, TABLES
from monitoring.reports.pack import to_csv
from monitoring.reports.pack_xlsx import workbook_bytes
from tests.impact.test_impact_use_cases import HEALTH, POLICE, R1, R2, VOICE, plan, sign_off

YEAR_END = date(2025, 3, 31)


def figure(spec_id):
    return next(s for s in (*FIGURES, *TABLES) if s.id == spec_id)


def year(built):
    app = built.app
    sign_off(app, POLICE, date(2024, 3, 1), assurance="substantial")
    sign_off(app, HEALTH, date(2024, 3, 1))
    sign_off(app, VOICE, date(2024, 3, 1), assurance="limited")
    plan(app, R1, on=date(2024, 3, 2))
    plan(app, R2, on=date(2024, 3, 2))
    app.retest_recommendation(R1, result="Referrals up a third", evidenced="yes", actor="chair", on=date(2024, 12, 1))
    app.retest_recommendation(R2, result="No change in the audit", evidenced="no", actor="chair", on=date(2025, 2, 1))
    app.retest_recommendation(R2, result="Some change", evidenced="partly", actor="chair", on=date(2025, 5, 1))  # after the year
    return gather(built.queries, 2024, today=date(2026, 11, 22))


def test_completed_and_improved_has_the_numbers_of_status_at_the_years_end(built):
    report = year(built)
    totals = built.queries.status("agency", as_at=YEAR_END)["totals"]
    rows = {r["measure"]: (r["count"], r["of"], r["percent"]) for r in report.improved}
    live = totals["total"] - totals["withdrawn"]
    assert rows["Actions complete (agency-reported or signed off)"] == (totals["completed"] + totals["signed_off"], live, totals["percent_complete"])
    assert rows["Actions signed off by the sub-group"] == (totals["signed_off"], live, totals["percent_signed_off"])
    assert rows["Recommendations whose impact a re-test evidenced"] == (totals["impact_evidenced"], totals["recommendations"], 50.0) == (1, 2, 50.0)
    alt = figure("completed-and-improved").alt_text(report)
    assert "recommendations whose impact a re-test evidenced: 1 of 2 recommendations (50.0%)" in alt and "1 not evidenced" in alt


def test_complete_but_impact_not_evidenced_lists_the_finding_at_the_years_end(built):
    report = year(built)
    listed = [(r["reference"], r["impact"]) for r in report.not_evidenced]
    assert listed == [(R2, "Impact not evidenced")]  # the later "partly" re-test is after 31 March
    csv = to_csv(figure("complete-not-evidenced"), report).decode("utf-8-sig").splitlines()
    assert csv[0].startswith("Recommendation,Review,Recommendation text,Agencies") and csv[1].startswith(f"{R2},Child C,")
    book = load_workbook(io.BytesIO(workbook_bytes(report)))
    assert book["Complete, impact not evidenced"]["A2"].value == R2
    sheet = book["Completed and improved"]
    assert [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))][:3] == ["Measure", "Number", "Of"]
