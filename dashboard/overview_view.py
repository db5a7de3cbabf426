"""What the overview's callbacks compute, as plain functions of (queries, board, as-at): easy to time and test."""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import figures
from monitoring.reports.figures import drawn
from dashboard.components import card, chart, day, percent, table
from dashboard.grids import grid_rows
from monitoring.application.page_addresses import agency_url, overview_url, review_url
from domain.errors import DomainError
from domain.statuses import RAG_BANDS

OVERDUE_SHOWN = 500  # the longest overdue; a national list of 20,000 helps nobody, and a board's is shorter
REVIEWS_CHARTED = 20  # bars a reader can take in; the rest are one click away (choose a board)
ALL_BOARDS = "all-boards"  # the selector's value for every board (an empty value would read as "nothing chosen")


def chosen_board(value: str | None) -> str | None:
    """The selector's value as a query filter: None for every board."""
    return None if value in (None, "", ALL_BOARDS) else value


def parse_as_at(text: str | None, today: date) -> date:
    """The as-at field: blank means today; never in the future."""
    if not (text or "").strip():
        return today
    try:
        as_at = date.fromisoformat(text.strip())
    except ValueError:
        raise DomainError("as-at", f"{text!r} is not a date; use the date picker or YYYY-MM-DD") from None
    if as_at > today:
        raise DomainError("as-at", f"{day(as_at)} is in the future; figures exist up to today ({day(today)})")
    return as_at


def rag_words(queries, board: str | None) -> dict[str, str]:
    if not board:
        return {}
    return next((b.get("rag_words") or {} for b in queries.boards() if b["name"] == board), {})


def words_by_board(queries) -> dict[str, dict[str, str]]:
    return {b["name"]: b.get("rag_words") or {} for b in queries.boards()}


def scope_sentence(board: str | None, as_at: date) -> str:
    return f"Figures as at {day(as_at)} for {board or 'all boards'}."


def cards(queries, board: str | None, as_at: date) -> list:
    h = queries.headline(board=board or None, as_at=as_at)
    impact = queries.impact_by("board", board=board or None, as_at=as_at)["totals"]  # beside "complete": not the same thing
    return [
        card("Actions", h["actions"], id="card-actions"),
        card("Complete", percent(h["percent_complete"]), note="agency-reported or signed off", id="card-percent-complete"),
        card("Impact evidenced", f"{impact['impact_evidenced']} of {impact['recommendations']}",
             note=f"recommendations re-tested with impact evidenced; {impact['impact_partly']} partly, "
                  f"{impact['retests_overdue']} re-tests overdue", id="card-impact-evidenced"),
        card("Signed off", percent(h["percent_signed_off"]), note="assured by the sub-group", id="card-percent-signed-off"),
        card("Overdue", h["overdue"], id="card-overdue"),
        card("Due in 30 days", h["due_30"], id="card-due-30"),
        card("Awaiting sign-off", h["awaiting_sign_off"], id="card-awaiting-sign-off"),
        card("Open priority recommendations", h["open_priority_recommendations"], id="card-open-priority"),
    ]


def agency_chart(queries, board: str | None, as_at: date):
    """Actions by agency stacked by RAG, with its text alternative and numbers."""
    words = rag_words(queries, board)
    rows = queries.status("agency", board=board or None, as_at=as_at)["rows"]
    return chart(
        drawn.figure(figures.completion_by_agency, rows, as_at, board, words),
        summary=figures.describe_rag_stacked(rows, "agency", as_at, words),
        data_table=status_table(rows, "Agency", "Actions by agency and RAG status", words, link=agency_url),
        id="chart-by-agency",
    )


def review_chart(queries, board: str | None, as_at: date):
    """Progress by review (the most overdue, when there are too many to draw)."""
    words = rag_words(queries, board)
    rows, title = most_overdue(queries.status("review", board=board or None, as_at=as_at)["rows"], board, as_at)
    return chart(
        drawn.figure(figures.progress_by_review, rows, as_at, board, words, title=title),
        summary=figures.describe_rag_stacked(rows, "review", as_at, words),
        data_table=status_table(rows, "Review", title or "Progress by review", words, link=review_url),
        id="chart-by-review",
    )


def most_overdue(rows: list, board: str | None, as_at: date) -> tuple[list, str | None]:
    """All the reviews when they fit on a chart; else those with most overdue actions, and a title that says so."""
    if len(rows) <= REVIEWS_CHARTED:
        return rows, None
    chosen = sorted(rows, key=lambda r: (-r["overdue"], -r["total"], r["key"]))[:REVIEWS_CHARTED]
    scope = f", {board}" if board else ""
    return chosen, f"The {REVIEWS_CHARTED} reviews (of {len(rows):,}) with most overdue actions{scope}, as at {day(as_at)}"


def status_table(rows, key_label: str, caption: str, words, *, link=None, id: str | None = None) -> html.Table:
    names = figures.band_words(words)
    columns = [key_label, "Actions", *(f"{band}: {names[band]}" for band in RAG_BANDS), "% complete", "% signed off"]
    body = []
    for row in rows:
        counts = figures.rag_counts(row)
        key = dcc.Link(row["key"], href=link(row["key"])) if link else row["key"]
        body.append([key, row["total"], *(counts[b] for b in RAG_BANDS), percent(row["percent_complete"]), percent(row["percent_signed_off"])])
    return table(columns, body, caption=caption, id=id)


def overdue(queries, board: str | None, as_at: date) -> tuple[list[dict], str]:
    """The longest overdue first (the list is by target date), at most OVERDUE_SHOWN of them."""
    rows = queries.actions(board=board or None, as_at=as_at, overdue=True, limit=OVERDUE_SHOWN)
    rows = sorted(rows, key=lambda r: (-(r.get("days_overdue") or 0), r["reference"]))
    count = len(rows)
    if count == OVERDUE_SHOWN:  # more there may be: the Overdue card counts them all, at no second query here
        sentence = (f"The {count:,} longest overdue actions as at {day(as_at)}; the Overdue card above counts them all. "
                    "Choose a board, or open an agency, to see the rest.")
    else:
        sentence = f"{count:,} overdue action{'s' if count != 1 else ''} as at {day(as_at)}, longest overdue first."
    return grid_rows(rows, words_by_board(queries)), sentence


def plans(queries, board: str | None, as_at: date) -> html.Table:
    """One board: its reviews. Every board: the boards side by side (2,000 reviews make no table)."""
    if board:
        return reviews(queries, board, as_at)
    rows = queries.status("board", as_at=as_at)["rows"]
    return status_table(rows, "Board", f"Boards and their action plans as at {day(as_at)}", {}, link=lambda b: overview_url(board=b),
                        id="boards-table")


def reviews(queries, board: str | None, as_at: date) -> html.Table:
    rows = queries.reviews(board=board or None, as_at=as_at)
    body = [
        [
            dcc.Link(r["code"], href=review_url(r["code"])), r["title"], r.get("review_type_label") or r["review_type"],
            (r.get("stage") or "").replace("_", " "), r["actions"], percent(r["percent_complete"]),
            percent(r["percent_signed_off"]), r["overdue"], late_deadlines(r),
        ]
        for r in rows
    ]
    columns = ["Review", "Title", "Type", "Stage", "Actions", "% complete", "% signed off", "Overdue", "Statutory deadlines late"]
    return table(columns, body, caption=f"Reviews and their action plans as at {day(as_at)}", id="reviews-table")


def late_deadlines(review) -> str:
    late = [d["name"] for d in review.get("deadlines") or [] if d.get("state") in ("late", "met late")]
    return ", ".join(late) or "none"
