"""Recommendations: the board's status for each, when it left `open`, and the impact it closed with."""
from __future__ import annotations

from domain.statuses import REC_OPEN
from projections import schema
from projections.rows import AggregateView


class RecommendationView(AggregateView):
    kind = "recommendation"
    table = schema.recommendations

    def created(self, batch, state, event) -> None:
        state.status_on = None
        state.impact = None

    def changed(self, batch, state, event) -> None:
        if state.status != REC_OPEN and state.status_on is None:
            state.status_on = event.on
        if type(event).__name__ == "Closed":
            state.impact = event.impact
