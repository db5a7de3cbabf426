"""One agency's actions, as its lead works through them: overdue, due soon, awaiting sign-off, recently done."""
from __future__ import annotations

from datetime import timedelta

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import context
from dashboard.components import cannot_show, day, page_heading, rag_badge, section, table
from dashboard.overview_view import words_by_board
from monitoring.application.page_addresses import action_url, path_value, review_url
from domain.errors import DomainError

DUE_SOON_DAYS = 30
RECENT_DAYS = 90


def title(name: str | None = None, **_query) -> str:
    return f"{path_value(name)} - SCR monitor"


dash.register_page(__name__, path_template="/agency/<name>", name="Agency", title=title)


def layout(name: str | None = None, board: str | None = None, **_query) -> html.Div:
    queries, today = context.queries(), context.today()
    agency = path_value(name)
    try:
        actions = queries.actions(agency=agency, board=board or None)
    except DomainError as error:
        return cannot_show("agency", agency, error, back="/agencies", back_label="All agencies")
    groups = split(actions, today)
    words = words_by_board(queries)
    return html.Div(
        [
            dbc.Breadcrumb(items=[{"label": "Agencies", "href": "/agencies"}, {"label": agency, "active": True}]),
            page_heading(agency, f"{len(actions)} actions{' on ' + board if board else ''}, as at {day(today)}."),
            section("Overdue", listing(groups["overdue"], "Overdue actions, longest overdue first", words, "overdue"), id="overdue"),
            section(f"Due in the next {DUE_SOON_DAYS} days", listing(groups["due_soon"], "Actions due soon", words, "due-soon"), id="due-soon"),
            section("Awaiting sign-off", listing(groups["awaiting"], "Completed actions awaiting sign-off", words, "awaiting"), id="awaiting"),
            section(f"Done in the last {RECENT_DAYS} days", listing(groups["recent"], "Recently completed or signed off", words, "recent"), id="recent"),
        ]
    )


def split(actions, today) -> dict[str, list]:
    """The lead's four lists, from one query's rows."""
    soon, since = today + timedelta(days=DUE_SOON_DAYS), today - timedelta(days=RECENT_DAYS)
    done_on = lambda a: a.get("signed_off_on") or a.get("completed_on")  # noqa: E731
    return {
        "overdue": sorted((a for a in actions if a["overdue"]), key=lambda a: (-a["days_overdue"], a["reference"])),
        "due_soon": [a for a in actions if a["status"] in ("not_started", "in_progress") and not a["overdue"] and a["target_date"] <= soon],
        "awaiting": [a for a in actions if a["status"] == "completed"],
        "recent": sorted((a for a in actions if a["status"] in ("completed", "signed_off") and done_on(a) and done_on(a) >= since),
                         key=lambda a: done_on(a), reverse=True),
    }


def listing(actions, caption: str, words, id: str) -> html.Table:
    rows = [
        [
            dcc.Link(a["reference"], href=action_url(a["reference"])),
            dcc.Link(a["review_code"], href=review_url(a["review_code"])),
            a["text"], a.get("lead") or "", day(a["target_date"]), rag_badge(a["rag"], words.get(a["board"])),
            a["days_overdue"] or "", day(a.get("signed_off_on") or a.get("completed_on")),
        ]
        for a in actions
    ]
    columns = ["Action", "Review", "What is to be done", "Lead", "Target date", "RAG", "Days overdue", "Done on"]
    return html.Div(table(columns, rows, caption=caption, id=f"agency-{id}"), className="table-responsive")
