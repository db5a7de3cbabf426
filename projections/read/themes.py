"""Themes as at a date: counts of reviews and recommendations by theme and reporting year, the records behind
a count, earlier recommendations on the same learning, and the recurrences noted.

A stored word counts under the theme the board's scheme gives it as at the day (merges followed); a word
no theme claims counts as a local theme of its own (`word:<key>`), until an admin aliases it.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, exists, select

from domain.theme_scheme import SchemeAsAt, as_theme_key
from projections import schema

_T, _S, _R, _A, _V = schema.theme_tags, schema.theme_schemes, schema.recommendations, schema.actions, schema.reviews
SMALL = 5  # counts about other boards below this are shown as "fewer than 5"


def schemes(connection: Connection, day: date | None, boards) -> dict[str, SchemeAsAt]:
    """Each board's scheme as at the day (the shared defaults where a board made no edit)."""
    found = {r.board: r.changes for r in connection.execute(select(_S.c.board, _S.c.changes))}
    return {b: SchemeAsAt(b, found.get(b) or [], day) for b in boards}


def theme_of(scheme: SchemeAsAt, word: str) -> tuple[str, str]:
    """(theme id, name) a stored word counts under as at the scheme's day."""
    found = scheme.lookup(word)
    if found is None:
        return f"word:{as_theme_key(word)}", word
    theme_id = scheme.canonical(found)
    return theme_id, scheme.name(theme_id)


def tag_rows(connection: Connection, day: date, *, boards=None, review_type=None, agency=None) -> list:
    """The theme words in force at the end of `day`: (kind, record_id, board, review_code, number, year, word)."""
    query = select(_T.c.kind, _T.c.record_id, _T.c.version, _T.c.board, _T.c.review_code, _T.c.recommendation_number,
                   _T.c.reporting_year, _T.c.word).where(_T.c.effective <= day, _T.c.added_on <= day)
    if boards is not None:
        query = query.where(_T.c.board.in_(list(boards)))
    if review_type:
        query = query.where(_T.c.review_code.in_(select(_V.c.code).where(_V.c.review_type == review_type)))
    if agency:
        by_rec = exists().where(and_(_A.c.recommendation_id == _T.c.record_id, _A.c.agency == agency))
        by_review = exists().where(and_(_A.c.review_code == _T.c.review_code, _A.c.agency == agency))
        query = query.where(((_T.c.kind == "recommendation") & by_rec) | ((_T.c.kind == "review") & by_review))
    latest: dict[str, int] = {}
    rows = connection.execute(query).all()
    for row in rows:  # a review's themes may have been set again: the latest version by the day counts
        if latest.get(row.record_id, -1) < row.version:
            latest[row.record_id] = row.version
    return [r for r in rows if r.version == latest[r.record_id] and r.word]


def counts_by_theme(rows, scheme_of) -> dict[str, dict]:
    """{theme id: {"name", "years": {year: {"reviews": set, "recommendations": set}}}} (records, not words)."""
    themes: dict[str, dict] = {}
    coded: dict[tuple[str, str], tuple[str, str]] = {}  # a board's word is coded once per answer, not once per record
    for row in rows:
        key = (row.board, row.word)
        if key not in coded:
            coded[key] = theme_of(scheme_of(row.board), row.word)
        theme_id, name = coded[key]
        entry = themes.setdefault(theme_id, {"name": name, "years": defaultdict(lambda: {"review": set(), "recommendation": set()})})
        entry["years"][row.reporting_year][row.kind].add(row.record_id)
    return themes


def records(connection: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """Recommendations by id, with their review's title and kind (for click-through and recurrences)."""
    if not ids:
        return []
    query = (select(_R.c.id, _R.c.board, _R.c.review_code, _R.c.number, _R.c.text, _R.c.made_on, _R.c.status, _R.c.impact,
                    _V.c.title, _V.c.review_type).join(_V, _V.c.code == _R.c.review_code).where(_R.c.id.in_(ids)))
    return [dict(r) for r in connection.execute(query).mappings()]


def actions_of(connection: Connection, ids: list[str]) -> dict[str, list[dict]]:
    if not ids:
        return {}
    query = select(_A.c.recommendation_id, _A.c.review_code, _A.c.recommendation_number, _A.c.number, _A.c.agency, _A.c.text,
                   _A.c.status, _A.c.signed_off_on, _A.c.impact).where(_A.c.recommendation_id.in_(ids))
    found: dict[str, list[dict]] = defaultdict(list)
    for a in connection.execute(query).mappings():
        found[a["recommendation_id"]].append({
            "reference": f"{a['review_code']}/R{a['recommendation_number']}/A{a['number']}", "agency": a["agency"],
            "text": a["text"], "status": a["status"], "signed_off_on": a["signed_off_on"], "impact": a["impact"] or "",
        })
    for rows in found.values():
        rows.sort(key=lambda r: int(r["reference"].rsplit("/A", 1)[1]))
    return found


def recommendation_words(connection: Connection, board: str) -> list[tuple]:
    """(record_id, review_code, number, added_on, word) of the theme words the board's recommendations carry now."""
    query = select(_T.c.record_id, _T.c.version, _T.c.review_code, _T.c.recommendation_number, _T.c.added_on, _T.c.word).where(
        _T.c.board == board, _T.c.kind == "recommendation")
    rows = connection.execute(query).all()
    latest: dict[str, int] = {}
    for row in rows:  # coded again (ThemesSet): only the latest words count
        latest[row.record_id] = max(latest.get(row.record_id, 0), row.version)
    return [(r.record_id, r.review_code, r.recommendation_number, r.added_on, r.word) for r in rows
            if r.version == latest[r.record_id] and r.word]


def texts(connection: Connection, known) -> list[tuple]:
    """(id, board, review_code, reference, made_on, text) of every recommendation whose id is not in `known`
    (the recurrence check keeps the rest in memory: a recommendation's text never changes)."""
    missing = sorted(set(connection.execute(select(_R.c.id)).scalars()) - set(known))
    rows = []
    for start in range(0, len(missing), 500):
        query = select(_R.c.id, _R.c.board, _R.c.review_code, _R.c.number, _R.c.made_on, _R.c.text).where(
            _R.c.id.in_(missing[start:start + 500]))
        rows += [(r.id, r.board, r.review_code, f"{r.review_code}/R{r.number}", r.made_on, r.text) for r in connection.execute(query)]
    return rows


def noted(connection: Connection, *, recommendation_ids=None, board=None, since=None, until=None) -> list[dict]:
    c = schema.recurrences
    query = select(c)
    if recommendation_ids is not None:
        query = query.where(c.c.recommendation_id.in_(list(recommendation_ids)))
    if board is not None:
        query = query.where(c.c.board == board)
    if since is not None:
        query = query.where(c.c.noted_on >= since)
    if until is not None:
        query = query.where(c.c.noted_on < until)
    return [dict(r) for r in connection.execute(query.order_by(c.c.reference, c.c.earlier_reference)).mappings()]


def banded(count: int) -> int | str:
    """A count about a board the reader may not read: under 5 (but not none) is "fewer than 5"."""
    return "fewer than 5" if 0 < count < SMALL else count
