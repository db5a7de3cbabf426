"""Impact as at a date: each recommendation's plan and re-tests, counted per agency, board, review or
recommendation, and listed for the yearly report ("complete but impact not evidenced").

The counts are SQL grouped counts over the impact periods in force at the day (projections.impact_periods,
written by domain.impact's rule as each plan and re-test is projected). The listings read a recommendation's
records and apply the same rule in Python.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, case, exists, func, select

from domain.impact import IMPACT_COLUMNS, ImpactRecord, impact_as_at
from domain.statuses import COMPLETE_STATUSES, REC_REJECTED, REC_SUPERSEDED, SIGNED_OFF, WITHDRAWN
from projections import schema
from projections.impact_periods import agencies_of
from projections.read import counts
from projections.read.filters import IN_LIST, in_chunks

_R = schema.recommendations
_I = schema.impact_records
_RA = schema.recommendation_agencies
_P = schema.impact_periods
_SET_ASIDE = (REC_REJECTED, REC_SUPERSEDED)  # the board decided not to implement: out of every impact count


def _in_scope(connection: Connection, as_at: date, board=None, review_code=None, agency=None, key=None) -> list[dict]:
    """Recommendations made by the end of `as_at` and not rejected or superseded by then."""
    query = select(_R).where(*_scope_where(as_at, board, review_code, agency))
    if key is not None:
        query = query.where(_R.c.review_code == key[0], _R.c.number == key[1])
    return [dict(r) for r in connection.execute(query).mappings()]


def _records(connection: Connection, ids: list[str], as_at: date) -> dict[str, list[ImpactRecord]]:
    """Plans and re-tests by the end of `as_at`. Beyond one IN list of recommendations, every record is read in one
    query and the wanted ones kept: plans and re-tests are few beside recommendations, and one query beats fifty."""
    found: dict[str, list[ImpactRecord]] = defaultdict(list)
    columns = (_I.c.recommendation_id, _I.c.effective, _I.c.kind, _I.c.retest_by, _I.c.finding)
    query = select(*columns).where(_I.c.effective <= as_at).order_by(_I.c.recommendation_id, _I.c.version)
    if len(ids) <= IN_LIST:
        query = query.where(_I.c.recommendation_id.in_(ids))
    wanted = set(ids)
    for rec_id, effective, kind, retest_by, finding in connection.execute(query):
        if rec_id in wanted:
            found[rec_id].append(ImpactRecord(effective, kind, retest_by, finding))
    return found


def positions(connection: Connection, as_at: date, **scope) -> list[tuple[dict, Any]]:
    """(recommendation row, domain.impact.ImpactPosition) for each recommendation in scope (the listings)."""
    recs = _in_scope(connection, as_at, **scope)
    records = _records(connection, [r["id"] for r in recs], as_at)
    return [(rec, impact_as_at(records.get(rec["id"], []), as_at)) for rec in recs]


def _scope_where(as_at: date, board=None, review_code=None, agency=None, table=_R) -> list:
    """Made by the end of `as_at`, not rejected or superseded by then (those are few: found by their index), within
    the filters. SQL conditions on the recommendations, or on the impact periods (which carry their id, board, review
    and made date)."""
    ids = table.c.id if table is _R else table.c.recommendation_id
    where = [table.c.made_on <= as_at, ids.not_in(select(_R.c.id).where(_R.c.status.in_(_SET_ASIDE), _R.c.status_on <= as_at))]
    where += [table.c[name] == value for name, value in (("board", board), ("review_code", review_code)) if value is not None]
    if agency is not None:
        where.append(ids.in_(select(_RA.c.recommendation_id).where(_RA.c.agency == agency)))
    return where


def _in_force(by: str, as_at: date, scope: dict):
    """(group key..., impact state, n, n overdue) over each recommendation in scope with an impact period in force at
    the end of `as_at` (its latest row by then). Overdue that day: a re-test awaited by a date before it (the period
    holds domain.impact's position). Per agency, grouped by the list of agencies named, spread in Python."""
    later = _P.alias("later")
    latest = ~exists().where(later.c.recommendation_id == _P.c.recommendation_id, later.c.seq > _P.c.seq, later.c.valid_from <= as_at)
    keys = [_P.c.agencies] if by == "agency" else [_P.c[name] for name in schema.GROUPINGS[by]] if by else []
    overdue = func.sum(case((_P.c.retest_awaited_by < as_at, 1), else_=0))
    where = [*_scope_where(as_at, table=_P, **scope), _P.c.valid_from <= as_at, latest]
    return select(*keys, _P.c.state, func.count(), overdue).where(*where).group_by(*keys, _P.c.state)


def _made(connection: Connection, by: str, as_at: date, scope: dict) -> dict[tuple, int]:
    """Recommendations in scope per group, counted by the database."""
    if by == "agency":
        return _per_agency(connection, as_at, **scope)
    keys = [_R.c[name] if name != "recommendation_number" else _R.c.number for name in schema.GROUPINGS[by]] if by else []
    query = select(*keys, func.count()).where(*_scope_where(as_at, **scope))
    return {tuple(row[:-1]): row[-1] for row in connection.execute(query.group_by(*keys) if keys else query)}


def _per_agency(connection: Connection, as_at: date, board=None, review_code=None, agency=None) -> dict[tuple, int]:
    """Made by the date, per agency named, from the agencies table's index alone; less the few set aside by then."""
    filters = [_RA.c.made_on <= as_at]
    filters += [_RA.c[name] == value for name, value in (("board", board), ("review_code", review_code), ("agency", agency))
                if value is not None]
    made = dict(connection.execute(select(_RA.c.agency, func.count()).where(*filters).group_by(_RA.c.agency)).all())
    aside = select(_RA.c.agency, func.count()).select_from(_RA.join(_R, _R.c.id == _RA.c.recommendation_id)).where(
        *filters, _R.c.status.in_(_SET_ASIDE), _R.c.status_on <= as_at).group_by(_RA.c.agency)
    for name, n in connection.execute(aside):
        made[name] -= n
    return {(name,): n for name, n in made.items() if n}


def impact_counts(connection: Connection, by: str, as_at: date, *, board=None, review_code=None, agency=None):
    """({group key: {recommendations, impact_*, retests_overdue}}, totals counting each recommendation once).

    Counted by the database: the recommendations in scope, and the impact periods in force at the end of `as_at`
    (projections.impact_periods); a recommendation with none by then is "not yet re-tested"."""
    scope = {"board": board, "review_code": review_code, "agency": agency}
    grouped: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(IMPACT_COLUMNS, 0))
    totals = dict.fromkeys(IMPACT_COLUMNS, 0)
    made = _made(connection, by, as_at, scope)
    for *key, state, n, n_overdue in connection.execute(_in_force(by, as_at, scope)):
        groups = [(name,) for name in agencies_of(key[0])] if by == "agency" else [tuple(key)]
        for counter in [totals, *(grouped[group] for group in groups if group in made)]:
            counter[f"impact_{state}"] += n
            counter["retests_overdue"] += int(n_overdue or 0)
    for key, n in made.items():
        grouped[key]["recommendations"] = n
    # In all, each recommendation once: per agency, counted apart (it names several agencies, or none).
    totals["recommendations"] = _made(connection, "", as_at, scope)[()] if by == "agency" else sum(made.values())
    for counter in (*grouped.values(), totals):  # a plan not yet re-tested has a period too: all counted here
        counter["impact_not_tested"] = counter["recommendations"] - sum(counter[f"impact_{s}"] for s in ("evidenced", "partly", "not_evidenced"))
    return dict(grouped), totals


def impact_rows(connection: Connection, as_at: date, current: bool, *, board=None, review_code=None, key=None) -> list[dict[str, Any]]:
    """One row per recommendation: kind, scope, the plan, the latest finding, and how far its actions are done."""
    progress = counts.grouped(connection, "recommendation", as_at, current, board=board, review_code=review_code)
    rows = []
    for rec, position in positions(connection, as_at, board=board, review_code=review_code, key=key):
        done = progress.get((rec["review_code"], rec["number"]), {})
        live = sum(done.get(s, 0) for s in counts.ACTION_STATUSES) - done.get(WITHDRAWN, 0)
        complete = sum(done.get(s, 0) for s in COMPLETE_STATUSES)
        plan = rec["impact_plan"] if position.planned else None
        rows.append({
            "id": rec["id"], "reference": f"{rec['review_code']}/R{rec['number']}", "board": rec["board"],
            "review_code": rec["review_code"], "number": rec["number"], "text": rec["text"], "agencies": list(rec["agencies"]),
            "kind": rec["kind"], "scope": rec["scope"], "addressee": rec["addressee"] or None,
            "response_asked_on": _iso(rec["response_asked_on"]), "response_received_on": _iso(rec["response_received_on"]),
            "actions": live, "complete": complete, "signed_off": done.get(SIGNED_OFF, 0),
            "all_complete": live > 0 and complete == live, "implemented": live > 0 and done.get(SIGNED_OFF, 0) == live,
            "impact": position.state, "retest_by": _iso(position.retest_by), "retest_overdue": position.retest_overdue,
            "awaiting_retest": position.awaiting_retest,
            "last_retest_on": _iso(position.last_retest_on),
            **{f"plan_{name}": (plan or {}).get(name) for name in ("expected", "measure", "baseline", "baseline_on", "target")},
        })
    return sorted(rows, key=lambda r: (r["review_code"], r["number"]))


def complete_not_evidenced(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every action not withdrawn is complete (or signed off), yet no re-test has evidenced the impact."""
    return [row for row in rows if row["all_complete"] and row["impact"] != "evidenced"]


def retest_rows(connection: Connection, as_at: date, *, board=None, review_code=None, key=None) -> list[dict[str, Any]]:
    """Every re-test recorded by the end of `as_at`, oldest first within each recommendation."""
    recs = {r["id"]: r for r in _in_scope(connection, as_at, board=board, review_code=review_code, key=key)}
    rows = []
    for ids in in_chunks(list(recs)):
        query = select(_I).where(_I.c.recommendation_id.in_(ids), _I.c.kind == "retest", _I.c.effective <= as_at)
        for r in connection.execute(query).mappings():
            rec = recs[r["recommendation_id"]]
            rows.append({
                "reference": f"{rec['review_code']}/R{rec['number']}", "board": rec["board"], "review_code": rec["review_code"],
                "on": r["effective"].isoformat(), "impact": r["finding"], "result": r["result"], "version": r["version"],
            })
    return sorted(rows, key=lambda r: (r["review_code"], int(r["reference"].rsplit("/R", 1)[1]), r["version"]))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
