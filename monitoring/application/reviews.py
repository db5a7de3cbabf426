"""Use cases of a review: commission it and record its stages (the statutory clocks follow from them)."""
from __future__ import annotations

from datetime import date

from domain.errors import AlreadyExists
from domain.review import Review


class ReviewUseCases:
    """Mixed into `Monitoring`; each reads get, change, save."""

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
        review = self._review_to_manage(ref, actor)
        review.move_to_stage(stage=stage, note=note, actor=actor, on=self._on(on), today=self.clock())
        self._save(review)
        return review

    def record_panel_notification(self, ref: str, *, actor: str, on: date | None = None) -> Review:
        review = self._review_to_manage(ref, actor)
        review.record_panel_notification(actor=actor, on=self._on(on), today=self.clock())
        self._save(review)
        return review

    def _review_to_manage(self, ref: str, actor: str) -> Review:
        review = self.review(ref)
        self.policy.check(actor, "manage", board=review.board)
        return review
