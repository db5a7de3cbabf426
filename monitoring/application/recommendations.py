"""Use cases of a recommendation: make it, and the board's decisions on it (priority, close, reject, supersede)."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.action import Action
from domain.errors import AlreadyExists
from domain.recommendation import Recommendation
from domain.statuses import SIGNED_OFF, WITHDRAWN


class RecommendationUseCases:
    """Mixed into `Monitoring`; each reads get, change, save."""

    def make_recommendation(
        self, review_ref: str, number: int, text: str, *, agencies: list[str] | None = None, priority: bool = False,
        actor: str, on: date | None = None, themes: list[str] | None = None,
        kind: str = "overview", scope: str = "local", addressee: str = "",
    ) -> Recommendation:
        review = self.review(review_ref)
        self.policy.check(actor, "manage", board=review.board)
        board = self.board(review.board)
        recommendation = Recommendation.make(
            review=review, number=number, text=text,
            agencies=[board.agency_named(a) for a in agencies or []], priority=priority, actor=actor,
            on=self._on(on), today=self.clock(), themes=themes, kind=kind, scope=scope, addressee=addressee,
        )
        if self._exists(recommendation.id):
            raise AlreadyExists("number", f"{recommendation.reference} already exists")
        self._save(recommendation)
        return recommendation

    def recommendation(self, ref: str) -> Recommendation:
        return self._get_ref(ref, Recommendation, "recommendation")

    def set_recommendation_priority(self, ref: str, priority: bool, *, actor: str, on: date | None = None) -> Recommendation:
        recommendation = self._recommendation_to_manage(ref, actor)
        recommendation.set_priority(priority=priority, actor=actor, on=self._on(on), today=self.clock())
        self._save(recommendation)
        return recommendation

    def close_recommendation(self, ref: str, impact: str, *, actor: str, on: date | None = None) -> Recommendation:
        recommendation = self._recommendation_to_manage(ref, actor)
        implemented = self.is_implemented(ref)
        recommendation.close(impact=impact, implemented=implemented, actor=actor, on=self._on(on), today=self.clock())
        self._save(recommendation)
        return recommendation

    def reject_recommendation(self, ref: str, reason: str, *, actor: str, on: date | None = None) -> Recommendation:
        recommendation = self._recommendation_to_manage(ref, actor)
        recommendation.reject(reason=reason, actor=actor, on=self._on(on), today=self.clock())
        self._save(recommendation)
        return recommendation

    def supersede_recommendation(self, ref: str, reason: str, *, actor: str, on: date | None = None) -> Recommendation:
        recommendation = self._recommendation_to_manage(ref, actor)
        recommendation.supersede(reason=reason, actor=actor, on=self._on(on), today=self.clock())
        self._save(recommendation)
        return recommendation

    def is_implemented(self, ref: str) -> bool:
        """Implemented: every action not withdrawn is signed off (and there is at least one)."""
        recommendation = self.recommendation(ref)
        statuses = [self.action(str(aid)).status for aid in self.action_ids(recommendation)]
        live = [s for s in statuses if s != WITHDRAWN]
        return bool(live) and all(s == SIGNED_OFF for s in live)

    def action_ids(self, recommendation: Recommendation) -> list[UUID]:
        return [
            Action.create_id(recommendation.review_code, recommendation.number, n)
            for n in range(1, recommendation.action_count + 1)
        ]

    def _recommendation_to_manage(self, ref: str, actor: str) -> Recommendation:
        recommendation = self.recommendation(ref)
        self.policy.check(actor, "manage", board=recommendation.board)
        return recommendation
