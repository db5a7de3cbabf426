"""Recommendations: the board's status for each, when it left `open`, and the impact it closed with."""
from __future__ import annotations

from domain.statuses import REC_OPEN
from projections import schema
from projections.impact_periods import impact_changed
from projections.rows import AggregateView
from projections.themes import recommendation_made, recommendation_themes_set, recurrence_noted


class RecommendationView(AggregateView):
    kind = "recommendation"
    table = schema.recommendations

    def created(self, batch, state, event) -> None:
        state.status_on = None
        state.impact = None
        recommendation_made(batch, state, event)
        for agency in dict.fromkeys(state.agencies):  # counted under each agency it names (projections.read.impact)
            batch.insert(schema.recommendation_agencies, {"recommendation_id": state.id, "agency": agency, "board": state.board,
                                                          "review_code": state.review_code, "made_on": state.made_on})

    def changed(self, batch, state, event) -> None:
        if type(event).__name__ == "RecurrenceNoted":
            recurrence_noted(batch, state, event)
            return
        if type(event).__name__ == "ThemesSet":
            recommendation_themes_set(batch, state, event)
        if state.status != REC_OPEN and state.status_on is None:
            state.status_on = event.on
        if type(event).__name__ == "Closed":
            state.impact = event.impact
        record = IMPACT_RECORDS.get(type(event).__name__)
        if record is not None:
            batch.insert(schema.impact_records, {"recommendation_id": state.id, "version": event.originator_version, "effective": event.on, **record(event)})
            impact_changed(batch, state, event)  # its impact position from this day (projections.impact_periods)


# What each impact event adds to view_impact_records (domain.impact.impact_as_at reads them back).
IMPACT_RECORDS = {
    "ImpactPlanned": lambda e: {"kind": "plan", "retest_by": e.retest_by, "finding": None, "result": None},
    "Retested": lambda e: {"kind": "retest", "retest_by": None, "finding": e.evidenced, "result": e.result},
}
