"""Apply checked rows to the aggregates in memory: boards, reviews and recommendations, new or already stored."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventsourcing.application import AggregateNotFoundError

from domain.board import Board
from domain.errors import DomainError
from domain.recommendation import Recommendation
from domain.review import Review
from monitoring.trackers.importing.actions import ActionPlanner
from monitoring.trackers.importing.agencies import AgencyNames
from monitoring.trackers.importing.grouping import RecommendationPlan, ReviewPlan, text_key
from monitoring.trackers.importing.impact import apply_to_recommendation, classification
from monitoring.trackers.importing.outcome import Outcome
from monitoring.trackers.importing.problems import Problem

# A domain error names its field as the use case calls it; the person needs the column of their file.
COLUMN_FOR_FIELD = {"target": "target_date", "note": "notes", "reason": "notes", "impact": "notes",
                    "evidence": "evidence", "text": "action", "agency": "agency",
                    "type": "review_type", "code": "review_code", "title": "review", "number": "recommendation_no",
                    "recommendation": "recommendation_no"}


@dataclass(frozen=True)
class Options:
    actor: str
    on: date  # the effective date of anything the file does not date
    today: date
    new_agencies: frozenset[str] = frozenset()  # names the user confirmed are new agencies, not near misses


class Planner:
    """Loads what exists (by deterministic id), creates what does not, and records every change to save."""

    def __init__(self, app, options: Options, outcome: Outcome, problems: list[Problem], progress=None):
        self.app, self.options, self.outcome, self.problems = app, options, outcome, problems
        self.progress = progress
        self.changed: dict = {}  # aggregate id -> aggregate with pending events, in the order they were touched
        self.actions = ActionPlanner(self)

    def apply(self, reviews: list[ReviewPlan]) -> list:
        boards = self._boards(reviews)
        for plan in reviews:
            board = boards[text_key(plan.board)]
            review = self._review(plan, board)
            for rec_plan in plan.recommendations.values():
                recommendation = self._recommendation(rec_plan, review, plan, board)
                self.actions.apply(rec_plan, recommendation, board)
                apply_to_recommendation(self, rec_plan, recommendation)  # plan and re-test after the actions' dates
        return [a for a in self.changed.values() if a.pending_events]

    # --- helpers the action planner shares ---------------------------------------------------------

    def attempt(self, row: int, column: str, change) -> bool:
        """Run a domain command; a refusal becomes `row N, column: reason` and the import goes on checking."""
        try:
            change()
            return True
        except DomainError as error:
            self.problems.append(Problem(row, COLUMN_FOR_FIELD.get(error.field, column), error.reason))
            return False

    def touch(self, aggregate) -> None:
        self.changed.setdefault(aggregate.id, aggregate)

    def load(self, aggregate_id, projector_func=None):
        """The aggregate, or None; with `projector_func`, made from every one of its events (the caller keeps them,
        so never from the application's kept copy, which is brought up to date from its last version only)."""
        if projector_func is not None:
            events = list(self.app.repository.event_store.get(aggregate_id))
            return projector_func(None, events) if events else None
        try:
            return self.app.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    def later(self, aggregate) -> date:
        """The effective date of an undated change: --on, but never before the record's last change."""
        return max(self.options.on, aggregate.last_effective)

    # --- boards, reviews, recommendations ---------------------------------------------------------

    def _boards(self, reviews: list[ReviewPlan]) -> dict[str, Board]:
        rows_by_board: dict[str, list] = {}
        names: dict[str, str] = {}
        for plan in reviews:
            names.setdefault(text_key(plan.board), plan.board)
            rows_by_board.setdefault(text_key(plan.board), []).extend(
                r for rec in plan.recommendations.values() for r in rec.rows if r.ok)
        boards = {}
        for key, rows in rows_by_board.items():
            self.app.policy.check(self.options.actor, "manage", board=names[key])
            board = self._stored_board(names[key])
            agencies = AgencyNames(board.name if board else names[key], board.agencies if board else [], self.options.new_agencies)
            for row in rows:
                resolved = agencies.resolve(row.agency, row.row, self.problems, self.outcome.warnings)
                row.ok, row.agency = resolved is not None, resolved or row.agency
            rows = [r for r in rows if r.ok]
            boards[key] = board or self._register(names[key], agencies.new, rows)
            if board is not None:
                self._agencies(board, agencies.new, rows)
        return boards

    def _stored_board(self, name: str) -> Board | None:
        """The board as the file names it, or as it was registered with a curly apostrophe (Word's and Excel's)."""
        for spelling in dict.fromkeys((name, name.replace("'", "\u2019"))):
            board = self.load(Board.create_id(spelling))
            if board is not None:
                return board
        return None

    def _register(self, name: str, agencies: list[str], rows) -> Board:
        on = min((r.agreed_date for r in rows), default=self.options.on)
        board = Board.register(name=name, agencies=agencies, actor=self.options.actor, on=on, today=self.options.today)
        self.touch(board)
        self.outcome.boards_registered[board.name] = board.agencies
        return board

    def _agencies(self, board: Board, new: list[str], rows) -> None:
        for agency in new:
            dates = [r.agreed_date for r in rows if r.agency == agency]
            if not dates:
                continue
            board.add_agency(agency=agency, actor=self.options.actor, on=min(dates), today=self.options.today)
            self.touch(board)
            self.outcome.agencies_added.setdefault(board.name, []).append(agency)

    def _review(self, plan: ReviewPlan, board: Board) -> Review | None:
        review = self.load(Review.create_id(plan.code))
        if review is None:
            on = plan.commissioned_on or self.options.on
            made = []
            if self.attempt(plan.first_row, "review", lambda: made.append(Review.commission(
                board=board.name, code=plan.code, title=plan.title, review_type=plan.review_type or "scr",
                actor=self.options.actor, on=on, today=self.options.today, themes=plan.themes,
            ))):
                self.touch(made[0])
                self.outcome.reviews_created.append(plan.code)
            return made[0] if made else None
        if text_key(review.board) != text_key(board.name):
            self.problems.append(Problem(plan.first_row, "board", f"review {plan.code} already exists under board {review.board!r}"))
        new_themes = [t for t in plan.themes if t.lower() not in (x.lower() for x in review.themes)]
        if new_themes:
            themes = review.themes + new_themes
            review.set_themes(themes=themes, actor=self.options.actor, on=self.later(review), today=self.options.today)
            self.touch(review)
            self.outcome.other_changes.append(f"themes of {plan.code} to {'; '.join(themes)}")
        return review

    def _recommendation(self, plan: RecommendationPlan, review: Review | None, review_plan: ReviewPlan, board: Board):
        if review is None:
            return None
        recommendation = self.load(Recommendation.create_id(review.code, plan.number))
        if recommendation is None:
            return self._make(plan, review, board)
        if plan.text and text_key(plan.text) != text_key(recommendation.text):
            self.outcome.warnings.append(Problem(plan.text_row, "recommendation", f"differs from the stored text of {recommendation.reference}; the stored text is kept"))
        if plan.priority is not None and plan.priority != recommendation.priority:
            recommendation.set_priority(priority=plan.priority, actor=self.options.actor, on=self.later(recommendation), today=self.options.today)
            self.touch(recommendation)
            self.outcome.other_changes.append(f"priority of {recommendation.reference} to {'yes' if plan.priority else 'no'}")
        return recommendation

    def _make(self, plan: RecommendationPlan, review: Review, board: Board):
        if not plan.text:
            self.problems.append(Problem(plan.first_row, "recommendation", f"recommendation {plan.number} of {review.code} has no text on any row (give it on its first row)"))
        agencies = []
        for row in plan.rows:
            if row.ok and row.agency.lower() not in (a.lower() for a in agencies):
                agencies.append(board.agency_named(row.agency))
        made = []
        self.attempt(plan.first_row, "recommendation", lambda: made.append(Recommendation.make(
            review=review, number=plan.number,
            text=plan.text or "(missing)", agencies=agencies, priority=bool(plan.priority), actor=self.options.actor,
            on=plan.made_on or self.options.on, today=self.options.today, themes=plan.themes,
            **classification([r for r in plan.rows if r.ok]),
        )))
        if made:
            self.touch(made[0])
            self.outcome.recommendations_created.append(made[0].reference)
        return made[0] if made else None
