"""For random commands on random effective dates, every query at random as-at dates equals a plain
computation over the aggregates' own events (each action replayed up to the last change by that date)."""
from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.impact import NEW_STATUS_COLUMNS
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings

TODAY = date(2026, 11, 22)
START = date(2024, 1, 1)
AGENCIES = ["Police", "Health", "Education"]
RECOMMENDATIONS = ["north-1/R1", "north-1/R2", "north-2/R1", "south-1/R1"]
STATUSES = ["not_started", "in_progress", "completed", "signed_off", "withdrawn"]
COMMANDS = [
    "add", "add", "progress", "complete", "sign_off", "refuse", "reschedule", "withdraw", "reopen", "notice", "catch_up",
    "close", "reject",
]

step = st.tuples(st.sampled_from(COMMANDS), st.integers(0, 20), st.integers(0, 60), st.integers(0, 500))


def plan(services, steps) -> list[str]:
    app = services.app
    for board in ("North", "South"):
        app.register_board(board, AGENCIES, actor="m", on=START)
    for code, board in (("north-1", "North"), ("north-2", "North"), ("south-1", "South")):
        app.commission_review(board, code, code.title(), "lcspr", actor="m", on=START)
    for ref in RECOMMENDATIONS:
        code, number = ref.split("/R")
        app.make_recommendation(code, int(number), f"Recommendation {ref}", actor="m", on=START)
    actions, last = [], {}
    for command, which, days, extra in steps:
        try:
            if command == "add":
                on = START + timedelta(days=days * 7)
                action = app.add_action(RECOMMENDATIONS[which % 4], AGENCIES[extra % 3], "Do it", on + timedelta(days=extra), actor="m", on=on)
                actions.append(action.reference)
                last[action.reference] = on
            elif command in ("close", "reject"):
                decide = app.close_recommendation if command == "close" else app.reject_recommendation
                decide(RECOMMENDATIONS[which % 4], "impact or reason", actor="m", on=START + timedelta(days=days * 12))
            elif command == "catch_up":
                services.projections.catch_up(batch_size=1 + extra % 7)
            elif actions:
                ref = actions[which % len(actions)]
                on = last[ref] + timedelta(days=days)
                if on > TODAY:
                    continue
                change(app, command, ref, on, extra)
                if command != "notice":
                    last[ref] = on
        except DomainError:
            continue  # the domain refused it (e.g. signing off what is not complete): nothing was recorded
    return actions


def change(app, command, ref, on, extra) -> None:
    if command == "notice":
        action = app.action(ref)
        action.record_notice(kind="reminder", key=f"k{extra}", recipient="lead@example.org", subject="Due", on=START + timedelta(days=extra))
        app.save(action)
        return
    use_cases = {
        "progress": lambda: app.report_progress(ref, "note", actor="a", on=on),
        "complete": lambda: app.complete_action(ref, "evidence", actor="a", on=on),
        "sign_off": lambda: app.sign_off_action(ref, "impact", actor="c", on=on),
        "refuse": lambda: app.refuse_sign_off(ref, "reason", actor="c", on=on),
        "reschedule": lambda: app.reschedule_action(ref, on + timedelta(days=1 + extra % 300), "reason", actor="a", on=on),
        "withdraw": lambda: app.withdraw_action(ref, "reason", actor="c", on=on),
        "reopen": lambda: app.reopen_action(ref, "reason", actor="c", on=on),
    }
    use_cases[command]()


# --- the plain computation ----------------------------------------------------------------------


def as_at(app, ref: str, day: date):
    """The action as it stood at the end of `day`: replayed up to its last change dated on or before it."""
    events = app.events_of(ref)
    versions = [e.originator_version for e in events if type(e).__name__ not in ("NoticeQueued", "NoticeDelivered") and e.on <= day]
    return app.repository.get(events[0].originator_id, version=max(versions)) if versions else None


def half_up(numerator: int, denominator: int):
    if denominator == 0:
        return None
    return math.floor(Fraction(1000 * numerator, denominator) + Fraction(1, 2)) / 10


def expected_status(states, by: str, day: date) -> dict:
    key_of = {
        "agency": lambda a: (a.agency,), "board": lambda a: (a.board,), "review": lambda a: (a.review_code,),
        "recommendation": lambda a: (a.review_code, a.recommendation_number),
    }[by]
    groups: dict[tuple, Counter] = {}
    for action in states:
        counts = groups.setdefault(key_of(action), Counter())
        counts[action.status] += 1
        counts["overdue"] += action.status in ("not_started", "in_progress") and action.target_date < day

    def status_row(key, counts):
        total = sum(counts[s] for s in STATUSES)
        live = total - counts["withdrawn"]
        return {
            "key": key, "total": total, **{s: counts[s] for s in STATUSES}, "overdue": counts["overdue"],
            "percent_complete": half_up(counts["completed"] + counts["signed_off"], live),
            "percent_signed_off": half_up(counts["signed_off"], live),
        }

    rows = [status_row(f"{k[0]}/R{k[1]}" if by == "recommendation" else k[0], groups[k]) for k in sorted(groups)]
    return {"as_at": day.isoformat(), "by": by, "rows": rows, "totals": status_row("all", sum(groups.values(), Counter()))}


def expected_actions(states, day: date) -> list[tuple]:
    rows = []
    for a in states:
        overdue = a.status in ("not_started", "in_progress") and a.target_date < day
        rows.append((a.reference, a.status, a.target_date, a.reschedules, overdue, (day - a.target_date).days if overdue else 0))
    return sorted(rows, key=lambda r: (r[2], r[0].split("/")[0], int(r[0].split("/R")[1].split("/")[0]), int(r[0].split("/A")[1])))


def expected_headline(states, day: date) -> tuple:
    open_ = [a for a in states if a.status in ("not_started", "in_progress")]
    due_30 = sum(1 for a in open_ if day <= a.target_date <= day + timedelta(days=30))
    overdue = sum(1 for a in open_ if a.target_date < day)
    return len(states), overdue, due_30, sum(1 for a in states if a.status == "completed")


def expected_slippage(states) -> dict[str, tuple]:
    per_agency: dict[str, list] = {}
    for a in states:
        per_agency.setdefault(a.agency, []).append(a)
    result = {}
    for agency, actions in per_agency.items():
        moved = [(a.target_date - a.original_target_date).days for a in actions if a.reschedules]
        mean = None if not moved else math.floor(Fraction(10 * sum(moved), len(moved)) + Fraction(1, 2)) / 10
        result[agency] = (len(actions), len(moved), sum(a.reschedules for a in actions), half_up(len(moved), len(actions)), mean)
    return result


def expected_recommendations(app, states, day: date) -> dict[str, tuple]:
    result = {}
    for ref in RECOMMENDATIONS if day >= START else ():  # all made on START; none listed before it
        decided = [type(e).__name__ for e in app.events_of(ref) if type(e).__name__ in ("Closed", "Rejected") and e.on <= day]
        status = {"Closed": "closed", "Rejected": "rejected"}[decided[0]] if decided else "open"
        mine = Counter(a.status for a in states if a.reference.startswith(ref + "/"))
        live = sum(mine.values()) - mine["withdrawn"]
        if status != "open":
            implementation = status
        elif live == 0:
            implementation = "no actions"
        elif mine["signed_off"] == live:
            implementation = "implemented"
        elif mine["in_progress"] + mine["completed"] + mine["signed_off"]:
            implementation = "partly implemented"
        else:
            implementation = "not started"
        result[ref] = (status, implementation, sum(mine.values()), mine["signed_off"], mine["withdrawn"])
    return result


def action_columns(result: dict) -> dict:
    """`status` without the assurance and impact columns (tests/impact/test_impact_property.py checks those);
    rows that only a recommendation's agencies brought in carry no action and are dropped."""
    def strip(row):
        return {k: v for k, v in row.items() if k not in NEW_STATUS_COLUMNS}
    rows = [strip(r) for r in result["rows"] if r["total"]]
    return {**result, "rows": rows, "totals": strip(result["totals"])}


# --- the property -------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(steps=st.lists(step, min_size=1, max_size=40), batch_size=st.integers(1, 30), data=st.data())
def test_every_query_at_any_as_at_date_equals_a_replay_of_the_events(steps, batch_size, data):
    services = bootstrap(Settings(db_url="memory:", local_user="tester"), clock=lambda: TODAY)
    try:
        refs = plan(services, steps)
        services.projections.catch_up(batch_size=batch_size)
        queries, app = services.queries, services.app
        # As-at dates where it matters most: the days things changed, the day before, and any day.
        changed = sorted({e.on + timedelta(days=shift) for ref in refs for e in app.events_of(ref) for shift in (-1, 0)})
        picked = data.draw(st.lists(st.sampled_from(changed), max_size=3)) if changed else []
        if refs:  # ...and the edges of "due in 30 days" for one action
            target = app.action(data.draw(st.sampled_from(refs))).target_date
            picked += [target - timedelta(days=30), target - timedelta(days=31)]
        anyday = data.draw(st.lists(st.integers(0, (TODAY - START).days), max_size=1))
        for day in sorted({*picked, *(START + timedelta(days=n) for n in anyday), TODAY}):
            if day > TODAY:
                continue
            states = [s for s in (as_at(app, ref, day) for ref in refs) if s is not None]
            for by in ("agency", "board", "review", "recommendation"):
                assert action_columns(queries.status(by, as_at=day)) == expected_status(states, by, day), (by, day)
            listed = [(r["reference"], r["status"], r["target_date"], r["reschedules"], r["overdue"], r["days_overdue"]) for r in queries.actions(as_at=day)]
            assert listed == expected_actions(states, day), day
            first = data.draw(st.integers(1, 4))
            assert [r["reference"] for r in queries.actions(as_at=day, limit=first)] == [r[0] for r in expected_actions(states, day)[:first]]
            h = queries.headline(as_at=day)
            assert (h["actions"], h["overdue"], h["due_30"], h["awaiting_sign_off"]) == expected_headline(states, day), day
            slipped = {r["agency"]: (r["actions"], r["rescheduled"], r["reschedules"], r["percent_rescheduled"], r["mean_days_slipped"]) for r in queries.slippage(as_at=day)}
            assert slipped == expected_slippage(states), day
            recommendations = {
                r["reference"]: (r["status"], r["implementation"], r["actions"], r["signed_off"], r["withdrawn"])
                for r in queries.recommendations(as_at=day)
            }
            assert recommendations == expected_recommendations(app, states, day), day
    finally:
        services.close()
