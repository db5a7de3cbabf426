"""Action rows for listings and forms: text as it is now, status and target date as at the date asked."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, select

from domain.statuses import COMPLETED, OPEN_STATUSES, is_overdue, rag
from projections import schema
from projections.read.filters import in_force

_A, _P, _R = schema.actions, schema.action_periods, schema.reviews
_AS_AT = ("status", "target_date", "reschedules", "assurance")  # taken from the period in force when as at a past date


def select_actions(as_at: date, current: bool):
    columns = [*_A.c, _R.c.title.label("review_title")]
    if current:
        return select(*columns).select_from(_A.outerjoin(_R, _R.c.id == _A.c.review_id)), _A
    as_at_columns = [_P.c[name].label(f"p_{name}") for name in _AS_AT]
    joined = _P.join(_A, _A.c.id == _P.c.action_id).outerjoin(_R, _R.c.id == _A.c.review_id)
    return select(*columns, *as_at_columns).select_from(joined).where(in_force(_P, as_at)), _P


def list_actions(
    connection: Connection, as_at: date, current: bool, *, board=None, agency=None, review=None,
    recommendation: tuple[str, int] | None = None, status=None, overdue=False, due_within_days=None,
    awaiting_sign_off=False, limit=None, action_id: str | None = None,
) -> list[dict[str, Any]]:
    query, table = select_actions(as_at, current)
    where = []
    for name, value in (("board", board), ("agency", agency), ("review_code", review)):
        if value is not None:
            where.append(table.c[name] == value)
    if recommendation is not None:
        where += [table.c.review_code == recommendation[0], table.c.recommendation_number == recommendation[1]]
    if action_id is not None:
        where.append(_A.c.id == action_id)
    if status is not None:
        where.append(table.c.status == status)
    if awaiting_sign_off:
        where.append(table.c.status == COMPLETED)
    if overdue:
        where += [table.c.status.in_(OPEN_STATUSES), table.c.target_date < as_at]
    if due_within_days is not None:
        horizon = as_at + timedelta(days=int(due_within_days))
        where += [table.c.status.in_(OPEN_STATUSES), table.c.target_date >= as_at, table.c.target_date <= horizon]
    query = query.where(*where)
    if limit is not None and not current and action_id is None:
        query = query.where(_P.c.action_id.in_(_first_periods(connection, as_at, where, int(limit))))
    elif limit is not None:  # build only the first `limit` rows (the dashboard's overdue list at national scale)
        query = query.order_by(table.c.target_date, _code(connection, _A), _A.c.recommendation_number, _A.c.number).limit(int(limit))
    rows = [action_row(row, as_at, current) for row in connection.execute(query).mappings()]
    rows.sort(key=lambda r: (r["target_date"], r["review_code"], r["recommendation_number"], r["number"]))
    return rows if limit is None else rows[: int(limit)]


def _code(connection: Connection, table):
    """Review codes in Python's order (PostgreSQL would otherwise sort by the locale's rules)."""
    return table.c.review_code.collate("C") if connection.dialect.name == "postgresql" else table.c.review_code


def _first_periods(connection: Connection, as_at: date, where: list, limit: int) -> list[str]:
    """The actions of the first `limit` periods in listing order, found in the periods alone (no join), and
    any tied with the last of them (the action number, which breaks ties, is not in the periods).

    As at a date, joining every matching period to its action before sorting read 20,000 action rows at
    national scale to keep 500."""
    keys = (_P.c.target_date, _code(connection, _P), _P.c.recommendation_number)
    first = connection.execute(
        select(_P.c.action_id, *keys).where(in_force(_P, as_at), *where).order_by(*keys).limit(limit)
    ).all()
    ids = [row[0] for row in first]
    if len(first) == limit:
        last = first[-1][1:]
        tied = select(_P.c.action_id).where(in_force(_P, as_at), *where, *(k == v for k, v in zip(keys, last)))
        ids += connection.execute(tied).scalars().all()
    return sorted(set(ids))


def action_row(row, as_at: date, current: bool) -> dict[str, Any]:
    values = dict(row)
    if not current:
        for name in _AS_AT:
            values[name] = values.pop(f"p_{name}")
    status, target = values["status"], values["target_date"]
    late = is_overdue(status, target, as_at)
    code, rec, number = values["review_code"], values["recommendation_number"], values["number"]
    return {
        "id": values["id"],
        "reference": f"{code}/R{rec}/A{number}",
        "board": values["board"],
        "review_code": code,
        "review_title": values["review_title"],
        "recommendation_reference": f"{code}/R{rec}",
        "recommendation_number": rec,
        "number": number,
        "agency": values["agency"],
        "text": values["text"],
        "lead": values["lead"],
        "measure": values["measure"],
        "contact": values["contact"],
        "status": status,
        "rag": rag(status, target, as_at),
        "overdue": late,
        "days_overdue": (as_at - target).days if late else 0,
        "target_date": target,
        "original_target_date": values["original_target_date"],
        "reschedules": values["reschedules"],
        "agreed_on": values["agreed_on"],
        "completed_on": values["completed_on"],
        "signed_off_on": values["signed_off_on"],
        "last_update": values["last_update"],
        "last_progress_on": values["last_progress_on"],
        "evidence": values["evidence"],
        "impact": values["impact"],
        "version": values["version"],
        "assurance": values["assurance"] or None,  # the sub-group's level while signed off (domain.impact), else None
        "assurance_comment": values["assurance_comment"],  # its critical-friend comment (as it stands now)
    }
