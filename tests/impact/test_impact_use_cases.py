"""Assurance and impact through the application: rules, permissions, history and figures as at a date."""
from __future__ import annotations

from datetime import date

import pytest

from dashboard.action_view import assurance_words, details
from dashboard.impact_view import plan_items
from dashboard.overview_view import cards
from domain.errors import DomainError, PermissionDenied
from tests.impact.conftest import BOARD

R1, R2 = "child-c/R1", "child-c/R2"
POLICE, HEALTH, VOICE = "child-c/R1/A1", "child-c/R1/A2", "child-c/R2/A1"


def plan(app, ref=R1, *, actor="chair", on=date(2024, 2, 1), retest_by=date(2024, 12, 1), **changes):
    fields = dict(expected="Earlier referrals", measure="Referrals a quarter", baseline="12", baseline_on=date(2024, 1, 1),
                  target="20", retest_by=retest_by)
    fields.update(changes)
    return app.plan_impact(ref, **fields, actor=actor, on=on)


def sign_off(app, ref, on, assurance="", comment=""):
    app.complete_action(ref, "Register", actor="bm", on=on)
    return app.sign_off_action(ref, "", assurance=assurance, comment=comment, actor="chair", on=on)


def test_recommendations_already_stored_read_as_overview_and_local(built):
    rec = built.app.recommendation(R1)
    assert (rec.kind, rec.scope, rec.addressee) == ("overview", "local", "")
    assert built.queries.recommendation(R1)["reference"] == R1
    assert built.queries.recommendations_impact(recommendation=R1)[0]["kind"] == "overview"


def test_a_national_recommendation_names_its_addressee_and_its_response_dates(built):
    app = built.app
    rec = app.make_recommendation("child-c", 3, "Guidance on bruising", scope="national", addressee="Department for Education",
                                  kind="single_agency", actor="bm", on=date(2024, 1, 5))
    app.record_national_response("child-c/R3", asked_on=date(2024, 2, 1), actor="bm", on=date(2024, 2, 1))
    rec = app.record_national_response("child-c/R3", received_on=date(2024, 5, 1), actor="bm", on=date(2024, 5, 1))
    assert (rec.kind, rec.scope, rec.addressee) == ("single_agency", "national", "Department for Education")
    assert (rec.response_asked_on, rec.response_received_on) == (date(2024, 2, 1), date(2024, 5, 1))


def test_a_national_recommendation_with_no_addressee_is_refused_and_nothing_is_written(built):
    with pytest.raises(DomainError, match="addressee: is required for a national recommendation"):
        built.app.make_recommendation("child-c", 3, "Guidance", scope="national", actor="bm", on=date(2024, 1, 5))
    assert built.app.review("child-c") and "child-c/R3" not in [r["reference"] for r in built.queries.recommendations()]


def test_kind_and_scope_change_only_with_a_reason(built):
    with pytest.raises(DomainError, match="reason: is required"):
        built.app.reclassify_recommendation(R1, kind="single_agency", reason=" ", actor="bm", on=date(2024, 2, 1))
    rec = built.app.reclassify_recommendation(R1, scope="regional", reason="The region leads", actor="bm", on=date(2024, 2, 1))
    assert rec.scope == "regional"
    assert built.queries.history(R1)[-1]["change"] == "Kind or scope changed"


def test_an_impact_plan_needs_a_measure(built):
    with pytest.raises(DomainError, match="measure: is required"):
        plan(built.app, measure="")
    assert built.app.recommendation(R1).impact_plan is None


def test_changing_an_impact_plan_needs_a_reason(built):
    plan(built.app)
    with pytest.raises(DomainError, match="reason: is required to change"):
        plan(built.app, target="25", on=date(2024, 3, 1))
    rec = plan(built.app, target="25", reason="Partners agreed a higher target", on=date(2024, 3, 1))
    assert rec.impact_plan["target"] == "25"


def test_a_retest_before_the_plan_existed_is_refused(built):
    with pytest.raises(DomainError, match="plan: child-c/R1 has no impact plan yet"):
        built.app.retest_recommendation(R1, result="Audit", evidenced="yes", actor="chair", on=date(2024, 3, 1))
    plan(built.app, on=date(2024, 2, 1))
    with pytest.raises(DomainError, match="on: 2024-01-31 is before"):
        built.app.retest_recommendation(R1, result="Audit", evidenced="yes", actor="chair", on=date(2024, 1, 31))
    assert built.app.recommendation(R1).retests == 0


def test_an_unknown_assurance_word_is_refused_and_nothing_is_written(built):
    built.app.complete_action(POLICE, "Register", actor="bm", on=date(2024, 3, 1))
    with pytest.raises(DomainError, match="assurance: unknown value 'great'"):
        built.app.sign_off_action(POLICE, "", assurance="great", actor="chair", on=date(2024, 3, 2))
    assert built.app.action(POLICE).status == "completed"


def test_sign_off_records_assurance_and_comment_in_the_history(built):
    sign_off(built.app, POLICE, date(2024, 3, 1), assurance="limited", comment="Only 5 files sampled")
    last = built.queries.history(POLICE)[-1]
    assert last["change"] == "Signed off"
    assert last["details"] == {"assurance": "limited", "comment": "Only 5 files sampled"}


def test_a_refusal_carries_the_critical_friend_comment(built):
    built.app.complete_action(POLICE, "Register", actor="bm", on=date(2024, 3, 1))
    built.app.refuse_sign_off(POLICE, "No evidence of change", comment="Bring the re-audit", actor="chair", on=date(2024, 3, 2))
    assert built.queries.history(POLICE)[-1]["details"] == {"reason": "No evidence of change", "comment": "Bring the re-audit"}


@pytest.mark.parametrize("use_case", ["plan", "retest", "grade"])
def test_an_agency_lead_cannot_grade_assurance_plan_or_retest_impact(with_people, use_case):
    app = with_people.app
    plan(app, actor="chair")
    app.complete_action(POLICE, "Register", actor="police.lead", on=date(2024, 3, 1))
    attempts = {
        "plan": lambda: plan(app, actor="police.lead", reason="mine", on=date(2024, 3, 2)),
        "retest": lambda: app.retest_recommendation(R1, result="x", evidenced="yes", actor="police.lead", on=date(2024, 3, 2)),
        "grade": lambda: app.sign_off_action(POLICE, "", assurance="substantial", actor="police.lead", on=date(2024, 3, 2)),
    }
    with pytest.raises(PermissionDenied, match=r"police\.lead.* may not sign off"):
        attempts[use_case]()
    assert app.recommendation(R1).retests == 0 and app.action(POLICE).status == "completed"


def test_a_chair_can_plan_retest_and_grade(with_people):
    app = with_people.app
    plan(app, actor="chair")
    sign_off(app, POLICE, date(2024, 3, 1), assurance="substantial")
    rec = app.retest_recommendation(R1, result="20 a quarter", evidenced="yes", actor="chair", on=date(2024, 12, 1))
    assert rec.last_finding == "evidenced" and app.action(POLICE).assurance == "substantial"


def test_status_as_at_counts_assurance_levels_and_impact_per_agency_and_once_in_totals(built):
    app, q = built.app, built.queries
    plan(app, R1, retest_by=date(2024, 6, 1))
    plan(app, R2, retest_by=date(2025, 6, 1))
    sign_off(app, POLICE, date(2024, 3, 1), assurance="limited")
    sign_off(app, HEALTH, date(2024, 3, 1))
    app.retest_recommendation(R1, result="Referrals up a third", evidenced="yes", actor="chair", on=date(2024, 9, 1))

    before = q.status("agency", as_at=date(2024, 7, 1))
    police = next(r for r in before["rows"] if r["key"] == "Police")
    assert (police["signed_off_limited"], police["recommendations"], police["retests_overdue"]) == (1, 1, 1)
    assert before["totals"]["recommendations"] == 2  # R1 names both agencies: counted once in the total
    assert before["totals"]["signed_off_not_graded"] == 1

    after = q.status("agency", as_at=date(2024, 9, 1))
    health = next(r for r in after["rows"] if r["key"] == "Health")
    assert (health["impact_evidenced"], health["impact_not_tested"], health["retests_overdue"]) == (1, 1, 0)
    assert q.status("board", as_at=date(2024, 2, 1))["totals"]["signed_off_limited"] == 0


def test_reopening_a_graded_action_takes_it_out_of_its_level(built):
    sign_off(built.app, POLICE, date(2024, 3, 1), assurance="reasonable")
    built.app.reopen_action(POLICE, "Audit found gaps", actor="chair", on=date(2024, 5, 1))
    q = built.queries
    assert q.status("board", as_at=date(2024, 4, 1))["totals"]["signed_off_reasonable"] == 1
    assert q.status("board", as_at=date(2024, 5, 1))["totals"]["signed_off_reasonable"] == 0


def test_complete_but_impact_not_evidenced_lists_implemented_recommendations_without_evidence(built):
    app, q = built.app, built.queries
    sign_off(app, VOICE, date(2024, 3, 1))
    plan(app, R2, on=date(2024, 3, 2))
    app.retest_recommendation(R2, result="No change in audit", evidenced="no", actor="chair", on=date(2024, 6, 1))
    listed = q.recommendations_impact(complete_not_evidenced=True)
    assert [(r["reference"], r["impact"]) for r in listed] == [(R2, "not_evidenced")]
    assert q.retests(recommendation=R2)[0]["result"] == "No change in audit"


def test_a_board_may_give_assurance_levels_its_own_words(built):
    board = built.app.rename_assurance_level(BOARD, "limited", "Partly assured", actor="bm", on=date(2024, 1, 2))
    assert board.assurance_words == {"limited": "Partly assured"}
    with pytest.raises(DomainError, match="level: unknown value 'middling'"):
        built.app.rename_assurance_level(BOARD, "middling", "x", actor="bm", on=date(2024, 1, 2))


def test_the_overview_shows_impact_evidenced_beside_complete(built):
    plan(built.app, R1)
    built.app.retest_recommendation(R1, result="Referrals up", evidenced="yes", actor="chair", on=date(2024, 12, 2))
    shown = [str(card) for card in cards(built.queries, None, date(2024, 12, 2))]
    labels = [text for text in shown if "card-percent-complete" in text or "card-impact-evidenced" in text]
    assert len(labels) == 2 and "1 of 2" in labels[1]
    assert shown.index(labels[1]) == shown.index(labels[0]) + 1  # beside "complete"


def test_the_action_page_shows_the_boards_own_word_for_the_assurance_level(built):
    sign_off(built.app, POLICE, date(2024, 3, 1), assurance="limited")
    built.app.rename_assurance_level(BOARD, "limited", "Partial assurance", actor="bm", on=date(2024, 3, 2))
    shown = str(details(built.queries.action(POLICE), {}, assurance_words(built.queries, BOARD)))
    assert "Partial assurance" in shown and "Limited assurance" not in shown
    assert built.queries.action(POLICE)["assurance"] == "limited"  # the data keeps the standard name


def test_the_recommendation_page_says_when_a_national_body_was_asked_and_answered(built):
    app = built.app
    app.reclassify_recommendation(R2, scope="national", addressee="Department for Education", reason="Guidance", actor="bm", on=date(2024, 1, 5))
    app.record_national_response(R2, asked_on=date(2024, 2, 1), actor="bm", on=date(2024, 2, 1))
    shown = dict(plan_items(built.queries.recommendations_impact(recommendation=R2)[0]))
    assert shown["Scope"] == "National, addressed to Department for Education"
    assert shown["National body's response"] == "asked for on 2024-02-01, not yet received"
