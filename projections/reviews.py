"""Reviews: current stage and clocks, plus the stage after every change so any past date can be answered."""
from __future__ import annotations

from projections import schema
from projections.rows import AggregateView
from projections.themes import review_themes_set


class ReviewView(AggregateView):
    kind = "review"
    table = schema.reviews

    def created(self, batch, state, event) -> None:
        state.commissioned_on = event.on
        self._log(batch, state, event)
        review_themes_set(batch, state, event)

    def changed(self, batch, state, event) -> None:
        self._log(batch, state, event)
        if type(event).__name__ == "ThemesSet":
            review_themes_set(batch, state, event)

    @staticmethod
    def _log(batch, state, event) -> None:
        batch.insert(
            schema.review_changes,
            {
                "review_id": state.id,
                "version": event.originator_version,
                "effective": event.on,
                "stage": state.stage,
                "panel_notified_on": state.panel_notified_on,
                "stage_dates": dict(state.stage_dates),
            },
        )
