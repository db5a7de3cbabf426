"""The tracker's assurance and impact columns: read with the headers boards use, refused naming the file's own
header, written by export-tracker, and kept by a round trip (same status, every column, at the tracker's date)."""
from __future__ import annotations

from datetime import date

import pytest

from domain.errors import NotFound
from monitoring.trackers.export import tracker_rows, write_tracker
from monitoring.trackers.importing import ImportRejected, import_tracker
from tests.impact.conftest import build
from tests.impact.test_impact_use_cases import HEALTH, POLICE, R1, R2, VOICE, plan, sign_off
from tests.importing.trackers import CHILD_C, write_csv

BOARD_HEADERS = {"recommendation_kind": "Recommendation type", "recommendation_scope": "Scope of recommendation",
                 "addressee": "Addressed to", "assurance": "Assessment of progress", "assurance_comment": "Critical Friend comments",
                 "impact_measure": "Impact measure", "impact_expected": "Expected impact", "retest_by": "Re-test date",
                 "retest_result": "Re-test result", "impact_evidenced": "Impact evidenced?"}
HEADERS = {"review": "Review", "recommendation_no": "Rec. No", "agency": "Lead Agency", "action": "Action",
           "target_date": "Target date", "status": "Status", "status_date": "Status date", "agreed_date": "Date agreed",
           "recommendation": "Recommendation", "evidence": "Evidence", "notes": "Progress notes", "priority": "Priority?",
           "lead": "Lead officer", "themes": "Themes", **BOARD_HEADERS}


def board_tracker():
    rows = [dict(r) for r in CHILD_C]
    rows[0].update(recommendation_kind="Single agency", recommendation_scope="National", addressee="Home Office",
                   assurance="2 Partly achieved", assurance_comment="Register seen; no audit of practice yet",
                   impact_expected="Referrals give reasons", impact_measure="Referrals sampled", retest_by=date(2024, 12, 1),
                   retest_result="Sample of 30: 27 gave reasons", impact_evidenced="Yes")
    return rows


def test_a_boards_columns_set_kind_scope_assurance_plan_and_retest(app, tmp_path):
    import_tracker(app, write_csv(tmp_path / "t.csv", board_tracker(), headers=HEADERS), actor="manager", on=date(2025, 3, 31))
    rec = app.recommendation("child-c-2014/R1")
    assert (rec.kind, rec.scope, rec.addressee) == ("single_agency", "national", "Home Office")
    assert rec.impact_plan["measure"] == "Referrals sampled" and rec.retest_by == date(2024, 12, 1)
    assert rec.last_finding == "evidenced"
    action = app.action("child-c-2014/R1/A1")
    assert action.assurance == "reasonable"
    assert type(app.events_of("child-c-2014/R1/A1")[-1]).__name__ == "SignedOff"


def test_an_unknown_assurance_word_is_refused_naming_the_files_header_and_nothing_is_imported(app, tmp_path):
    rows = board_tracker()
    rows[0]["assurance"] = "great"
    with pytest.raises(ImportRejected) as refused:
        import_tracker(app, write_csv(tmp_path / "t.csv", rows, headers=HEADERS), actor="manager", on=date(2025, 3, 31))
    assert "'Assessment of progress': unknown value 'great'" in str(refused.value)
    with pytest.raises(NotFound):  # nothing stored
        app.review("child-c-2014")


def test_export_then_import_keeps_every_assurance_and_impact_column(make_services, tmp_path):
    source = make_services("memory:")
    app = source.app
    build(app)
    app.reclassify_recommendation(R2, scope="national", addressee="Department for Education", reason="Guidance", actor="bm", on=date(2024, 1, 5))
    sign_off(app, POLICE, date(2024, 3, 1), assurance="limited", comment="Five files only")
    sign_off(app, HEALTH, date(2024, 3, 1))
    sign_off(app, VOICE, date(2024, 3, 2), assurance="substantial", comment="Re-audit seen")
    plan(app, R1, on=date(2024, 3, 5), retest_by=date(2024, 9, 1))
    plan(app, R2, on=date(2024, 3, 5), retest_by=date(2025, 6, 1))
    app.retest_recommendation(R1, result="Referrals up a third", evidenced="partly", actor="chair", on=date(2024, 9, 10))
    source.catch_up()
    as_at = date(2026, 11, 22)
    out = write_tracker(tracker_rows(source.queries, as_at=as_at, today=as_at), tmp_path / "t.xlsx", as_at=as_at)

    fresh = make_services("memory:")
    import_tracker(fresh.app, out, actor="manager", on=as_at)
    fresh.catch_up()
    for by in ("agency", "board", "review", "recommendation"):
        assert fresh.queries.status(by, as_at=as_at) == source.queries.status(by, as_at=as_at), by
    keep = ("reference", "kind", "scope", "addressee", "impact", "retest_by", "last_retest_on", "plan_expected", "plan_measure",
            "plan_baseline", "plan_target")
    assert [{k: r[k] for k in keep} for r in fresh.queries.recommendations_impact()] == \
           [{k: r[k] for k in keep} for r in source.queries.recommendations_impact()]
    assert fresh.app.action(POLICE).assurance == "limited" and fresh.queries.action(POLICE)["assurance_comment"] == "Five files only"
    again = import_tracker(fresh.app, out, actor="manager", on=as_at)
    assert not again.changed_anything
