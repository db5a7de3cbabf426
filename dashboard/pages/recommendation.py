"""One recommendation: its text, implementation status, impact, its actions and its full history."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import context, impact_view
from dashboard.components import cannot_show, definition_list, page_heading, section, words
from dashboard.forms import SUB_GROUP, refusal
from dashboard.grids import action_grid, grid_rows
from dashboard.identity import current_user
from dashboard.impact_view import impact_section
from dashboard.overview_view import words_by_board
from dashboard.themes_view import recurrence_section, theme_names
from dashboard.timeline import ALL, entries_shown, timeline, timeline_rows
from domain.errors import DomainError
from monitoring.application.page_addresses import recommendation_url, review_url, slug_to_ref


def title(ref: str | None = None, **query) -> str:
    return f"Recommendation {slug_to_ref(ref or query.get('ref'))} - SCR monitor"


dash.register_page(__name__, path_template="/recommendation/<ref>", name="Recommendation", title=title)
impact_view.register_callbacks()  # the impact plan's and re-test's forms


def layout(ref: str | None = None, **query) -> html.Div:
    queries = context.queries()
    reference = slug_to_ref(ref or query.get("ref"))
    try:
        rec = queries.recommendation(reference)
    except DomainError as error:
        return cannot_show("recommendation", reference, error)
    actions = queries.actions(recommendation=rec["reference"])
    rec = {**rec, "themes": theme_names(queries, rec["board"], rec.get("themes"))}
    return html.Div(
        [
            dbc.Breadcrumb(
                items=[
                    {"label": "Overview", "href": "/"},
                    {"label": f"Review {rec['review_code']}", "href": review_url(rec["review_code"])},
                    {"label": f"Recommendation R{rec['number']}", "active": True},
                ]
            ),
            page_heading(f"Recommendation {rec['reference']}" + (" (priority)" if rec.get("priority") else ""), rec["text"]),
            section("Details", details(rec), id="details"),
            dcc.Store(id="recommendation-ref", data=rec["reference"]),
            section("Impact plan and re-tests", impact_section(
                queries, rec, refusal=refusal(context.services().app, current_user(), SUB_GROUP, {"board": rec["board"], "agency": None}),
                today=context.today()), id="impact"),
            section("Actions", action_grid("recommendation-actions", grid_rows(actions, words_by_board(queries))), id="actions"),
            section("Recurring learning", recurrence_section(queries.recurrences(rec["reference"])), id="recurring-learning"),
            timeline(**timeline_rows(queries, rec["id"], entries_shown(query)),
                     all_href=f"{recommendation_url(rec['reference'])}?history={ALL}"),
        ]
    )


def details(r) -> html.Dl:
    live = (r.get("actions") or 0) - (r.get("withdrawn") or 0)
    return definition_list(
        [
            ("Review", dcc.Link(r["review_code"], href=review_url(r["review_code"]))),
            ("Board's decision", words(r.get("status")).capitalize()),
            ("Implementation", html.Strong(r.get("implementation"), id="recommendation-implementation")),
            ("Priority", "yes" if r.get("priority") else "no"),
            ("Agencies", ", ".join(r.get("agencies") or [])),
            ("Themes", ", ".join(r.get("themes") or [])),
            ("Actions", f"{r.get('actions', 0)} in all: {r.get('signed_off', 0)} of {live} signed off, "
                        f"{r.get('completed', 0)} completed awaiting sign-off, {r.get('overdue', 0)} overdue, "
                        f"{r.get('withdrawn', 0)} withdrawn"),
            ("Closing statement of impact", r.get("impact") or "none yet (the impact plan and re-tests are below)"),
        ]
    )
