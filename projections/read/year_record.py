"""What the board decided and did between two dates, read from the history read model.

Why: the yearly report must record "decisions and actions taken ... in the report's period" and the reasons
the board gave (a late stage's note, a refused sign-off, a rejected recommendation). The view tables keep only
the latest of these; view_history keeps every one, with its effective date.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from domain.text import for_read_model
from projections import schema
from projections.event_log import read_state

_H, _A, _R, _V = schema.history, schema.actions, schema.recommendations, schema.reviews

# The events a yearly report tells, and the field that carries each one's words (reason, note, impact...).
TOLD = {
    "review": {"StageChanged": "note", "PanelNotified": None},
    "recommendation": {"Made": "text", "Closed": "impact", "Rejected": "reason", "Superseded": "reason"},
    "action": {"Agreed": "text", "ProgressReported": "note", "Completed": "evidence", "SignedOff": "impact",
               "SignOffRefused": "reason", "Rescheduled": "reason", "Withdrawn": "reason", "Reopened": "reason"},
}


def year_record(connection: Connection, start: date, end: date, board: str | None = None) -> list[dict[str, Any]]:
    """Every told event of the board's reviews, recommendations and actions effective from `start` to `end`,
    oldest first, each with its reference, review, agency (actions) and words."""
    subjects = _subjects(connection, board)
    names = sorted({name for told in TOLD.values() for name in told})
    query = (select(_H.c.aggregate_id, _H.c.kind, _H.c.event, _H.c.effective, _H.c.state)
             .where(_H.c.effective >= start, _H.c.effective <= end, _H.c.event.in_(names))
             .order_by(_H.c.effective, _H.c.position))
    rows = []
    for row in connection.execute(query).mappings():
        subject = subjects.get(row["aggregate_id"])
        field = TOLD.get(row["kind"], {}).get(row["event"], "-")
        if subject is None or field == "-":
            continue
        state = read_state(row["state"])
        rows.append({
            **subject, "event": row["event"], "effective": row["effective"],
            "words": for_read_model(str(state.get(field) or "").strip()) if field else "",
            "stage": state.get("stage"), "target_date": _day(state.get("target_date")),
            "assurance": state.get("assurance") or None,  # the sub-group's assurance level at a sign-off
        })
    return rows


def _subjects(connection: Connection, board: str | None) -> dict[str, dict[str, Any]]:
    """Aggregate id -> what it is (kind, reference, review code, agency), for one board or every board."""
    found: dict[str, dict[str, Any]] = {}
    for table, kind in ((_V, "review"), (_R, "recommendation"), (_A, "action")):
        columns = [table.c.id, table.c.board]
        if kind == "review":
            columns += [table.c.code.label("review_code")]
        else:
            columns += [table.c.review_code, table.c.number]
        if kind == "action":
            columns += [table.c.recommendation_number, table.c.agency]
        query = select(*columns)
        if board is not None:
            query = query.where(table.c.board == board)
        for row in connection.execute(query).mappings():
            found[row["id"]] = {"kind": kind, "board": row["board"], "review_code": row["review_code"],
                                "reference": _reference(kind, row), "agency": row.get("agency")}
    return found


def _reference(kind: str, row) -> str:
    if kind == "review":
        return row["review_code"]
    if kind == "recommendation":
        return f"{row['review_code']}/R{row['number']}"
    return f"{row['review_code']}/R{row['recommendation_number']}/A{row['number']}"


def _day(value) -> date | None:
    if isinstance(value, date) or value is None:
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def stage_notes(connection: Connection, as_at: date, board: str | None = None) -> dict[tuple[str, str], str]:
    """(review code, stage) -> the note given when the review reached that stage (the latest, by the end of
    `as_at`): where a board records why a stage was late."""
    codes = {row["id"]: row["code"] for row in connection.execute(
        select(_V.c.id, _V.c.code).where(*([_V.c.board == board] if board is not None else []))).mappings()}
    query = (select(_H.c.aggregate_id, _H.c.state).where(_H.c.kind == "review", _H.c.event == "StageChanged",
                                                         _H.c.effective <= as_at)
             .order_by(_H.c.effective, _H.c.position))
    notes: dict[tuple[str, str], str] = {}
    for row in connection.execute(query).mappings():
        if row["aggregate_id"] in codes:
            state = read_state(row["state"])
            notes[(codes[row["aggregate_id"]], str(state.get("stage")))] = for_read_model(str(state.get("note") or "").strip())
    return notes
