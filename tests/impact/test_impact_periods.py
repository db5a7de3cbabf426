"""Impact counted from the as-at periods (projections.impact_periods) at the edges a period table could get wrong:
a re-test on the plan's own day, a plan edited later, a day before the plan, a recommendation rejected later, and
a recommendation counted under each agency it names. On the in-memory store and on PostgreSQL; every figure is also
checked against the listing, which applies domain.impact's rule to the records in Python."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from domain.impact import IMPACT_COLUMNS
from tests import pg
from tests.impact.conftest import build
from tests.impact.test_impact_use_cases import R1, R2, plan

D = date


@pytest.fixture(params=["memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def services(request, make_services):
    if request.param == "memory":
        made = make_services("memory:")
    else:
        url, drop = pg.fresh_database()
        request.addfinalizer(drop)
        made = make_services(url)
    build(made.app)
    return made


def impact(services, day: date, by: str = "board", **scope) -> dict[str, int]:
    """The impact totals as at `day`, after checking they equal the listing's (domain.impact's rule in Python)."""
    services.catch_up()
    totals = services.queries.impact_by(by, as_at=day, **scope)["totals"]
    listed = services.queries.recommendations_impact(as_at=day)
    if not scope:
        replayed = Counter(f"impact_{row['impact']}" for row in listed)
        replayed.update(recommendations=len(listed), retests_overdue=sum(row["retest_overdue"] for row in listed))
        assert {k: totals[k] for k in IMPACT_COLUMNS} == {k: replayed[k] for k in IMPACT_COLUMNS}, day
    return {k.removeprefix("impact_"): totals[k] for k in IMPACT_COLUMNS}


def retest(services, ref, on, evidenced="yes"):
    services.app.retest_recommendation(ref, result="Re-audit of twenty files", evidenced=evidenced, actor="chair", on=on)


def test_a_retest_on_the_plans_own_day_is_the_retest_it_asked_for(services):
    plan(services.app, R1, on=D(2024, 3, 1), retest_by=D(2024, 6, 1))
    retest(services, R1, D(2024, 3, 1))
    assert impact(services, D(2024, 3, 1))["evidenced"] == 1
    after_the_date = impact(services, D(2024, 6, 2))
    assert (after_the_date["evidenced"], after_the_date["retests_overdue"]) == (1, 0)


def test_as_at_a_day_before_the_plan_it_is_not_yet_tested_and_before_it_was_made_not_counted(services):
    plan(services.app, R1, on=D(2024, 3, 1), retest_by=D(2024, 3, 10))
    retest(services, R1, D(2024, 3, 20), evidenced="no")
    before_the_plan = impact(services, D(2024, 2, 29))
    assert (before_the_plan["recommendations"], before_the_plan["not_tested"], before_the_plan["retests_overdue"]) == (2, 2, 0)
    assert impact(services, D(2024, 1, 1))["recommendations"] == 0  # made on 2 January
    assert impact(services, D(2024, 3, 10))["retests_overdue"] == 0  # due that day: overdue from the next
    between = impact(services, D(2024, 3, 11))
    assert (between["not_tested"], between["retests_overdue"]) == (2, 1)
    assert impact(services, D(2024, 3, 20))["not_evidenced"] == 1


def test_a_plan_edited_later_awaits_a_new_retest_and_the_days_before_keep_the_old_plan(services):
    app = services.app
    plan(app, R1, on=D(2024, 3, 1), retest_by=D(2024, 4, 1))
    retest(services, R1, D(2024, 5, 1), evidenced="partly")
    plan(app, R1, on=D(2024, 7, 1), retest_by=D(2024, 9, 1), reason="Measured again after the new referral form")
    assert impact(services, D(2024, 4, 15))["retests_overdue"] == 1  # the first plan, not yet re-tested
    assert impact(services, D(2024, 6, 30))["retests_overdue"] == 0
    on_the_date, after = impact(services, D(2024, 9, 1)), impact(services, D(2024, 9, 2))
    assert (on_the_date["partly"], on_the_date["retests_overdue"]) == (1, 0)
    assert (after["partly"], after["retests_overdue"]) == (1, 1)  # the finding stands until the next re-test


def test_a_plan_edited_on_the_day_of_a_retest_counts_that_retest_as_after_it(services):
    app = services.app
    plan(app, R1, on=D(2024, 3, 1), retest_by=D(2024, 4, 1))
    retest(services, R1, D(2024, 5, 1))
    plan(app, R1, on=D(2024, 5, 1), retest_by=D(2024, 5, 10), reason="Target raised")
    late = impact(services, D(2024, 6, 1))  # domain.impact: a plan and a re-test on one day, the plan first
    assert (late["evidenced"], late["retests_overdue"]) == (1, 0)


def test_a_recommendation_rejected_later_leaves_every_count_from_that_day(services):
    app = services.app
    plan(app, R2, on=D(2024, 3, 1), retest_by=D(2024, 4, 1))
    app.reject_recommendation(R2, "Replaced by the regional protocol", actor="bm", on=D(2024, 6, 1))
    before = impact(services, D(2024, 5, 31), by="agency")
    assert (before["recommendations"], before["retests_overdue"]) == (2, 1)
    from_then = impact(services, D(2024, 6, 1), by="agency")
    assert (from_then["recommendations"], from_then["retests_overdue"]) == (1, 0)
    rows = services.queries.impact_by("agency", as_at=D(2024, 6, 1))["rows"]
    assert {row["key"]: row["retests_overdue"] for row in rows} == {"Police": 0, "Health": 0}


def test_a_recommendation_counts_under_each_agency_it_names_and_once_in_all(services):
    plan(services.app, R1, on=D(2024, 3, 1), retest_by=D(2024, 4, 1))
    day = D(2024, 5, 1)
    services.catch_up()
    by_agency = services.queries.impact_by("agency", as_at=day)
    assert {row["key"]: (row["recommendations"], row["retests_overdue"]) for row in by_agency["rows"]} == \
        {"Police": (1, 1), "Health": (2, 1)}
    assert (by_agency["totals"]["recommendations"], by_agency["totals"]["retests_overdue"]) == (2, 1)
    police = services.queries.impact_by("agency", agency="Police", as_at=day)
    assert [row["key"] for row in police["rows"]] == ["Police"]
    assert (police["totals"]["recommendations"], police["totals"]["retests_overdue"]) == (1, 1)
