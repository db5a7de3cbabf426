"""A national-scale store, made fast: aggregates built with the domain classes and saved in large batches."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from domain.action import Action
from domain.board import Board
from domain.recommendation import Recommendation
from domain.review import Review
from domain.theme_scheme import DEFAULT_THEMES

AGENCIES = [
    "Police", "Children's Social Care", "Acute Trust", "Community Health", "Education", "ICB",
    "Probation", "Housing", "Mental Health Trust", "Ambulance Service",
]
REVIEW_TYPES = ["scr", "lcspr", "lcspr", "rapid_review", "learning_review", "sar", "dhr"]
STAGES = ["rapid_review", "decision", "commissioned", "draft", "completed", "published"]
ACTOR = "bench"
THEMES = [t.id for t in DEFAULT_THEMES]
# Recommendation texts from parts, so that text similarity (the recurrence check) meets realistic near and far pairs.
WHO = ["All agencies", "The police", "Children's social care", "Health partners", "Schools", "The partnership", "Probation"]
WHAT = ["should ensure that", "must assure the board that", "should seek assurance that", "should audit whether"]
LEARNING = [
    "information about domestic abuse is shared with the GP and health visitor within 24 hours",
    "practitioners hear the voice of the child and record the child's wishes in every assessment",
    "the escalation policy is used when professionals disagree about a decision",
    "fathers and men in the household are seen and assessed",
    "safe sleep advice is given and recorded at every contact with families of babies",
    "any bruise on a non-mobile baby is referred under the protocol",
    "neglect is identified early using the graded care profile",
    "transitions from children's to adult services are planned from age 16",
    "supervision gives practitioners time to reflect on cases of cumulative harm",
    "thresholds for child protection are understood and applied consistently",
]


@dataclass(frozen=True)
class Scale:
    boards: int
    reviews: int
    recommendations: int
    actions: int


NATIONAL = Scale(boards=150, reviews=2_000, recommendations=24_000, actions=100_000)
SMALL = Scale(boards=2, reviews=12, recommendations=120, actions=500)


def generate(app, scale: Scale, today: date, *, seed: int = 2025, save_every: int = 5_000) -> int:
    """Fill `app`'s store; returns the number of events saved."""
    rng = random.Random(seed)
    pending: list = []
    saved = 0

    def save(*aggregates) -> None:
        nonlocal pending, saved
        pending.extend(aggregates)
        if len(pending) >= save_every:
            saved += _flush(app, pending)
            pending = []

    start = today - timedelta(days=6 * 365)
    boards = [f"Board {n:03d} Safeguarding Partnership" for n in range(scale.boards)]
    for name in boards:
        save(Board.register(name=name, agencies=AGENCIES, actor=ACTOR, on=start, today=today))
    recs_per_review = _spread(scale.recommendations, scale.reviews)
    actions_per_rec = _spread(scale.actions, scale.recommendations)
    rec_index = 0
    for r in range(scale.reviews):
        board = boards[r % len(boards)]
        review = _review(rng, board, f"review-{r:05d}", start, today)
        recs = []
        for number in range(1, recs_per_review[r] + 1):
            rec, actions = _recommendation(rng, review, number, actions_per_rec[rec_index], today)
            rec_index += 1
            recs.append(rec)
            save(*actions)
        save(review, *recs)
    return saved + _flush(app, pending)


def _flush(app, aggregates) -> int:
    if not aggregates:
        return 0
    count = sum(len(a.pending_events) for a in aggregates)
    app.save(*aggregates)
    return count


def _spread(total: int, over: int) -> list[int]:
    base, extra = divmod(total, over)
    return [base + (1 if i < extra else 0) for i in range(over)]


def _review(rng, board: str, code: str, start: date, today: date) -> Review:
    aware = start + timedelta(days=rng.randrange((today - start).days - 400))
    review = Review.commission(
        board=board, code=code, title=f"Child {code[-5:]}", review_type=rng.choice(REVIEW_TYPES), actor=ACTOR,
        on=aware, today=today, aware_on=aware, themes=rng.sample(THEMES, rng.choice([1, 2, 3])),
    )
    on = aware
    for stage in STAGES[: rng.randrange(len(STAGES) + 1)]:
        on = min(on + timedelta(days=rng.randrange(5, 60)), today)
        review.move_to_stage(stage=stage, note="", actor=ACTOR, on=on, today=today)
    return review


def _recommendation(rng, review: Review, number: int, n_actions: int, today: date):
    made = review.aware_on + timedelta(days=rng.randrange(30, 200))
    rec = Recommendation.make(
        review=review, number=number,
        text=f"{rng.choice(WHO)} {rng.choice(WHAT)} {rng.choice(LEARNING)} ({review.code} R{number}).", agencies=[],
        priority=rng.random() < 0.1, actor=ACTOR, on=made, today=today,
        themes=_some(rng, sorted(set(review.themes) | {rng.choice(THEMES)})),  # a review has up to three (NHS England's tracker)
    )
    actions = []
    for _ in range(n_actions):
        agreed = min(made + timedelta(days=rng.randrange(0, 30)), today)
        action_number = rec.plan_action(actor=ACTOR, on=agreed)
        action = Action.agree(
            recommendation=rec, number=action_number, agency=rng.choice(AGENCIES),
            text=f"Action {action_number}", target_date=agreed + timedelta(days=rng.randrange(60, 400)),
            actor=ACTOR, on=agreed, today=today, lead="Head of Safeguarding",
        )
        _lifecycle(rng, action, agreed, today)
        actions.append(action)
    return rec, actions


def _some(rng, themes: list[str]) -> list[str]:
    return rng.sample(themes, min(len(themes), rng.choice([1, 2])))


def _lifecycle(rng, action: Action, on: date, today: date) -> None:
    """About 3.7 changes an action: progress reports, a reschedule now and then, completion and sign-off."""

    def step(days: int) -> date | None:
        nonlocal on
        on = on + timedelta(days=rng.randrange(1, days))
        return on if on <= today else None

    for _ in range(rng.choice([1, 2, 2, 3])):
        if (when := step(60)) is None:
            return
        action.report_progress(note="update to the sub-group", actor=ACTOR, on=when, today=today)
    if rng.random() < 0.45 and (when := step(30)):
        action.reschedule(target_date=action.target_date + timedelta(days=rng.randrange(30, 120)), reason="capacity", actor=ACTOR, on=when, today=today)
    if rng.random() < 0.03 and (when := step(30)):
        action.withdraw(reason="superseded by the national review", actor=ACTOR, on=when, today=today)
        return
    if rng.random() < 0.75 and (when := step(120)):
        action.complete(evidence="audit of 20 case files", actor=ACTOR, on=when, today=today)
        if rng.random() < 0.6 and (when := step(60)):
            action.sign_off(impact="referrals now include the child's voice", actor=ACTOR, on=when, today=today)
