"""For random commands on random effective dates (sign-offs graded or not, reopenings, impact plans and
re-tests, rejections), the new `status` columns at random as-at dates equal a plain replay of the events."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.impact import ASSURANCE_COLUMNS, IMPACT_COLUMNS
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from tests import pg
from tests.projections.test_property import AGENCIES, RECOMMENDATIONS, START, TODAY, as_at

LEVELS = ["", "substantial", "reasonable", "limited", "none"]
COMMANDS = ["add", "add", "complete", "sign_off", "sign_off", "reopen", "plan", "plan", "retest", "retest", "reject", "catch_up"]
step = st.tuples(st.sampled_from(COMMANDS), st.integers(0, 20), st.integers(0, 60), st.integers(0, 500))
REC_AGENCIES = {"north-1/R1": ["Police", "Health"], "north-1/R2": ["Health"], "north-2/R1": [], "south-1/R1": ["Education"]}
BOARD_OF = {"north": "North", "south": "South"}


def run(services, steps) -> list[str]:
    app = services.app
    for board in ("North", "South"):
        app.register_board(board, AGENCIES, actor="m", on=START)
    for code, board in (("north-1", "North"), ("north-2", "North"), ("south-1", "South")):
        app.commission_review(board, code, code.title(), "lcspr", actor="m", on=START)
    for ref in RECOMMENDATIONS:
        code, number = ref.split("/R")
        app.make_recommendation(code, int(number), f"Recommendation {ref}", agencies=REC_AGENCIES[ref], actor="m", on=START)
    actions, last = [], {}
    for command, which, days, extra in steps:
        rec = RECOMMENDATIONS[which % 4]
        on = START + timedelta(days=days * 9)
        try:
            if command == "add":
                action = app.add_action(rec, AGENCIES[extra % 3], "Do it", on + timedelta(days=extra), actor="m", on=on)
                actions.append(action.reference)
                last[action.reference] = on
            elif command == "plan":
                app.plan_impact(rec, expected="e", measure="m", retest_by=on + timedelta(days=extra % 200), reason="again", actor="c", on=on)
            elif command == "retest":
                app.retest_recommendation(rec, result="r", evidenced=["yes", "partly", "no"][extra % 3], actor="c", on=on)
            elif command == "reject":
                app.reject_recommendation(rec, "not for us", actor="m", on=on)
            elif command == "catch_up":
                services.projections.catch_up(batch_size=1 + extra % 5)
            elif actions:
                ref = actions[which % len(actions)]
                day = last[ref] + timedelta(days=days)
                if day > TODAY:
                    continue
                {"complete": lambda: app.complete_action(ref, "evidence", actor="a", on=day),
                 "sign_off": lambda: app.sign_off_action(ref, "", assurance=LEVELS[extra % 5], actor="c", on=day),
                 "reopen": lambda: app.reopen_action(ref, "new learning", actor="c", on=day)}[command]()
                last[ref] = day
        except DomainError:
            continue  # refused (not complete, re-test before a plan, a date before the last change): nothing recorded
    return actions


def expected_assurance(states) -> Counter:
    counts = Counter()
    for action in states:
        if action.status == "signed_off":
            counts[f"signed_off_{action.assurance or 'not_graded'}"] += 1
    return counts


def expected_impact(app, day: date, by: str = "agency") -> tuple[dict, Counter]:
    """Per agency (or board, or recommendation) and in total, replaying each recommendation's own events up to the
    end of `day`."""
    per_group: dict[str, Counter] = {}
    totals = Counter()
    for ref in RECOMMENDATIONS:
        events = [e for e in app.events_of(ref) if getattr(e, "on", None) is not None and e.on <= day]
        names = [type(e).__name__ for e in events]
        if not events or "Rejected" in names:
            continue
        plans = [e for e in events if type(e).__name__ == "ImpactPlanned"]
        tests = [e for e in events if type(e).__name__ == "Retested"]
        state = tests[-1].evidenced if tests else "not_tested"
        overdue = bool(plans) and plans[-1].retest_by < day and not any(t.on >= plans[-1].on for t in tests)
        groups = {"agency": REC_AGENCIES[ref], "board": [BOARD_OF[ref.split("-")[0]]], "recommendation": [ref]}[by]
        for counter in [totals, *(per_group.setdefault(group, Counter()) for group in groups)]:
            counter["recommendations"] += 1
            counter[f"impact_{state}"] += 1
            counter["retests_overdue"] += overdue
    return per_group, totals


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(steps=st.lists(step, min_size=1, max_size=40), batch_size=st.integers(1, 30), data=st.data())
def test_assurance_and_impact_counts_at_any_as_at_date_equal_a_replay_of_the_events(steps, batch_size, data):
    services = bootstrap(Settings(db_url="memory:", local_user="tester"), clock=lambda: TODAY)
    try:
        check_against_a_replay(services, steps, batch_size, data)
    finally:
        services.close()


@pytest.mark.postgres
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(steps=st.lists(step, min_size=1, max_size=40), batch_size=st.integers(1, 30), data=st.data())
def test_impact_counts_on_postgresql_equal_a_replay_of_the_events(steps, batch_size, data):
    """The same on PostgreSQL: its SQL (the periods in force, the date comparison) must count as SQLite's does."""
    url, drop = pg.fresh_database()
    services = bootstrap(Settings(db_url=url, local_user="tester"), clock=lambda: TODAY)
    try:
        check_against_a_replay(services, steps, batch_size, data)
    finally:
        services.close()
        drop()


def check_against_a_replay(services, steps, batch_size, data) -> None:
    refs = run(services, steps)
    services.projections.catch_up(batch_size=batch_size)
    app, queries = services.app, services.queries
    changed = sorted({e.on + timedelta(days=shift) for ref in [*refs, *RECOMMENDATIONS]
                      for e in app.events_of(ref) if getattr(e, "on", None) for shift in (-1, 0, 1)})
    # Every re-test-by date and the day after (where "overdue" turns), and some days things changed.
    edges = [e.retest_by + timedelta(days=shift) for ref in RECOMMENDATIONS for e in app.events_of(ref)
             if type(e).__name__ == "ImpactPlanned" for shift in (0, 1)]
    days = edges + data.draw(st.lists(st.sampled_from(changed), max_size=4)) + [TODAY]
    for day in sorted({d for d in days if START <= d <= TODAY}):
        states = [s for s in (as_at(app, ref, day) for ref in refs) if s is not None]
        result = queries.status("agency", as_at=day)
        assurance = expected_assurance(states)
        assert {k: result["totals"][k] for k in ASSURANCE_COLUMNS} == {k: assurance[k] for k in ASSURANCE_COLUMNS}, day
        per_agency, totals = expected_impact(app, day)
        assert {k: result["totals"][k] for k in IMPACT_COLUMNS} == {k: totals[k] for k in IMPACT_COLUMNS}, day
        listed = queries.recommendations_impact(as_at=day)  # the listings' rule (domain.impact, in Python)
        assert Counter(f"impact_{r['impact']}" for r in listed) + Counter(retests_overdue=sum(r["retest_overdue"] for r in listed)) \
            == +Counter({k: totals[k] for k in IMPACT_COLUMNS if k != "recommendations"}), day
        assert len(listed) == totals["recommendations"], day
        for row in result["rows"]:
            mine = per_agency.get(row["key"], Counter())
            assert {k: row[k] for k in IMPACT_COLUMNS} == {k: mine[k] for k in IMPACT_COLUMNS}, (day, row["key"])
            graded = expected_assurance([s for s in states if s.agency == row["key"]])
            assert {k: row[k] for k in ASSURANCE_COLUMNS} == {k: graded[k] for k in ASSURANCE_COLUMNS}, (day, row["key"])
        for by in ("board", "recommendation"):  # each recommendation in one group; the totals their sum
            per_group, totals = expected_impact(app, day, by)
            result = queries.impact_by(by, as_at=day)
            assert {row["key"]: {k: row[k] for k in IMPACT_COLUMNS} for row in result["rows"]} == \
                {key: {k: mine[k] for k in IMPACT_COLUMNS} for key, mine in per_group.items()}, (day, by)
            assert {k: result["totals"][k] for k in IMPACT_COLUMNS} == {k: totals[k] for k in IMPACT_COLUMNS}, (day, by)
