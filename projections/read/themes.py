"""Themes as at a date: counts of reviews and recommendations by theme and reporting year, the records behind
a count, earlier recommendations on the same learning, and the recurrences noted.

A stored word counts under the theme the board's scheme gives it as at the day (merges followed); a word
no theme claims counts as a local theme of its own (`word:<key>`), until an admin aliases it.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, Text, and_, case, column, distinct, exists, false, func, or_, select, values

from domain.theme_scheme import SchemeAsAt, as_theme_key
from projections import schema
from projections.read.filters import in_chunks

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


CODES_PER_QUERY = 2_000  # words coded in one query: 2 parameters each, with the boards well under SQLite's 32,766


def in_force(day: date, *, review_type=None, agency=None, kind=None, few_rows=False):
    """The condition on a tag row that it carries a word in force at the end of `day`: in force by then, and
    no later version of its record in force by then (a review's themes may be set again; a marker row says
    a record has no words). The filters hold for every version of a record. Few records were coded again, so
    over many rows the rest are told apart first (read once, from an index) and only those coded again are looked
    up row by row; over `few_rows` (one theme's) every row is looked up, which costs less than reading them all."""
    later, versions = _T.alias("later"), _T.alias("versions")
    latest = ~exists().where(later.c.record_id == _T.c.record_id, later.c.version > _T.c.version,
                             later.c.effective <= day, later.c.added_on <= day)
    if not few_rows:
        several = (select(versions.c.record_id).where(versions.c.effective <= day, versions.c.added_on <= day)
                   .group_by(versions.c.record_id).having(func.min(versions.c.version) < func.max(versions.c.version)))
        latest = or_(_T.c.record_id.not_in(several), latest)
    conditions = [_T.c.effective <= day, _T.c.added_on <= day, _T.c.word != "", latest]
    if kind:
        conditions.append(_T.c.kind == kind)
    if review_type:
        conditions.append(_T.c.review_code.in_(select(_V.c.code).where(_V.c.review_type == review_type)))
    if agency:  # each set read once (from an index on the agency); a CASE, so it never drives the plan row by row
        by_rec = _T.c.record_id.in_(select(_A.c.recommendation_id).where(_A.c.agency == agency))
        by_review = _T.c.review_code.in_(select(_A.c.review_code).where(_A.c.agency == agency))
        conditions.append(case((_T.c.kind == "recommendation", by_rec), (_T.c.kind == "review", by_review), else_=false()))
    return and_(*conditions)


def tag_rows(connection: Connection, day: date, *, boards, review_type=None, agency=None, kind=None) -> list:
    """The theme words in force at the end of `day`: (kind, record_id, board, review_code, number, year, word)."""
    query = select(_T.c.kind, _T.c.record_id, _T.c.board, _T.c.review_code, _T.c.recommendation_number, _T.c.reporting_year,
                   _T.c.word).where(_T.c.board.in_(list(boards)), in_force(day, review_type=review_type, agency=agency, kind=kind))
    return connection.execute(query).all()


def codes(connection: Connection, schemes_of: dict[str, SchemeAsAt]) -> dict[tuple[str, str], tuple[str, str]]:
    """{(board, word key): (theme id, name)} for every word the boards' records carry, coded by each board's
    scheme (as at its day). A few thousand pairs, where the tag rows are tens of thousands: SQL then counts.
    A word no theme claims is named by its first spelling (sorted), so the name is the same on every store."""
    query = select(_T.c.board, _T.c.word_key, _T.c.word).distinct().where(_T.c.board.in_(list(schemes_of)), _T.c.word != "")
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for board, key, word in sorted(connection.execute(query).all()):
        if (board, key) not in found:
            found[(board, key)] = theme_of(schemes_of[board], word)
    return found


def _groups(pairs: dict[tuple[str, str], str]) -> list[tuple[list[str], dict[str, str]]]:
    """Boards that code every word they carry alike, together, with that coding {word key: theme id}: one query
    each, and most boards code as the shared scheme does. A record belongs to one board, so counts over
    disjoint sets of boards add up."""
    by_board: dict[str, dict[str, str]] = defaultdict(dict)
    for (board, key), theme_id in pairs.items():
        by_board[board][key] = theme_id
    groups: list[tuple[list[str], dict[str, str]]] = []
    for board, words in sorted(by_board.items()):
        group = next((g for g in groups if len(g[1]) + len(words) <= CODES_PER_QUERY
                      and all(g[1].get(key, theme_id) == theme_id for key, theme_id in words.items())), None)
        if group is None:
            groups.append(([board], dict(words)))
        else:
            group[0].append(board)
            group[1].update(words)
    return groups


def _coded(boards: list[str], coding: dict[str, str]):
    """The boards' tag rows joined to their theme: the coding handed to SQL as a VALUES list."""
    table = values(column("word_key", Text), column("theme", Text), name="codes").data(sorted(coding.items())).cte("codes")
    joined = _T.join(table, and_(_T.c.board.in_(boards), table.c.word_key == _T.c.word_key))
    return joined, table.c.theme


def counts(connection: Connection, day: date, coded: dict[tuple[str, str], tuple[str, str]], *, review_type=None,
           agency=None) -> dict[str, dict[int, dict[str, int]]]:
    """{theme id: {reporting year: {"review": n, "recommendation": n}}}: records, not words (a record with two
    words coded to one theme counts once), in force at the end of the day."""
    found: dict[str, dict] = defaultdict(lambda: defaultdict(lambda: {"review": 0, "recommendation": 0}))
    for boards, coding in _groups({pair: theme_id for pair, (theme_id, _) in coded.items()}):
        joined, theme = _coded(boards, coding)
        query = (select(theme, _T.c.kind, _T.c.reporting_year, func.count(distinct(_T.c.record_id))).select_from(joined)
                 .where(in_force(day, review_type=review_type, agency=agency)).group_by(theme, _T.c.kind, _T.c.reporting_year))
        for theme_id, kind, year, count in connection.execute(query):
            found[theme_id][year][kind] += count
    return found


def ids_on(connection: Connection, day: date, coded: dict[tuple[str, str], tuple[str, str]], theme: str, *, kind: str,
           year=None, review_type=None, agency=None) -> list[str]:
    """The records of a kind counted under a theme (in a reporting year, when given), sorted."""
    found: set[str] = set()
    for boards, coding in _groups({pair: theme_id for pair, (theme_id, _) in coded.items() if theme_id == theme}):
        joined, _ = _coded(boards, coding)
        query = select(_T.c.record_id).distinct().select_from(joined).where(
            in_force(day, review_type=review_type, agency=agency, kind=kind, few_rows=True))  # one theme's
        if year is not None:
            query = query.where(_T.c.reporting_year == int(year))
        found.update(connection.execute(query).scalars())
    return sorted(found)


def records(connection: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """Recommendations by id, with their review's title and kind (for click-through and recurrences)."""
    query = select(_R.c.id, _R.c.board, _R.c.review_code, _R.c.number, _R.c.text, _R.c.made_on, _R.c.status, _R.c.impact,
                   _V.c.title, _V.c.review_type).join(_V, _V.c.code == _R.c.review_code)
    found = []
    for chunk in in_chunks(ids):  # a theme across every board may have thousands
        found += [dict(r) for r in connection.execute(query.where(_R.c.id.in_(chunk))).mappings()]
    return found


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
    for chunk in in_chunks(missing):
        query = select(_R.c.id, _R.c.board, _R.c.review_code, _R.c.number, _R.c.made_on, _R.c.text).where(_R.c.id.in_(chunk))
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
