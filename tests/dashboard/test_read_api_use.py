"""What the overview relies on from the read API: a limited list is the head of the full one (today and as at)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.dashboard import data


@pytest.fixture(scope="module")
def queries(make_dashboard_services):
    return make_dashboard_services().queries


@pytest.mark.parametrize("as_at", [None, data.YEAR_END, date(2024, 8, 1)])
def test_a_limited_list_is_the_head_of_the_full_list(queries, as_at):
    full = queries.actions(as_at=as_at)
    for limit in (1, 3, len(full)):
        assert [r["reference"] for r in queries.actions(as_at=as_at, limit=limit)] == [r["reference"] for r in full[:limit]]


def test_the_longest_overdue_come_first_when_limited(queries):
    overdue = queries.actions(as_at=data.YEAR_END, overdue=True)
    assert len(overdue) >= 2
    assert queries.actions(as_at=data.YEAR_END, overdue=True, limit=1)[0]["days_overdue"] == max(r["days_overdue"] for r in overdue)
