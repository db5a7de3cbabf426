"""Impact as at a date: each recommendation's plan and re-tests, counted per agency, board, review or
recommendation, and listed for the yearly report ("complete but impact not evidenced").

Recommendations are few beside actions (one to ten actions each), so their impact records are read
and the rule of domain.impact applied in Python: the same rule the aggregate and the tests use.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, or_, select

from domain.impact import IMPACT_COLUMNS, ImpactRecord, impact_as_at
from domain.statuses import COMPLETE_STATUSES, REC_REJECTED, REC_SUPERSEDED, SIGNED_OFF, WITHDRAWN
from projections import schema
from projections.read import counts

_R = schema.recommendations
_I = schema.impact_records
_SET_ASIDE = (REC_REJECTED, REC_SUPERSEDED)  # the board decided not to implement: out of every impact count


def _in_scope(connection: Connection, as_at: date, board=None, review_code=None, agency=None, key=None) -> list[dict]:
    """Recommendations made by the end of `as_at` and not rejected or superseded by then."""
    query = select(_R).where(_R.c.made_on <= as_at).where(
        or_(_R.c.status.not_in(_SET_ASIDE), _R.c.status_on.is_(None), _R.c.status_on > as_at)
    )
    for column, value in ((_R.c.board, board), (_R.c.review_code, review_code)):
        if value is not None:
            query = query.where(column == value)
    if key is not None:
        query = query.where(_R.c.review_code == key[0], _R.c.number == key[1])
    rows = [dict(r) for r in connection.execute(query).mappings()]
    if agency is not None:
        rows = [r for r in rows if agency in r["agencies"]]
    return rows


def _records(connection: Connection, ids: list[str], as_at: date) -> dict[str, list[ImpactRecord]]:
    found: dict[str, list[ImpactRecord]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        query = select(_I).where(_I.c.recommendation_id.in_(ids[start : start + 500]), _I.c.effective <= as_at).order_by(
            _I.c.recommendation_id, _I.c.version)
        for r in connection.execute(query).mappings():
            found[r["recommendation_id"]].append(
                ImpactRecord(r["effective"], r["kind"], r["retest_by"], r["finding"]))
    return found


def positions(connection: Connection, as_at: date, **scope) -> list[tuple[dict, Any]]:
    """(recommendation row, domain.impact.ImpactPosition) for each recommendation in scope."""
    recs = _in_scope(connection, as_at, **scope)
    records = _records(connection, [r["id"] for r in recs], as_at)
    return [(rec, impact_as_at(records.get(rec["id"], []), as_at)) for rec in recs]


def _group_keys(by: str, rec: dict) -> list[tuple]:
    if by == "agency":
        return [(agency,) for agency in rec["agencies"]]  # counts under each agency it names
    return [tuple(rec[name] if name != "recommendation_number" else rec["number"] for name in schema.GROUPINGS[by])]


def _tally(counter: dict[str, int], position) -> None:
    counter["recommendations"] += 1
    counter[f"impact_{position.state}"] += 1
    counter["retests_overdue"] += int(position.retest_overdue)


def impact_counts(connection: Connection, by: str, as_at: date, *, board=None, review_code=None, agency=None):
    """({group key: {recommendations, impact_*, retests_overdue}}, totals counting each recommendation once)."""
    grouped: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(IMPACT_COLUMNS, 0))
    totals = dict.fromkeys(IMPACT_COLUMNS, 0)
    for rec, position in positions(connection, as_at, board=board, review_code=review_code, agency=agency):
        for key in _group_keys(by, rec) if by else [()]:
            if agency is None or by != "agency" or key == (agency,):
                _tally(grouped[key], position)
        _tally(totals, position)
    return grouped, totals


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
    for start in range(0, len(recs), 500):
        ids = list(recs)[start : start + 500]
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
