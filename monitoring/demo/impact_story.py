"""The demo's assurance and impact: graded sign-offs, impact plans, re-tests (some evidenced, some partly, some
not, some overdue), a national and a single-agency recommendation. Choices are made from each record's reference
(not the demo's random sequence), so the rest of the demo's figures stay as they were.
"""
from __future__ import annotations

from datetime import date, timedelta
from zlib import crc32

from domain.action import Action
from domain.board import Board
from domain.recommendation import Recommendation

CHAIR, MANAGER = "subgroup.chair", "business.manager"

PLANS = [  # (expected, measure, baseline, target)
    ("Children's views are recorded and inform every assessment.", "Assessments sampled quarterly that record the child's views",
     "4 in 10", "9 in 10"),
    ("Practitioners escalate disagreements and they are resolved within 10 working days.",
     "Escalations resolved within 10 working days (escalation log)", "38%", "80%"),
    ("Safe-sleep advice is given and recorded at every new-birth visit.", "New-birth visit records with safe-sleep advice",
     "61%", "95%"),
    ("Referrals carry a chronology and the reasons for concern.", "Referrals audited with a chronology", "25%", "75%"),
]
FINDINGS = [  # (finding, result)
    ("evidenced", "Re-audit of 30 cases: the target was met and sustained over two quarters."),
    ("evidenced", "Practitioner survey (112 replies) and case sampling both show the change."),
    ("partly", "Re-audit shows improvement in two of three teams; the third is being supported."),
    ("not_evidenced", "Re-audit found no change from the baseline; the sub-group asked for a new approach."),
]
EVIDENCED_WORD = {"evidenced": "yes", "partly": "partly", "not_evidenced": "no"}
SPECIAL = {  # reference -> (kind, scope, addressee, reason)
    "child-r-2019/R8": ("overview", "national", "Department for Education",
                        "The review found the statutory guidance itself unclear; only the Department can change it."),
    "mrs-d-2021/R6": ("single_agency", "local", "", "Made in the police IMR, not the overview report."),
}


def assurance_for(action: Action) -> str:
    """A sign-off's assurance level: mostly reasonable, some substantial, a few limited, some not graded."""
    return ("substantial", "reasonable", "reasonable", "reasonable", "limited", "", "", "reasonable", "limited", "none",
            "substantial", "")[crc32(action.reference.encode()) % 12]


def add_impact_story(aggregates: list, today: date) -> None:
    for board in (a for a in aggregates if isinstance(a, Board) and a.name.startswith("Eastmoor")):
        # Eastmoor prints its own words for two levels (display only; files keep the standard names).
        board.rename_assurance_level(level="limited", word="Partial assurance", actor=MANAGER, on=date(2023, 4, 3), today=today)
        board.rename_assurance_level(level="none", word="No assurance: re-audit needed", actor=MANAGER, on=date(2023, 4, 3), today=today)
    for recommendation in (a for a in aggregates if isinstance(a, Recommendation)):
        _classify(recommendation, today)
        _plan_and_retest(recommendation, today)


def _classify(recommendation: Recommendation, today: date) -> None:
    special = SPECIAL.get(recommendation.reference)
    if special is None:
        return
    kind, scope, addressee, reason = special
    on = recommendation.made_on + timedelta(days=14)
    recommendation.reclassify(kind=kind, scope=scope, addressee=addressee, reason=reason, actor=MANAGER, on=on, today=today)
    if scope == "national":
        recommendation.record_response(asked_on=on, received_on=None, actor=MANAGER, on=on, today=today)


def _plan_and_retest(recommendation: Recommendation, today: date) -> None:
    pick = crc32(recommendation.reference.encode())
    if pick % 10 < 3:
        return  # no impact plan yet: reported as "not yet re-tested"
    planned_on = recommendation.last_effective + timedelta(days=30)
    if planned_on > today:
        return
    expected, measure, baseline, target = PLANS[pick % len(PLANS)]
    retest_by = planned_on + timedelta(days=300 + (pick // 10) % 240)
    recommendation.plan_impact(expected=expected, measure=measure, baseline=baseline, baseline_on=planned_on - timedelta(days=60),
                               target=target, retest_by=retest_by, reason="", actor=CHAIR, on=planned_on, today=today)
    tested_on = retest_by + timedelta(days=(pick // 7) % 45)
    if tested_on > today or pick % 5 == 0:
        return  # not yet due, or due and not done: "re-test overdue"
    finding, result = FINDINGS[(pick // 3) % len(FINDINGS)]
    recommendation.retest(result=result, evidenced=EVIDENCED_WORD[finding], actor=CHAIR, on=tested_on, today=today)
