"""One review: type, stage, key dates and statutory deadlines, its recommendations and their actions, the notices sent."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import context
from dashboard import figures
from monitoring.reports.figures import drawn
from dashboard.components import cannot_show, chart, day, definition_list, page_heading, percent, section, table, words
from dashboard.grids import action_grid, grid_rows
from dashboard.notices_view import notices_section
from dashboard.themes_view import recurrence_section, theme_names
from dashboard.overview_view import rag_words, status_table, words_by_board
from monitoring.application.page_addresses import agency_url, path_value, recommendation_url
from domain.calendar import working_days_between
from domain.errors import DomainError


def title(code: str | None = None, **_query) -> str:
    return f"Review {path_value(code)} - SCR monitor"


dash.register_page(__name__, path_template="/review/<code>", name="Review", title=title)


def layout(code: str | None = None, **_query) -> html.Div:
    queries, today = context.queries(), context.today()
    code = path_value(code)
    try:
        review = queries.review(code)
    except DomainError as error:
        return cannot_show("review", code, error)
    words = rag_words(queries, review["board"])
    by_agency = queries.status("agency", review=review["code"])["rows"]
    actions = queries.actions(review=review["code"])
    review = {**review, "themes": theme_names(queries, review["board"], review.get("themes"))}
    return html.Div(
        [
            dbc.Breadcrumb(items=[{"label": "Overview", "href": "/"}, {"label": f"Review {review['code']}", "active": True}]),
            page_heading(review["title"], f"{review.get('review_type_label') or review['review_type']} · {review['board']}"),
            section("Where it stands", summary(review), id="summary"),
            section("Key dates", key_dates(review), id="key-dates"),
            section("Statutory deadlines", deadlines(review, today), id="deadlines"),
            section("Recommendations", recommendations(queries.recommendations(review=review["code"])), id="recommendations"),
            section("Recurring learning", recurrence_section(queries.recurrences(review["code"])), id="recurring-learning"),
            section(
                "Actions",
                chart(
                    drawn.figure(figures.completion_by_agency, by_agency, today, review["code"], words),
                    summary=figures.describe_rag_stacked(by_agency, "agency", today, words),
                    data_table=status_table(by_agency, "Agency", f"Actions of {review['code']} by agency", words, link=agency_url),
                    id="review-chart-by-agency",
                ),
                action_grid("review-actions", grid_rows(actions, words_by_board(queries))),
                id="actions",
            ),
            notices_section(queries.history(review["code"])),  # the statutory-clock notices are recorded on the review
        ]
    )


def summary(r) -> html.Dl:
    return definition_list(
        [
            ("Code", r["code"]),
            ("Type", r.get("review_type_label") or r["review_type"]),
            ("Stage", words(r.get("stage")).capitalize()),
            ("Themes", ", ".join(r.get("themes") or []) or None),
            ("Actions", f"{r['actions']} ({percent(r['percent_complete'])} complete, {percent(r['percent_signed_off'])} signed off, "
                        f"{r['overdue']} overdue)"),
        ]
    )


def key_dates(r) -> html.Table:
    rows = [["Local authority aware", day(r.get("aware_on"))], ["National Panel notified", day(r.get("panel_notified_on"))]]
    rows += [[words(stage).capitalize(), day(on)] for stage, on in (r.get("stage_dates") or {}).items()]
    return table(["Event", "Date"], rows, caption="Key dates of the review", id="key-dates-table")


def deadlines(r, today) -> html.Table:
    rows = []
    for d in r.get("deadlines") or []:
        state = d.get("state") or ""
        cell = html.Strong(state.upper(), className="text-danger") if state in ("late", "met late") else state
        rows.append([d["name"].capitalize(), day(d.get("due")), day(d.get("met_on")), cell, working_days_note(d, today)])
    return table(
        ["Deadline", "Due", "Met on", "State", "Working days"], rows,
        caption="Statutory deadlines in working days (England and Wales bank holidays excluded)", id="deadlines-table",
    )


def working_days_note(deadline, today) -> str:
    due, met = deadline.get("due"), deadline.get("met_on")
    if due is None:
        return "clock not started"
    if met is not None:
        late = working_days_between(due, met)
        return f"met {late} working days late" if late > 0 else "met in time"
    left = working_days_between(today, due)
    return f"{left} working days left" if left >= 0 else f"{-left} working days late"


def recommendations(rows) -> html.Table:
    body = [
        [
            dcc.Link(r["reference"], href=recommendation_url(r["reference"])),
            "Priority" if r.get("priority") else "",
            r["text"],
            ", ".join(r.get("agencies") or []),
            r.get("implementation"),
            f"{r['signed_off']} of {r['actions'] - r['withdrawn']} signed off" if r.get("actions") else "no actions",
            r["overdue"],
        ]
        for r in rows
    ]
    columns = ["Recommendation", "Priority", "Text", "Agencies", "Implementation", "Actions", "Overdue"]
    return table(columns, body, caption="Recommendations and their implementation status", id="recommendations-table")
