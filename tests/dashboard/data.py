"""A small board whose plans stand differently on 31 March 2025 and today, built through the use cases."""
from __future__ import annotations

from datetime import date

BOARD = "North Shire Safeguarding Children Partnership"
AGENCIES = ["Police", "Children's Social Care", "Acute Trust", "Education", "ICB"]
MANAGER, CHAIR, POLICE_LEAD = "manager", "chair", "lead.police"
YEAR_END = date(2025, 3, 31)

# (agency, text, agreed, target, [(command, on, text)])
PLANS = {
    ("child-c-2014", 1): [
        ("Police", "Train all officers in referral thresholds.", date(2024, 1, 10), date(2024, 9, 30),
         [("complete", date(2024, 9, 1), "Training log: 96% of officers trained"), ("sign_off", date(2024, 10, 15), "Referrals now arrive with the threshold reasons")]),
        ("Children's Social Care", "Audit the front door's use of the threshold document.", date(2024, 1, 10), date(2024, 12, 31),
         [("progress", date(2024, 6, 1), "Audit tool agreed"), ("complete", date(2025, 2, 20), "Audit report, February 2025")]),
        ("Education", "Designated teachers attend the multi-agency threshold briefing.", date(2024, 1, 10), date(2025, 1, 31),
         [("progress", date(2024, 11, 5), "Two of three briefings held")]),
    ],
    ("child-c-2014", 2): [
        ("Acute Trust", "Emergency department staff check the child protection information system.", date(2024, 2, 1), date(2024, 7, 31),
         [("reschedule", date(2024, 7, 20), "2025-06-30|System upgrade delayed"), ("complete", date(2025, 5, 2), "CP-IS alerts audit")]),
        ("ICB", "Commission a named GP for safeguarding in each primary care network.", date(2024, 2, 1), date(2026, 12, 10), []),
        ("Police", "Share domestic abuse notifications with schools by 9am.", date(2024, 2, 1), date(2024, 12, 1),
         [("withdraw", date(2024, 8, 1), "Superseded by Operation Encompass")]),
    ],
    ("baby-m-2023", 1): [
        ("Children's Social Care", "Pre-birth assessments start by 20 weeks of pregnancy.", date(2024, 5, 1), date(2025, 2, 28),
         [("progress", date(2024, 9, 1), "Pathway drafted")]),
        ("Acute Trust", "Midwives ask about the father and other adults in the household.", date(2024, 5, 1), date(2025, 6, 30),
         [("complete", date(2025, 3, 10), "Booking template changed; audit of 50 records"), ("sign_off", date(2025, 4, 20), "")]),
        ("Police", "Flag pre-birth cases on the police system.", date(2024, 5, 1), date(2026, 12, 1),
         [("progress", date(2025, 9, 1), "Flag specified")]),
        ("Education", "Early years settings report unexplained injuries the same day.", date(2024, 5, 1), date(2026, 3, 31),
         [("complete", date(2026, 2, 1), "Early years guidance reissued; training sign-in sheets")]),
    ],
}


def seed(app) -> None:
    """Build the board, two reviews, three recommendations and ten actions, with history."""
    app.register_board(BOARD, AGENCIES, actor=MANAGER, on=date(2023, 12, 1))
    app.commission_review(BOARD, "child-c-2014", "Child C (2014)", "scr", actor=MANAGER, on=date(2024, 1, 2),
                          aware_on=date(2023, 12, 4), panel_notified_on=date(2023, 12, 8), themes=["neglect", "information sharing"])
    app.move_review_to_stage("child-c-2014", "rapid_review", actor=MANAGER, on=date(2024, 1, 3))
    app.move_review_to_stage("child-c-2014", "published", actor=MANAGER, on=date(2024, 1, 5))
    app.commission_review(BOARD, "baby-m-2023", "Baby M (2023)", "lcspr", actor=MANAGER, on=date(2024, 4, 1),
                          aware_on=date(2024, 3, 4), themes=["voice of the child"])
    app.move_review_to_stage("baby-m-2023", "decision", actor=MANAGER, on=date(2024, 4, 20))
    texts = {("child-c-2014", 1): "Agencies apply the threshold document consistently at the point of referral.",
             ("child-c-2014", 2): "Health and police share what they know about a child at the first contact.",
             ("baby-m-2023", 1): "Agencies assess risk before birth and include every adult in the household."}
    for (code, number), plan in PLANS.items():
        app.make_recommendation(code, number, texts[(code, number)], agencies=sorted({p[0] for p in plan}),
                                priority=(code, number) == ("baby-m-2023", 1), actor=MANAGER, on=plan[0][2])
        for agency, text, agreed, target, steps in plan:
            action = app.add_action(f"{code}/R{number}", agency, text, target, actor=MANAGER, on=agreed,
                                    lead=f"Head of Safeguarding, {agency}", measure="Audit shows the change in 9 of 10 cases")
            for command, on, detail in steps:
                _step(app, action.reference, command, on, detail)


def _step(app, ref: str, command: str, on: date, detail: str) -> None:
    if command == "reschedule":
        target, reason = detail.split("|")
        app.reschedule_action(ref, date.fromisoformat(target), reason, actor=POLICE_LEAD, on=on)
        return
    use_case = {"progress": app.report_progress, "complete": app.complete_action, "sign_off": app.sign_off_action,
                "withdraw": app.withdraw_action}[command]
    use_case(ref, detail, actor=CHAIR if command in ("sign_off", "withdraw") else POLICE_LEAD, on=on)
