"""Use cases of assurance and impact: a recommendation's kind and scope, its impact plan and re-tests, and
the board's words for assurance levels. Mixed into the `Monitoring` application (one write path).

Why apart from use_cases.py: these are the board's judgement on what changed, not the action plan's
progress; a reader looking for "who may grade impact" finds it here.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from domain.board import Board
from domain.recommendation import Recommendation


class ImpactUseCases:
    """Needs the host application's `recommendation`, `board`, `policy`, `clock`, `_on` and `_save`."""

    # --- kind and scope (set by the board's business manager) --------------------------------

    def reclassify_recommendation(
        self, ref: str, *, kind: str | None = None, scope: str | None = None, addressee: str | None = None,
        reason: str, actor: str, on: date | None = None,
    ) -> Recommendation:
        return self._change_impact(ref, actor, "manage", on, lambda r, on, today: r.reclassify(
            kind=kind, scope=scope, addressee=addressee, reason=reason, actor=actor, on=on, today=today))

    def record_national_response(
        self, ref: str, *, asked_on: date | None = None, received_on: date | None = None, actor: str, on: date | None = None,
    ) -> Recommendation:
        return self._change_impact(ref, actor, "manage", on, lambda r, on, today: r.record_response(
            asked_on=asked_on, received_on=received_on, actor=actor, on=on, today=today))

    # --- impact plan and re-tests (the sub-group's chair, or an admin) -----------------------

    def plan_impact(
        self, ref: str, *, expected: str, measure: str, baseline: str = "", baseline_on: date | None = None,
        target: str = "", retest_by: date | None = None, reason: str = "", actor: str, on: date | None = None,
    ) -> Recommendation:
        return self._change_impact(ref, actor, "assure", on, lambda r, on, today: r.plan_impact(
            expected=expected, measure=measure, baseline=baseline, baseline_on=baseline_on, target=target,
            retest_by=retest_by, reason=reason, actor=actor, on=on, today=today))

    def retest_recommendation(self, ref: str, *, result: str, evidenced: str, actor: str, on: date | None = None) -> Recommendation:
        return self._change_impact(ref, actor, "assure", on, lambda r, on, today: r.retest(
            result=result, evidenced=evidenced, actor=actor, on=on, today=today))

    # --- the board's own words for assurance levels ------------------------------------------

    def rename_assurance_level(self, board: str, level: str, word: str, *, actor: str, on: date | None = None) -> Board:
        the_board = self.board(board)
        self.policy.check(actor, "manage", board=the_board.name)
        the_board.rename_assurance_level(level=level, word=word, actor=actor, on=self._on(on), today=self.clock())
        self._save(the_board)
        return the_board

    def _change_impact(self, ref: str, actor: str, permission: str, on: date | None,
                       change: Callable[[Recommendation, date, date], None]) -> Recommendation:
        recommendation = self.recommendation(ref)
        self.policy.check(actor, permission, board=recommendation.board)
        change(recommendation, self._on(on), self.clock())
        self._save(recommendation)
        return recommendation
