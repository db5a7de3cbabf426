"""Actions: one row each (current state), and the periods of status and target date by effective date."""
from __future__ import annotations

from operator import attrgetter

from projections import schema
from projections.rows import AggregateView, State

IN_FORCE = ("status", "target_date", "reschedules", "assurance")  # what a period records (assurance: domain.impact)
DENORMALISED = ("board", "agency", "review_code", "recommendation_number")


def _progress(state: State, event) -> None:
    state.last_progress_on = event.on


def _completed(state: State, event) -> None:
    state.last_progress_on = event.on
    state.evidence = event.evidence
    state.first_completed_on = state.first_completed_on or event.on


def _signed_off(state: State, event) -> None:
    state.impact = event.impact or state.impact
    state.assurance_comment = getattr(event, "comment", "") or None  # older sign-offs carry none


def _reopened(state: State, event) -> None:
    state.assurance_comment = None  # the sign-off it belonged to no longer stands


# What the read model remembers beyond the aggregate's own state, by event name.
EXTRAS = {"ProgressReported": _progress, "Completed": _completed, "SignedOff": _signed_off, "Reopened": _reopened}


in_force = attrgetter(*IN_FORCE)  # (status, target_date, reschedules, assurance) of a state


class ActionView(AggregateView):
    kind = "action"
    table = schema.actions

    def created(self, batch, state, event) -> None:
        state.first_completed_on = state.last_progress_on = state.evidence = state.impact = state.assurance_comment = None
        state.period_seq, state.period_from = 1, event.on
        state._period = batch.insert(schema.action_periods, self._period_row(state, event.on))
        state._in_force = in_force(state)

    def loaded(self, state) -> None:
        state._period = None  # the open period is in the table, not in this batch
        state._in_force = in_force(state)

    def changed(self, batch, state, event) -> None:
        extra = EXTRAS.get(type(event).__name__)
        if extra is not None:
            extra(state, event)
        self._track_period(batch, state, event.on)

    def _track_period(self, batch, state, on) -> None:
        now = in_force(state)
        if now == state._in_force:
            return
        period = state._period if state._period is not None else batch.period_update(state.id, state.period_seq, state._in_force)
        if on <= state.period_from:  # a second change on the same day replaces the first
            period.update(zip(IN_FORCE, now))
        else:
            period["valid_to"] = on
            state.period_seq, state.period_from = state.period_seq + 1, on
            state._period = batch.insert(schema.action_periods, self._period_row(state, on))
        state._in_force = now

    @staticmethod
    def _period_row(state, on) -> dict:
        row = {"action_id": state.id, "seq": state.period_seq, "valid_from": on, "valid_to": None}
        for name in IN_FORCE + DENORMALISED:
            row[name] = getattr(state, name)
        return row
