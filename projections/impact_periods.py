"""Impact periods: each planned recommendation's impact position from every change on, so that `status` counts
impact as at any date with SQL grouped counts (projections.read.impact) instead of replaying records in Python.

The position is domain.impact's own rule (impact_as_at), applied when an ImpactPlanned or Retested event is
projected, to the plan and the re-test in force: the aggregate's fields after the event. Effective dates never
go back on a recommendation (Aggregate.check_effective), so the latest plan and the latest re-test are all the
rule reads. A position holds until the next change; only "re-test overdue" moves with the day asked, and the
row keeps what that needs: the awaited re-test date (the plan's re-test-by while no re-test has followed the
plan), overdue on a day after it.

Rows are only ever added (a later change, even on the same day, has a later seq), so the period in force at the
end of day d is a recommendation's latest row with valid_from <= d.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from domain.impact import ImpactPosition, ImpactRecord, impact_as_at
from projections import schema


def position_after(state: Any, on: date) -> ImpactPosition:
    """The position at the end of `on`, from the plan and re-test in force on the recommendation's row."""
    records = []
    if state.plan_on is not None:
        records.append(ImpactRecord(state.plan_on, "plan", retest_by=state.retest_by))
    if state.last_retest_on is not None:
        records.append(ImpactRecord(state.last_retest_on, "retest", finding=state.last_finding))
    return impact_as_at(records, on)


def period_row(recommendation: Any, seq: int, on: date, position: ImpactPosition) -> dict[str, Any]:
    """The period from `on` of a recommendation (its row, or anything with its id, board, review code, number, made
    date and agencies)."""
    return {
        "recommendation_id": recommendation.id, "seq": seq, "valid_from": on, "state": position.state,
        "retest_awaited_by": position.retest_by if position.awaiting_retest else None,
        "board": recommendation.board, "review_code": recommendation.review_code,
        "recommendation_number": recommendation.number, "made_on": recommendation.made_on,
        "agencies": agencies_key(recommendation.agencies),
    }


def agencies_key(agencies: list[str]) -> str:
    """The agencies a recommendation names as one text (sorted, each once): the same set groups together."""
    return json.dumps(sorted(set(agencies)), ensure_ascii=False)


def agencies_of(key: str) -> list[str]:
    return json.loads(key)


def impact_changed(batch, state: Any, event: Any) -> None:
    """After the recommendation's row took in an ImpactPlanned or Retested event: the period it starts."""
    position = position_after(state, event.on)
    batch.insert(schema.impact_periods, period_row(state, event.originator_version, event.on, position))
