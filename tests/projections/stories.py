"""A year of a board's action plan, told through the use cases, for the read-model tests."""
from __future__ import annotations

from datetime import date

BOARD = "North Shire Safeguarding Children Partnership"
OTHER_BOARD = "South Vale Safeguarding Adults Board"
AGENCIES = ["Police", "Children's Social Care", "Acute Trust", "Education"]


def d(text: str) -> date:
    return date.fromisoformat(text)


def year_of_plans(app) -> None:
    """Two boards, three reviews, four recommendations and eight actions with every kind of change."""
    app.register_board(BOARD, AGENCIES, actor="manager", on=d("2024-01-01"))
    app.register_board(OTHER_BOARD, ["Police", "Housing"], actor="manager", on=d("2024-01-01"))
    app.commission_review(BOARD, "child-c-2014", "Child C (2014)", "scr", actor="manager", on=d("2024-01-02"), aware_on=d("2024-01-02"))
    app.commission_review(BOARD, "baby-m-2023", "Baby M (2023)", "lcspr", actor="manager", on=d("2024-02-01"), aware_on=d("2024-01-29"))
    app.commission_review(OTHER_BOARD, "adult-a-2024", "Adult A (2024)", "sar", actor="manager", on=d("2024-03-01"))
    app.make_recommendation("child-c-2014", 1, "Share information at referral.", actor="manager", on=d("2024-01-03"), priority=True)
    app.make_recommendation("child-c-2014", 2, "Hear the voice of the child.", actor="manager", on=d("2024-01-03"))
    app.make_recommendation("baby-m-2023", 1, "Safe sleep advice at every contact.", actor="manager", on=d("2024-02-05"))
    app.make_recommendation("adult-a-2024", 1, "Housing joins strategy meetings.", actor="manager", on=d("2024-03-05"))

    a1 = app.add_action("child-c-2014/R1", "Police", "Train officers in thresholds.", d("2024-06-30"), actor="manager", on=d("2024-01-10"))
    a2 = app.add_action("child-c-2014/R1", "Children's Social Care", "Audit referrals.", d("2024-04-30"), actor="manager", on=d("2024-01-10"))
    a3 = app.add_action("child-c-2014/R2", "Education", "Voice of the child in plans.", d("2024-03-31"), actor="manager", on=d("2024-01-15"))
    a4 = app.add_action("child-c-2014/R2", "Acute Trust", "Ask the child at triage.", d("2024-05-31"), actor="manager", on=d("2024-01-15"))
    a5 = app.add_action("baby-m-2023/R1", "Acute Trust", "Safe sleep leaflet.", d("2024-04-30"), actor="manager", on=d("2024-02-10"))
    a6 = app.add_action("baby-m-2023/R1", "Police", "Safe sleep in domestic call-outs.", d("2024-09-30"), actor="manager", on=d("2024-02-10"))
    a7 = app.add_action("adult-a-2024/R1", "Housing", "Attend strategy meetings.", d("2024-06-30"), actor="manager", on=d("2024-03-10"))
    app.add_action("adult-a-2024/R1", "Police", "Invite housing.", d("2024-04-30"), actor="manager", on=d("2024-03-10"))

    app.report_progress(a1.reference, "Half trained", actor="police", on=d("2024-02-01"))
    app.reschedule_action(a1.reference, d("2024-09-30"), "Trainer off sick", actor="police", on=d("2024-02-01"))  # same day
    app.complete_action(a1.reference, "Register: 412 of 420 officers", actor="police", on=d("2024-08-15"))
    app.sign_off_action(a1.reference, "Referrals now name the threshold", actor="chair", on=d("2024-09-10"))

    app.complete_action(a2.reference, "Audit report", actor="csc", on=d("2024-03-01"))
    app.refuse_sign_off(a2.reference, "Audit covered one team only", actor="chair", on=d("2024-03-20"))
    app.reschedule_action(a2.reference, d("2024-07-31"), "Wider audit", actor="csc", on=d("2024-03-20"))
    app.reschedule_action(a2.reference, d("2024-10-31"), "Wider audit still running", actor="csc", on=d("2024-07-01"))

    app.withdraw_action(a3.reference, "Superseded by the national review", actor="chair", on=d("2024-02-20"))
    app.reopen_action(a3.reference, "National review did not cover schools", actor="chair", on=d("2024-05-01"))

    app.complete_action(a4.reference, "Triage form changed", actor="acute", on=d("2024-05-01"))
    app.sign_off_action(a4.reference, "", actor="chair", on=d("2024-05-15"))
    app.reopen_action(a4.reference, "Audit found the question skipped", actor="chair", on=d("2024-08-01"))

    app.report_progress(a5.reference, "Leaflet drafted", actor="acute", on=d("2024-03-01"))
    app.complete_action(a5.reference, "Leaflet in use", actor="acute", on=d("2024-03-01"))
    app.sign_off_action(a5.reference, "Parents recall the advice", actor="chair", on=d("2024-04-02"))
    app.complete_action(a6.reference, "Briefing given", actor="police", on=d("2024-04-02"))
    app.sign_off_action(a6.reference, "Officers give the advice", actor="chair", on=d("2024-05-02"))
    app.close_recommendation("baby-m-2023/R1", "Fewer unsafe sleep incidents", actor="manager", on=d("2024-06-01"))

    app.report_progress(a7.reference, "Attended two meetings", actor="housing", on=d("2024-04-01"))
    app.record_panel_notification("child-c-2014", actor="manager", on=d("2024-01-05"))
    app.move_review_to_stage("child-c-2014", "rapid_review", note="", actor="manager", on=d("2024-01-20"))
    app.move_review_to_stage("child-c-2014", "decision", note="", actor="manager", on=d("2024-02-01"))
    app.move_review_to_stage("baby-m-2023", "decision", note="LCSPR agreed", actor="manager", on=d("2024-02-20"))
    app.set_recommendation_priority("child-c-2014/R2", True, actor="manager", on=d("2024-04-01"))
    app.reject_recommendation("adult-a-2024/R1", "Housing already attends", actor="manager", on=d("2024-10-01"))
