"""The demo data set: two fictional boards with three reporting years of believable history.

Synthetic throughout: pseudonyms in the style of published reviews, fictional places, example.org contacts.
Built with the domain's own commands (so every guard applies) and saved in one transaction.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from domain.action import Action
from domain.board import Board
from domain.recommendation import Recommendation
from domain.review import Review
from monitoring.demo.impact_story import add_impact_story, assurance_for
from monitoring.demo.wording import ACTION_TEXTS, LEADS, MEASURES, RECOMMENDATION_TEXTS

AGENCIES = [
    "Police",
    "Children's Social Care",
    "Acute Trust",
    "Integrated Care Board",
    "Education",
    "Community Health",
    "Probation Service",
    "Ambulance Service",
]

BOARDS = {
    "Northshire Safeguarding Children Partnership": "northshire",
    "Eastmoor Safeguarding Partnership": "eastmoor",
}


@dataclass(frozen=True)
class DemoReview:
    board: str
    code: str
    title: str
    review_type: str
    aware_on: date
    recommendations: int
    themes: tuple[str, ...]
    plans_from: date  # when the board agreed its action plan


REVIEWS = [
    DemoReview("Northshire Safeguarding Children Partnership", "child-r-2019", "Child R (2019)", "scr", date(2019, 3, 11), 8, ("neglect", "voice of the child"), date(2023, 4, 17)),
    DemoReview("Northshire Safeguarding Children Partnership", "baby-m-2021", "Baby M (2021)", "lcspr", date(2021, 9, 6), 7, ("safe sleep", "parental substance misuse"), date(2024, 1, 15)),
    DemoReview("Northshire Safeguarding Children Partnership", "child-t-2022", "Child T (2022)", "lcspr", date(2022, 11, 14), 7, ("domestic abuse", "information sharing"), date(2024, 11, 4)),
    DemoReview("Northshire Safeguarding Children Partnership", "siblings-a-and-b-2023", "Siblings A and B (2023)", "rapid_review", date(2023, 6, 19), 6, ("neglect", "escalation"), date(2025, 10, 6)),
    DemoReview("Northshire Safeguarding Children Partnership", "adult-k-2022", "Adult K (2022)", "sar", date(2022, 5, 9), 5, ("self-neglect", "transitions"), date(2024, 6, 3)),
    DemoReview("Eastmoor Safeguarding Partnership", "child-j-2020", "Child J (2020)", "scr", date(2020, 1, 20), 8, ("voice of the child", "supervision"), date(2023, 5, 22)),
    DemoReview("Eastmoor Safeguarding Partnership", "baby-l-2023", "Baby L (2023)", "lcspr", date(2023, 2, 27), 7, ("safe sleep", "information sharing"), date(2025, 5, 12)),
    DemoReview("Eastmoor Safeguarding Partnership", "mrs-d-2021", "Mrs D (2021)", "dhr", date(2021, 4, 12), 6, ("domestic abuse",), date(2023, 9, 11)),
    DemoReview("Eastmoor Safeguarding Partnership", "young-person-y-2024", "Young Person Y (2024)", "learning_review", date(2024, 3, 4), 6, ("exploitation", "transitions"), date(2026, 7, 13)),
]

# Action plans in the demo start in the 2023/24 reporting year, giving three years of history.
MANAGER, CHAIR = "business.manager", "subgroup.chair"


def lead_user(agency: str) -> str:
    return agency.lower().replace("'", "").replace(" ", ".") + ".lead"


def load_demo(services, seed: int = 2019) -> bool:
    """Load the demo once; returns False when it is already there (idempotent)."""
    app = services.app
    if Board.create_id(next(iter(BOARDS))) in app.repository:
        return False
    today = services.clock()
    rng = random.Random(seed)
    aggregates = []
    for name, slug in BOARDS.items():
        aggregates.append(_board(name, slug, today))
    for spec in REVIEWS:
        aggregates += _review_with_plan(spec, rng, today)
    add_impact_story(aggregates, today)  # plans, re-tests, kinds and scopes (monitoring.demo.impact_story)
    app.save(*aggregates)  # one transaction; the read models follow (monitoring.application.store)
    # Recurring learning is noticed as the use case would have (monitoring.application.themes).
    services.themes.note_recurrences([a.reference for a in aggregates if isinstance(a, Recommendation)], actor=MANAGER)
    return True


def _board(name: str, slug: str, today: date) -> Board:
    board = Board.register(name=name, agencies=AGENCIES, actor=MANAGER, on=date(2019, 1, 7), today=today)
    board.set_chair_contact(email=f"subgroup.chair@{slug}.example.org", actor=MANAGER, on=date(2019, 1, 7), today=today)
    for agency in AGENCIES:
        mailbox = agency.lower().replace("'", "").replace(" ", "-")
        board.set_agency_contact(agency=agency, email=f"{mailbox}@{slug}.example.org", actor=MANAGER, on=date(2019, 1, 7), today=today)
    return board


def _review_with_plan(spec: DemoReview, rng: random.Random, today: date) -> list:
    review = Review.commission(
        board=spec.board, code=spec.code, title=spec.title, review_type=spec.review_type, actor=MANAGER,
        on=spec.aware_on, today=today, aware_on=spec.aware_on,
        panel_notified_on=spec.aware_on + timedelta(days=rng.choice([3, 4, 6, 9])), themes=list(spec.themes),
    )
    day = spec.aware_on
    for stage, gap in (("rapid_review", 18), ("decision", 10), ("commissioned", 30), ("draft", 150), ("completed", 40), ("published", 60)):
        day = day + timedelta(days=gap + rng.randint(0, 25))
        if day > today or (stage == "published" and spec.code == "young-person-y-2024"):
            break  # not there yet (or, in the story, publication awaits criminal proceedings)
        review.move_to_stage(stage=stage, note="", actor=MANAGER, on=day, today=today)
    plan_date = min(spec.plans_from, today)
    aggregates: list = [review]
    for number in range(1, spec.recommendations + 1):
        aggregates += _recommendation(review, number, plan_date + timedelta(days=rng.randint(0, 20)), rng, today)
    return aggregates


def _recommendation(review: Review, number: int, made_on: date, rng: random.Random, today: date) -> list:
    text = rng.choice(RECOMMENDATION_TEXTS)
    agencies = rng.sample(AGENCIES, k=rng.choice([2, 3, 3, 4]))
    recommendation = Recommendation.make(
        review=review, number=number, text=text,
        agencies=agencies, priority=rng.random() < 0.25, actor=MANAGER, on=made_on, today=today,
        themes=list(review.themes[:1]),
    )
    actions = []
    for agency in agencies:
        for _ in range(rng.choice([1, 1, 1, 2])):
            number_in_plan = recommendation.plan_action(actor=MANAGER, on=made_on)
            action = Action.agree(
                recommendation=recommendation, number=number_in_plan, agency=agency,
                text=rng.choice(ACTION_TEXTS[agency]), target_date=made_on + timedelta(days=rng.choice([90, 120, 180, 180, 270, 365])),
                lead=LEADS[agency], measure=rng.choice(MEASURES), actor=MANAGER, on=made_on, today=today,
            )
            _live_through(action, rng, today)
            actions.append(action)
    return [recommendation, *actions]


def _live_through(action: Action, rng: random.Random, today: date) -> None:
    """Play an action's life forward: progress, slippage, completion, sub-group meetings, sign-off."""
    lead = lead_user(action.agency)
    day = action.agreed_on
    fate = rng.random()

    def step(days: int) -> date | None:
        nonlocal day
        nxt = day + timedelta(days=days)
        if nxt > today:
            return None
        day = nxt
        return day

    if fate < 0.04:
        if step(rng.randint(20, 120)):
            action.withdraw(reason="Superseded by the partnership's new neglect strategy", actor=CHAIR, on=day, today=today)
        return
    if not step(rng.randint(20, 160)):
        return
    action.report_progress(note="Work started; task and finish group set up and first meeting held.", actor=lead, on=day, today=today)
    if rng.random() < 0.22 and step(rng.randint(20, 90)):
        action.reschedule(
            target_date=action.target_date + timedelta(days=rng.choice([60, 90, 120])),
            reason="Delayed by staff turnover in the safeguarding team; revised plan agreed with the sub-group.",
            actor=lead, on=day, today=today,
        )
    if fate > 0.9:
        return  # stalls: no further update, becomes overdue in time
    span = (action.target_date - day).days
    if not step(max(10, int(span * rng.uniform(0.5, 1.25)))):
        return
    if fate > 0.82:
        action.report_progress(note="Audit of practice under way; findings due at next meeting.", actor=lead, on=day, today=today)
        return
    action.complete(evidence="Audit of 20 cases shows the new practice in 17; briefing note and training register attached.", actor=lead, on=day, today=today)
    if not step(rng.randint(14, 56)):
        return
    if rng.random() < 0.1:
        action.refuse_sign_off(reason="Evidence shows training delivered but not its effect on practice; re-audit requested.", actor=CHAIR, on=day, today=today)
        if not step(rng.randint(30, 90)):
            return
        action.complete(evidence="Re-audit of 15 cases: threshold decisions recorded with the child's views in 14.", actor=lead, on=day, today=today)
        if not step(rng.randint(14, 56)):
            return
    if rng.random() < 0.85:
        action.sign_off(impact=rng.choice(IMPACTS), assurance=assurance_for(action), actor=CHAIR, on=day, today=today)


IMPACTS = [
    "Re-audit shows children's views recorded in 9 of 10 assessments, up from 4 of 10.",
    "Referrals now include chronology; strategy discussions held within 1 working day in 95% of cases.",
    "Safe-sleep conversations documented at every new-birth visit sampled.",
    "",  # signed off without an impact statement: reports show impact still unevidenced
]
