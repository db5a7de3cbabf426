"""What the themes page shows, as plain functions of the read API's answers: the heatmap, its table, the list.

Colour is never the only signal: every heatmap cell carries its number, and the same numbers sit in the table
beside it, each a link to the recommendations behind it (the keyboard's way to click a cell).
"""
from __future__ import annotations

from datetime import date

from dash import dcc, html

from dashboard.components import day, table
from dashboard.figures import FONT
from domain.calendar import year_label
from monitoring.application.page_addresses import (
    recommendation_url,
    review_url,
    themes_url,
)
from monitoring.reports.figures.plot_text import plot_text

COUNTS = {"recommendations": "Recommendations", "reviews": "Reviews"}
# Sequential blues, lightest first: the darkest still carries white text at 4.5:1 or more.
SCALE = [[0.0, "#f7fbff"], [0.25, "#c6dbef"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1.0, "#08306b"]]


def heatmap(answer: dict, count: str) -> dict:
    """Themes (rows) by reporting year (columns); each cell's number written in it. A plain figure dict: plotly's
    validating objects cost more than the query on a busy page, and dcc.Graph takes the dict as it is."""
    rows, years = answer["rows"], answer["years"]
    z = [[r["years"][y][count] for y in years] for r in rows]
    highest = max((max(line) for line in z if line), default=0)
    trace = {
        "type": "heatmap", "z": z, "x": [year_label(y) for y in years], "y": [plot_text(r["name"]) for r in rows],  # names stay text
        "customdata": [[r["theme"]] * len(years) for r in rows], "colorscale": SCALE, "zmin": 0,
        "texttemplate": "%{z}", "textfont": {"size": 13}, "xgap": 2, "ygap": 2,
        "hovertemplate": f"%{{y}}, %{{x}}: %{{z}} {count}<extra></extra>",
        "colorbar": {"title": {"text": COUNTS[count]}, **({"dtick": 1} if highest <= 8 else {})},
    }
    layout = {
        "title": {"text": f"{COUNTS[count]} by theme and reporting year, as at {day(date.fromisoformat(answer['as_at']))}"},
        "font": {"family": FONT, "color": "#1a1a1a"}, "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
        "height": max(320, 34 * len(rows) + 120), "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {"side": "top", "type": "category"}, "plot_bgcolor": "#ffffff",
    }
    return {"data": [trace], "layout": layout}


def summary(answer: dict, count: str) -> str:
    rows = answer["rows"]
    if not rows:
        return f"No themed {count} as at {day(date.fromisoformat(answer['as_at']))}."
    top = max(rows, key=lambda r: r[count])
    return (f"{COUNTS[count]} by theme for {len(answer['years'])} reporting years; the most frequent theme is "
            f"{top['name']} ({top[count]} {count}).")


def data_table(answer: dict, count: str, query: dict) -> html.Table:
    """The heatmap's numbers; each non-zero cell links to its recommendations."""
    years = answer["years"]
    rows = []
    for r in answer["rows"]:
        cells = [r["name"]]
        for y in years:
            n = r["years"][y][count]
            cells.append(_cell_link(n, r, y, query) if n else "0")
        cells.append(_cell_link(r[count], r, None, query) if r[count] else "0")
        rows.append(cells)
    return table(["Theme", *map(year_label, years), "All years"], rows, id="themes-table",
                 caption=f"{COUNTS[count]} by theme and reporting year (as at {answer['as_at']})")


def _cell_link(n: int, row: dict, year, query: dict):
    label = f"{n} {row['name']}" + (f" in {year_label(year)}" if year else " in all years")
    return html.A(str(n), href=themes_url(**query, theme=row["theme"], year=year) + "#theme-records",
                  title=label, **{"aria-label": label})


def others_table(answer: dict) -> html.Div:
    others = answer.get("other_boards")
    if not others:
        return html.Div()
    rows = [[r["name"], r["reviews"], r["recommendations"]] for r in others["rows"] if r["reviews"] or r["recommendations"]]
    return html.Div([
        html.P(f"{others['boards']} other board(s) you may not read: counts by shared theme only, never their "
               "recommendations; a count under 5 is shown as \"fewer than 5\".", id="themes-others-note"),
        table(["Theme", "Reviews", "Recommendations"], rows, caption="Other boards' counts by theme", id="themes-others"),
    ])


PAGE_ROWS = 100  # a count across every board can stand for thousands of recommendations: a page at a time
TURN = "themes-records-turn"


def records(rows: list[dict], theme_name: str, year, page: int = 0) -> html.Div:
    heading = f"Recommendations on {theme_name}" + (f" made in {year_label(int(year))}" if year else "")
    pages = max(1, -(-len(rows) // PAGE_ROWS))
    page = min(max(page, 0), pages - 1)
    shown = rows[page * PAGE_ROWS:(page + 1) * PAGE_ROWS]
    body = [[dcc.Link(r["reference"], href=recommendation_url(r["reference"])), dcc.Link(r["title"], href=review_url(r["review_code"])),
             r["board"], day(r["made_on"]), r["status"], r["text"]] for r in shown]
    said = f"{len(rows):,} recommendation(s)."
    if pages > 1:
        said = (f"{len(rows):,} recommendation(s); showing {page * PAGE_ROWS + 1:,} to {page * PAGE_ROWS + len(shown):,}. "
                "Choose a board or a year to narrow the list.")
    return html.Div([html.P(said, role="status", id="themes-records-count"), _turns(page, pages, len(rows), "top"),
                     table(["Recommendation", "Review", "Board", "Made on", "Status", "Text"], body, caption=heading,
                           id="themes-records-table"), _turns(page, pages, len(rows), "end")], className="table-responsive")


def _turns(page: int, pages: int, total: int, at: str) -> html.Nav | None:
    """Previous and next, as buttons that say which recommendations they show (keyboard and screen readers), above
    the table and again below it, where a reader who went through the hundred arrives."""
    if pages == 1:
        return None
    buttons = []
    for to, word in ((page - 1, "Previous"), (page + 1, "Next")):
        if 0 <= to < pages:
            first, last = to * PAGE_ROWS + 1, min((to + 1) * PAGE_ROWS, total)
            buttons.append(html.Button(f"{word} {PAGE_ROWS}", id={"type": TURN, "to": to, "at": at}, type="button",
                                       className="btn btn-outline-secondary btn-sm me-2",
                                       **{"aria-label": f"{word} {PAGE_ROWS}: show recommendations {first:,} to {last:,}"}))
    where = "above" if at == "top" else "below"
    return html.Nav(buttons, className="my-2", **{"aria-label": f"Pages of recommendations ({where} the list)"})


def recurrence_section(answer: dict) -> html.Div:
    """For the recommendation and review pages: earlier reviews' recommendations on the same learning."""
    rows = answer["rows"]
    items = []
    for r in rows:
        signed = [f"{a['reference']} signed off {day(a['signed_off_on'])}" for a in r["actions"] if a["signed_off_on"]]
        why = ", ".join(r["themes"]) or ""
        if r["similarity"]:
            why = (why + "; " if why else "") + f"text {r['similarity']}% alike"
        items.append([r["recommendation"], dcc.Link(r["earlier"], href=recommendation_url(r["earlier"])), r["review_title"],
                      day(r["made_on"]), why, "; ".join(signed) or "none signed off", r["impact_evidenced"], r["text"]])
    note = []
    if answer.get("other_boards"):
        note = [html.P(f"Also {answer['other_boards']} earlier recommendation(s) in boards you may not read (counts only).",
                       id="recurrence-others")]
    intro = ("This learning came up before: earlier reviews' recommendations on the same themes or in close words, "
             "their actions' sign-off and whether impact was evidenced." if rows else "No earlier learning noted.")
    return html.Div([html.P(intro), *note,
                     table(["Recommendation", "Earlier", "Review", "Made on", "Why", "Actions signed off", "Impact", "Text"],
                           items, caption="Recurring learning", id="recurrence-table") if rows else html.Div()],
                    className="table-responsive")


def theme_names(queries, board: str, words: list[str]) -> list[str]:
    """A record's stored theme words (ids or free text) as the board's scheme names them today."""
    scheme = queries.theme_scheme(board=board)
    return [scheme.name(scheme.canonical(found)) if (found := scheme.lookup(w)) else w for w in words or []]
