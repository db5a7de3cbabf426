"""The answers `Queries` gives about themes, built from projections.read.themes.

Across boards: the boards a reader may read are shown in full; every other board only as counts by
shared theme, a count under 5 as "fewer than 5", never a recommendation's text (one case in a
neighbouring board can identify a child).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from domain.theme_scheme import DEFAULT_THEMES, DEFAULTS
from projections import schema
from projections.read import impact
from projections.read import themes as t
from projections.read.counts import percent

_ORDER = {theme.id: i for i, theme in enumerate(DEFAULT_THEMES)}


def all_boards(connection: Connection) -> list[str]:
    return sorted(connection.execute(select(schema.boards.c.name)).scalars(), key=str.lower)


def themes_answer(connection: Connection, day: date, *, shown: list[str], others: list[str] | None,
                  review_type=None, agency=None) -> dict[str, Any]:
    schemes = t.schemes(connection, day, shown)
    counted = _counted(connection, day, schemes, review_type, agency)
    found = {y for entry in counted.values() for y in entry["years"]}
    years = list(range(min(found), max(found) + 1)) if found else []  # every year between: a gap is news too
    answer = {
        "as_at": day.isoformat(), "boards": shown, "review_type": review_type, "agency": agency, "years": years,
        "rows": [_row(theme_id, entry, schemes, shown, years) for theme_id, entry in _ordered(counted)],
        "other_boards": None,
    }
    if others:
        answer["other_boards"] = _others(connection, day, others, review_type, agency)
    return answer


def _counted(connection, day, schemes, review_type, agency) -> dict[str, dict]:
    """{theme id: {"name", "years": {year: {"review": n, "recommendation": n}}}}, counted in SQL. A theme's name
    is the first (sorted) its words give: the same for every board but a renamed default (named by the
    defaults across boards) or a free-text word spelt two ways."""
    coded = t.codes(connection, schemes)
    names: dict[str, str] = {}
    for theme_id, name in coded.values():
        names[theme_id] = min(names.get(theme_id, name), name)
    return {theme_id: {"name": names[theme_id], "years": years}
            for theme_id, years in t.counts(connection, day, coded, review_type=review_type, agency=agency).items()}


def _total(entry: dict | None, kind: str) -> int:
    """Records of a theme over every year (a record has one reporting year: the year it was added)."""
    return sum(by_kind[kind] for by_kind in entry["years"].values()) if entry else 0


def _row(theme_id: str, entry: dict, schemes, shown, years) -> dict[str, Any]:
    name = entry["name"] if len(shown) == 1 or theme_id not in DEFAULTS else DEFAULTS[theme_id].name
    by_year = {y: {"reviews": entry["years"][y]["review"], "recommendations": entry["years"][y]["recommendation"]}
               for y in years}
    definition = ""
    if len(shown) == 1 and theme_id in schemes[shown[0]].themes:
        definition = schemes[shown[0]].themes[theme_id].definition
    return {"theme": theme_id, "name": name, "definition": definition, "local": theme_id not in DEFAULTS,
            "years": by_year, "reviews": _total(entry, "review"), "recommendations": _total(entry, "recommendation")}


def _ordered(counted: dict) -> list:
    return sorted(counted.items(), key=lambda item: (_ORDER.get(item[0], len(_ORDER)), item[1]["name"].lower()))


def _others(connection, day, others, review_type, agency) -> dict[str, Any]:
    """Other boards as counts only, by shared theme; their local themes and words are not named."""
    counted = _counted(connection, day, t.schemes(connection, day, others), review_type, agency)
    shared = [{"theme": theme.id, "name": theme.name, "reviews": t.banded(_total(counted.get(theme.id), "review")),
               "recommendations": t.banded(_total(counted.get(theme.id), "recommendation"))} for theme in DEFAULT_THEMES]
    return {"boards": len(others), "rows": shared}


def recommendations_on(connection: Connection, day: date, theme: str, *, shown: list[str], year=None,
                       review_type=None, agency=None) -> list[dict[str, Any]]:
    """The recommendations behind a heatmap cell (readable boards only)."""
    coded = t.codes(connection, t.schemes(connection, day, shown))
    ids = t.ids_on(connection, day, coded, theme, kind="recommendation", year=year, review_type=review_type, agency=agency)
    names: dict[str, str] = {}
    for (board, _), (theme_id, name) in coded.items():
        if theme_id == theme:
            names[board] = min(names.get(board, name), name)
    found = t.records(connection, ids)
    return sorted(({**r, "reference": f"{r['review_code']}/R{r['number']}", "theme_name": names.get(r["board"], theme)}
                   for r in found), key=lambda r: (r["made_on"], r["review_code"], r["number"]))


def recurrences_answer(connection: Connection, recommendation_ids: list[str], *, readable: list[str] | None,
                       day: date) -> dict[str, Any]:
    """For recommendations (one, or a review's): the earlier ones on the same learning, with their actions."""
    noted = t.noted(connection, recommendation_ids=recommendation_ids)
    visible = [n for n in noted if readable is None or n["earlier_board"] in readable]
    hidden = [n for n in noted if not (readable is None or n["earlier_board"] in readable)]
    earlier = {r["id"]: r for r in t.records(connection, sorted({n["earlier_id"] for n in visible}))}
    actions = t.actions_of(connection, list(earlier))
    retested = {row["id"]: row["impact"] for code in sorted({r["review_code"] for r in earlier.values()})
                for row in impact.impact_rows(connection, day, True, review_code=code)}  # issue 15's re-test finding
    boards = sorted({n["board"] for n in noted} | {n["earlier_board"] for n in visible})
    schemes = t.schemes(connection, None, boards)
    rows = []
    for n in visible:
        rec = earlier.get(n["earlier_id"])
        if rec is None:
            continue
        scheme = schemes[n["board"]]
        rows.append({
            "recommendation": n["reference"], "earlier": n["earlier_reference"], "board": n["earlier_board"],
            "review_title": rec["title"], "review_type": rec["review_type"], "made_on": rec["made_on"],
            "text": rec["text"], "status": rec["status"], "themes": [scheme.name(x) for x in n["themes"]],
            "similarity": n["similarity"], "noted_on": n["noted_on"], "closing_impact": rec["impact"] or "",
            "impact_evidenced": _impact_evidenced(rec, actions.get(rec["id"], []), retested.get(rec["id"], "not_tested")),
            "actions": actions.get(rec["id"], []),
        })
    rows.sort(key=lambda r: (r["recommendation"], r["made_on"], r["earlier"]))
    return {"rows": rows, "other_boards": t.banded(len({n["earlier_id"] for n in hidden}))}


RETESTED = {"evidenced": "evidenced (re-tested)", "partly": "partly evidenced (re-tested)",
            "not_evidenced": "not evidenced (re-tested)"}


def _impact_evidenced(rec: dict, actions: list[dict], finding: str) -> str:
    """The latest re-test's finding (issue 15); with none, what the closing and sign-off statements say."""
    if finding in RETESTED:
        return RETESTED[finding]
    return "not re-tested; " + _statements(rec, actions)


def _statements(rec: dict, actions: list[dict]) -> str:
    if rec.get("impact"):
        return "closing impact statement recorded"
    signed = [a for a in actions if a["status"] == "signed_off"]
    if signed and all(a["impact"] for a in signed):
        return "impact stated at every sign-off"
    if any(a["impact"] for a in signed):
        return "impact stated at some sign-offs"
    return "no impact evidenced"


def recurring_learning(connection: Connection, year: int, day: date, *, boards: list[str]) -> list[dict[str, Any]]:
    """For the yearly report: per theme, the year's recommendations and how many recur from earlier reviews."""
    rows = [r for r in t.tag_rows(connection, day, boards=boards, kind="recommendation") if r.reporting_year == year]
    schemes = t.schemes(connection, day, boards)
    noted: dict[str, set[str]] = {}
    for n in t.noted(connection, recommendation_ids=sorted({r.record_id for r in rows})):
        noted.setdefault(n["recommendation_id"], set()).add(n["earlier_reference"].split("/R")[0])
    themes: dict[str, dict] = {}
    for row in rows:
        theme_id, name = t.theme_of(schemes[row.board], row.word)
        entry = themes.setdefault(theme_id, {"theme": theme_id, "name": name, "ids": set(), "recurring": set(), "earlier": set()})
        entry["ids"].add(row.record_id)
        if row.record_id in noted:
            entry["recurring"].add(row.record_id)
            entry["earlier"] |= noted[row.record_id]
    result = [{"theme": e["theme"], "name": e["name"], "recommendations": len(e["ids"]), "recurring": len(e["recurring"]),
               "percent_recurring": percent(len(e["recurring"]), len(e["ids"])),
               "earlier_reviews": len(e["earlier"])} for e in themes.values()]
    return sorted(result, key=lambda r: (-r["recommendations"], _ORDER.get(r["theme"], len(_ORDER)), r["name"].lower()))
