"""Use cases: load an aggregate, ask it to change, save it. Every write goes through here."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding

from domain.action import Action
from domain.board import Board
from domain.errors import AlreadyExists, Conflict, DomainError, NotFound
from domain.notices import only_notices
from domain.recommendation import Recommendation
from domain.review import Review
from monitoring.security.permissions import OpenPolicy, Policy
from monitoring.application.references import parse_reference
from monitoring.application.evidence import EvidenceUseCases

T = TypeVar("T")


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class Monitoring(EvidenceUseCases, Application):
    """The action-plan monitor: boards, reviews, recommendations and actions as event-sourced aggregates."""

    name = "scr_monitor"

    def __init__(self, env=None, *, clock: Callable[[], date] = date.today, policy: Policy | None = None):
        super().__init__(env)
        self.clock = clock
        self.policy = policy or OpenPolicy()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # --- boards -----------------------------------------------------------------------------

    def register_board(self, name: str, agencies: list[str], *, actor: str, on: date | None = None) -> Board:
        self.policy.check(actor, "manage", board=name)
        if self._exists(Board.create_id(name)):
            raise AlreadyExists("board", f"{name!r} is already registered")
        board = Board.register(name=name, agencies=agencies, actor=actor, on=self._on(on), today=self.clock())
        self._save(board)
        return board

    def board(self, name: str) -> Board:
        return self._get(Board.create_id(name or ""), "board", f"unknown board {name!r}")

    def add_agency(self, board: str, agency: str, *, actor: str, on: date | None = None) -> Board:
        return self._change_board(board, actor, lambda b: b.add_agency(agency=agency, actor=actor, on=self._on(on), today=self.clock()))

    def set_chair_contact(self, board: str, email: str, *, actor: str, on: date | None = None) -> Board:
        return self._change_board(board, actor, lambda b: b.set_chair_contact(email=email, actor=actor, on=self._on(on), today=self.clock()))

    def set_agency_contact(self, board: str, agency: str, email: str, *, actor: str, on: date | None = None) -> Board:
        return self._change_board(
            board, actor, lambda b: b.set_agency_contact(agency=agency, email=email, actor=actor, on=self._on(on), today=self.clock())
        )

    def rename_rag_band(self, board: str, band: str, word: str, *, actor: str, on: date | None = None) -> Board:
        return self._change_board(
            board, actor, lambda b: b.rename_rag_band(band=band, word=word, actor=actor, on=self._on(on), today=self.clock())
        )

    def _change_board(self, name: str, actor: str, change: Callable[[Board], None]) -> Board:
        board = self.board(name)
        self.policy.check(actor, "manage", board=board.name)
        change(board)
        self._save(board)
        return board

    # --- reviews ----------------------------------------------------------------------------

    def commission_review(
        self, board: str, code: str, title: str, review_type: str, *, actor: str, on: date | None = None,
        aware_on: date | None = None, panel_notified_on: date | None = None, themes: list[str] | None = None,
    ) -> Review:
        the_board = self.board(board)
        self.policy.check(actor, "manage", board=the_board.name)
        review = Review.commission(
            board=the_board.name, code=code, title=title, review_type=review_type, actor=actor,
            on=self._on(on), today=self.clock(), aware_on=aware_on, panel_notified_on=panel_notified_on, themes=themes,
        )
        if self._exists(review.id):
            raise AlreadyExists("code", f"a review with code {review.code!r} already exists")
        self._save(review)
        return review

    def review(self, ref: str) -> Review:
        return self._get_ref(ref, Review, "review")

    def move_review_to_stage(self, ref: str, stage: str, *, note: str = "", actor: str, on: date | None = None) -> Review:
        review = self.review(ref)
        self.policy.check(actor, "manage", board=review.board)
        review.move_to_stage(stage=stage, note=note, actor=actor, on=self._on(on), today=self.clock())
        self._save(review)
        return review

    def record_panel_notification(self, ref: str, *, actor: str, on: date | None = None) -> Review:
        review = self.review(ref)
        self.policy.check(actor, "manage", board=review.board)
        review.record_panel_notification(actor=actor, on=self._on(on), today=self.clock())
        self._save(review)
        return review

    # --- recommendations --------------------------------------------------------------------

    def make_recommendation(
        self, review_ref: str, number: int, text: str, *, agencies: list[str] | None = None, priority: bool = False,
        actor: str, on: date | None = None, themes: list[str] | None = None,
    ) -> Recommendation:
        review = self.review(review_ref)
        self.policy.check(actor, "manage", board=review.board)
        board = self.board(review.board)
        recommendation = Recommendation.make(
            board=review.board, review_id=review.id, review_code=review.code, number=number, text=text,
            agencies=[board.agency_named(a) for a in agencies or []], priority=priority, actor=actor,
            on=self._on(on), today=self.clock(), themes=themes,
        )
        if self._exists(recommendation.id):
            raise AlreadyExists("number", f"{recommendation.reference} already exists")
        self._save(recommendation)
        return recommendation

    def recommendation(self, ref: str) -> Recommendation:
        return self._get_ref(ref, Recommendation, "recommendation")

    def set_recommendation_priority(self, ref: str, priority: bool, *, actor: str, on: date | None = None) -> Recommendation:
        return self._change_recommendation(ref, actor, lambda r, on, today: r.set_priority(priority=priority, actor=actor, on=on, today=today), on)

    def close_recommendation(self, ref: str, impact: str, *, actor: str, on: date | None = None) -> Recommendation:
        implemented = self.is_implemented(ref)
        return self._change_recommendation(
            ref, actor, lambda r, on, today: r.close(impact=impact, implemented=implemented, actor=actor, on=on, today=today), on
        )

    def reject_recommendation(self, ref: str, reason: str, *, actor: str, on: date | None = None) -> Recommendation:
        return self._change_recommendation(ref, actor, lambda r, on, today: r.reject(reason=reason, actor=actor, on=on, today=today), on)

    def supersede_recommendation(self, ref: str, reason: str, *, actor: str, on: date | None = None) -> Recommendation:
        return self._change_recommendation(ref, actor, lambda r, on, today: r.supersede(reason=reason, actor=actor, on=on, today=today), on)

    def is_implemented(self, ref: str) -> bool:
        """Implemented: every action not withdrawn is signed off (and there is at least one)."""
        recommendation = self.recommendation(ref)
        statuses = [self.action(str(aid)).status for aid in self.action_ids(recommendation)]
        live = [s for s in statuses if s != "withdrawn"]
        return bool(live) and all(s == "signed_off" for s in live)

    def action_ids(self, recommendation: Recommendation) -> list[UUID]:
        return [
            Action.create_id(recommendation.review_code, recommendation.number, n)
            for n in range(1, recommendation.action_count + 1)
        ]

    def _change_recommendation(self, ref: str, actor: str, change, on: date | None) -> Recommendation:
        recommendation = self.recommendation(ref)
        self.policy.check(actor, "manage", board=recommendation.board)
        change(recommendation, self._on(on), self.clock())
        self._save(recommendation)
        return recommendation

    # --- actions ----------------------------------------------------------------------------

    def add_action(
        self, recommendation_ref: str, agency: str, text: str, target_date: date, *, actor: str, on: date | None = None,
        lead: str = "", measure: str = "", contact: str = "",
    ) -> Action:
        recommendation = self.recommendation(recommendation_ref)
        self.policy.check(actor, "manage", board=recommendation.board)
        agency = self.board(recommendation.board).agency_named(agency)
        on = self._on(on)
        number = recommendation.plan_action(actor=actor, on=on)
        action = Action.agree(
            board=recommendation.board, review_id=recommendation.review_id, review_code=recommendation.review_code,
            recommendation_id=recommendation.id, recommendation_number=recommendation.number, number=number,
            agency=agency, text=text, target_date=target_date, actor=actor, on=on, today=self.clock(),
            lead=lead, measure=measure, contact=contact,
        )
        self._save(recommendation, action)  # one transaction: the number and the action, or neither
        return action

    def action(self, ref: str) -> Action:
        return self._get_ref(ref, Action, "action")

    def report_progress(self, ref: str, note: str, *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        return self._change_action(ref, actor, "update", expected_version, lambda a, on, today: a.report_progress(note=note, actor=actor, on=on, today=today), on)

    def complete_action(self, ref: str, evidence: str, *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        return self._change_action(ref, actor, "update", expected_version, lambda a, on, today: a.complete(evidence=evidence, actor=actor, on=on, today=today), on)

    def reschedule_action(self, ref: str, target_date: date, reason: str, *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        return self._change_action(
            ref, actor, "update", expected_version,
            lambda a, on, today: a.reschedule(target_date=target_date, reason=reason, actor=actor, on=on, today=today), on,
        )

    def sign_off_action(self, ref: str, impact: str = "", *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        return self._change_action(ref, actor, "assure", expected_version, lambda a, on, today: a.sign_off(impact=impact, actor=actor, on=on, today=today), on)

    def refuse_sign_off(self, ref: str, reason: str, *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        return self._change_action(ref, actor, "assure", expected_version, lambda a, on, today: a.refuse_sign_off(reason=reason, actor=actor, on=on, today=today), on)

    def withdraw_action(self, ref: str, reason: str, *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        return self._change_action(ref, actor, "assure", expected_version, lambda a, on, today: a.withdraw(reason=reason, actor=actor, on=on, today=today), on)

    def reopen_action(self, ref: str, reason: str, *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        return self._change_action(ref, actor, "assure", expected_version, lambda a, on, today: a.reopen(reason=reason, actor=actor, on=on, today=today), on)

    def set_action_contact(self, ref: str, email: str, *, actor: str, on: date | None = None) -> Action:
        return self._change_action(ref, actor, "manage", None, lambda a, on, today: a.set_contact(email=email, actor=actor, on=on, today=today), on)

    def _change_action(self, ref: str, actor: str, permission: str, expected_version: int | None, change, on: date | None) -> Action:
        action = self.action(ref)
        self.policy.check(actor, permission, board=action.board, agency=action.agency)
        if expected_version is not None and action.version != expected_version and not self._only_notices_since(action, expected_version):
            raise Conflict()
        change(action, self._on(on), self.clock())
        self._save(action)
        return action

    def _only_notices_since(self, action: Action, version: int) -> bool:
        """A reminder sent while the page was open is not someone else's change (scheduler, domain.notices)."""
        return version < action.version and only_notices(self.repository.event_store.get(action.id, gt=version))

    # --- any aggregate ----------------------------------------------------------------------

    def events_of(self, ref: str) -> list[Any]:
        """Every stored event of a review, recommendation or action, oldest first."""
        reference = parse_reference(ref)
        events = list(self.repository.event_store.get(reference.id))
        if not events:
            raise NotFound("reference", f"no review, recommendation or action {ref!r}")
        return events

    # --- plumbing ---------------------------------------------------------------------------

    def _on(self, on: date | None) -> date:
        return on or self.clock()

    def _exists(self, aggregate_id: UUID) -> bool:
        return self.repository.__contains__(aggregate_id)

    def _get(self, aggregate_id: UUID, field: str, message: str):
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise NotFound(field, message) from None

    def _get_ref(self, ref: str, cls: type[T], kind: str) -> T:
        reference = parse_reference(ref, kind)
        aggregate = self._get(reference.id, kind, f"no {kind} {ref!r}")
        if not isinstance(aggregate, cls):
            raise NotFound(kind, f"{ref!r} is not a {kind}")
        return aggregate

    def _save(self, *aggregates) -> None:
        try:
            self.save(*aggregates)
        except IntegrityError:
            raise Conflict() from None


__all__ = ["Monitoring", "DomainError"]
