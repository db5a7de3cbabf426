"""Impact as at a date: each recommendation's plan and re-tests, counted per agency, board, review or
recommendation, and listed for the yearly report ("complete but impact not evidenced").

Recommendations are few beside actions (one to ten actions each), so their impact records are read
and the rule of domain.impact applied in Python: the same rule the aggregate and the tests use.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, or_, select

from domain.impact import IMPACT_COLUMNS, ImpactRecord, impact_as_at
from domain.statuses import COMPLETE_STATUSES, REC_REJECTED, REC_SUPERSEDED, SIGNED_OFF, WITHDRAWN
from projections import schema
from projections.read import counts

_R = schema.recommendations
_I = schema.impact_records
_RA = schema.recommendation_agencies
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
    """Plans and re-tests by the end of `as_at`. Beyond 500 recommendations, every record is read in one query and
    the wanted ones kept: plans and re-tests are few beside recommendations, and one query beats fifty."""
    found: dict[str, list[ImpactRecord]] = defaultdict(list)
    columns = (_I.c.recommendation_id, _I.c.effective, _I.c.kind, _I.c.retest_by, _I.c.finding)
    chunks = [None] if len(ids) > 500 else [ids[start : start + 500] for start in range(0, len(ids), 500)]
    wanted = set(ids)
    for chunk in chunks:
        query = select(*columns).where(_I.c.effective <= as_at).order_by(_I.c.recommendation_id, _I.c.version)
        if chunk is not None:
            query = query.where(_I.c.recommendation_id.in_(chunk))
        for rec_id, effective, kind, retest_by, finding in connection.execute(query):
            if rec_id in wanted:
                found[rec_id].append(ImpactRecord(effective, kind, retest_by, finding))
    return found


def positions(connection: Connection, as_at: date, **scope) -> list[tuple[dict, Any]]:
    """(recommendation row, domain.impact.ImpactPosition) for each recommendation in scope (the listings)."""
    recs = _in_scope(connection, as_at, **scope)
    records = _records(connection, [r["id"] for r in recs], as_at)
    return [(rec, impact_as_at(records.get(rec["id"], []), as_at)) for rec in recs]


def _tally(counter: dict[str, int], position) -> None:
    if position.state != "not_tested":
        counter[f"impact_{position.state}"] += 1
    counter["retests_overdue"] += int(position.retest_overdue)


def _scope_where(as_at: date, board=None, review_code=None, agency=None) -> list:
    """Made by the end of `as_at`, not rejected or superseded by then, within the filters (SQL conditions)."""
    where = [_R.c.made_on <= as_at, or_(_R.c.status.not_in(_SET_ASIDE), _R.c.status_on.is_(None), _R.c.status_on > as_at)]
    where += [column == value for column, value in ((_R.c.board, board), (_R.c.review_code, review_code)) if value is not None]
    if agency is not None:
        where.append(_R.c.id.in_(select(_RA.c.recommendation_id).where(_RA.c.agency == agency)))
    return where


def _counted(connection: Connection, by: str, where: list, as_at: date, **scope) -> tuple[dict[tuple, int], int]:
    """Recommendations in scope per group, and in all, counted by the database."""
    total = connection.execute(select(func.count()).select_from(_R).where(*where)).scalar_one()
    if not by:
        return {(): total}, total
    if by == "agency":
        return _per_agency(connection, as_at, **scope), total
    else:
        keys = [_R.c[name] if name != "recommendation_number" else _R.c.number for name in schema.GROUPINGS[by]]
        query = select(*keys, func.count()).where(*where).group_by(*keys)
    return {tuple(row[:-1]): row[-1] for row in connection.execute(query)}, total


def _per_agency(connection: Connection, as_at: date, board=None, review_code=None, agency=None) -> dict[tuple, int]:
    """Made by the date, per agency named, from the agencies table alone; less the few set aside by then."""
    filters = [_RA.c.made_on <= as_at]
    filters += [_RA.c[name] == value for name, value in (("board", board), ("review_code", review_code), ("agency", agency))
                if value is not None]
    made = dict(connection.execute(select(_RA.c.agency, func.count()).where(*filters).group_by(_RA.c.agency)).all())
    aside = select(_RA.c.agency, func.count()).select_from(_RA.join(_R, _R.c.id == _RA.c.recommendation_id)).where(
        *filters, _R.c.status.in_(_SET_ASIDE), _R.c.status_on <= as_at).group_by(_RA.c.agency)
    for name, n in connection.execute(aside):
        made[name] -= n
    return {(name,): n for name, n in made.items() if n}


def _planned_keys(connection: Connection, by: str, where: list, as_at: date) -> dict[str, list[tuple]]:
    """{recommendation id: its group keys} for those in scope with a plan or re-test by `as_at` (plain columns, no JSON)."""
    planned = _R.c.id.in_(select(_I.c.recommendation_id).where(_I.c.effective <= as_at))
    if by == "agency":
        query = select(_RA.c.recommendation_id, _RA.c.agency).select_from(_RA.join(_R, _R.c.id == _RA.c.recommendation_id))
        found: dict[str, list[tuple]] = defaultdict(list)
        for rec_id, agency in connection.execute(query.where(*where, planned)):
            found[rec_id].append((agency,))
        ids = connection.execute(select(_R.c.id).where(*where, planned)).scalars()
        return {rec_id: found.get(rec_id, []) for rec_id in ids}  # one naming no agency still counts in the totals
    keys = [_R.c[name] if name != "recommendation_number" else _R.c.number for name in schema.GROUPINGS[by]] if by else []
    return {row[0]: [tuple(row[1:])] for row in connection.execute(select(_R.c.id, *keys).where(*where, planned))}


def impact_counts(connection: Connection, by: str, as_at: date, *, board=None, review_code=None, agency=None):
    """({group key: {recommendations, impact_*, retests_overdue}}, totals counting each recommendation once).

    The recommendations are counted in SQL; only those with an impact plan or re-test by `as_at` are read (their
    records and groups) and put through domain.impact's rule. Every other one is "not yet re-tested"."""
    where = _scope_where(as_at, board, review_code, agency)
    made, total = _counted(connection, by, where, as_at, board=board, review_code=review_code, agency=agency)
    keys_of = _planned_keys(connection, by, where, as_at)
    records = _records(connection, list(keys_of), as_at)
    grouped: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(IMPACT_COLUMNS, 0))
    totals = dict.fromkeys(IMPACT_COLUMNS, 0)
    for rec_id, keys in keys_of.items():
        position = impact_as_at(records.get(rec_id, []), as_at)
        for key in keys:
            if key in made:
                _tally(grouped[key], position)
        _tally(totals, position)
    for key, n in made.items():
        grouped[key]["recommendations"] = n
    totals["recommendations"] = total
    for counter in (*grouped.values(), totals):
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
