"""Check rows against each other: a review keeps one board and type, a recommendation one text and priority."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from domain.names import same_name
from monitoring.trackers.importing.problems import Problem
from monitoring.trackers.importing.rows import TrackerRow


@dataclass
class RecommendationPlan:
    number: int
    first_row: int
    text: str = ""
    text_row: int = 0
    priority: bool | None = None
    priority_row: int = 0
    themes: list[str] = field(default_factory=list)
    rows: list[TrackerRow] = field(default_factory=list)

    @property
    def made_on(self) -> date | None:
        return min((r.agreed_date for r in self.rows if r.ok), default=None)


@dataclass
class ReviewPlan:
    board: str
    code: str
    title: str
    first_row: int
    review_type: str | None = None
    type_row: int = 0
    themes: list[str] = field(default_factory=list)
    recommendations: dict[int, RecommendationPlan] = field(default_factory=dict)

    @property
    def commissioned_on(self) -> date | None:
        return min((r.made_on for r in self.recommendations.values() if r.made_on), default=None)


def text_key(text: str) -> str:
    """Curly and straight quotes, dashes and repeated spaces are the same text."""
    return _short_key(text) if text is None or len(text) <= 200 else same_name(text)


@lru_cache(maxsize=4096)  # boards, agencies and stock notes recur on every row; long texts are not kept
def _short_key(text: str | None) -> str:
    return same_name(text)


def action_key(agency: str, text: str) -> tuple[str, str]:
    """An action is the same action when its agency and text match (its review and recommendation too)."""
    return text_key(agency), text_key(text)


def group(rows: list[TrackerRow], problems: list[Problem]) -> list[ReviewPlan]:
    reviews: dict[str, ReviewPlan] = {}
    seen_actions: dict[tuple, int] = {}
    for row in rows:
        if not row.groups:
            continue
        review = reviews.get(row.review_code)
        if review is None:
            review = reviews[row.review_code] = ReviewPlan(row.board, row.review_code, row.review, row.row)
        elif text_key(review.board) != text_key(row.board):
            _fail(row, problems, "board", f"review {row.review_code} is under board {review.board!r} on row {review.first_row}")
            continue
        _one_value(review, "review_type", "type_row", row, row.review_type, "review_type", problems)
        _merge(review.themes, row.themes)
        rec = review.recommendations.get(row.recommendation_no)
        if rec is None:
            rec = review.recommendations[row.recommendation_no] = RecommendationPlan(row.recommendation_no, row.row)
        _one_value(rec, "text", "text_row", row, row.recommendation or None, "recommendation", problems, compare=text_key)
        _one_value(rec, "priority", "priority_row", row, row.priority, "priority", problems)
        _merge(rec.themes, row.themes)
        rec.rows.append(row)
        if row.action_no:  # the reference tells two actions of the same agency and text apart
            key = (row.review_code, row.recommendation_no, row.action_no)
            if key in seen_actions:
                _fail(row, problems, "reference", f"{row.reference} is also on row {seen_actions[key]}")
            seen_actions.setdefault(key, row.row)
        elif row.agency and row.action:
            key = (row.review_code, row.recommendation_no, *action_key(row.agency, row.action))
            if key in seen_actions:
                _fail(row, problems, "action", f"same review, recommendation, agency and action as row {seen_actions[key]}"
                      " (give each a reference, CODE/Rn/An, to keep both)")
            seen_actions.setdefault(key, row.row)
    return list(reviews.values())


def _one_value(plan, attr, row_attr, row, value, column, problems, compare=lambda v: v) -> None:
    """The first value given wins; a different value on a later row is a problem (blank rows inherit)."""
    if value is None:
        return
    current = getattr(plan, attr)
    if current in (None, ""):
        setattr(plan, attr, value)
        setattr(plan, row_attr, row.row)
    elif compare(current) != compare(value):
        _fail(row, problems, column, f"{value!r} differs from {current!r} on row {getattr(plan, row_attr)}")


def _merge(themes: list[str], more: list[str]) -> None:
    for theme in more:
        if theme.lower() not in (t.lower() for t in themes):
            themes.append(theme)


def _fail(row: TrackerRow, problems: list[Problem], column: str, reason: str) -> None:
    row.ok = False
    problems.append(Problem(row.row, column, reason))
