"""Every agency's figures side by side, each a link to its own list of actions."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import context
from dashboard.components import day, page_heading
from dashboard.overview_view import status_table
from monitoring.application.page_addresses import agency_url

dash.register_page(__name__, path="/agencies", name="Agencies", title="Agencies - SCR monitor", order=1)


def layout(**_query) -> html.Div:
    queries, today = context.queries(), context.today()
    rows = queries.status("agency", as_at=today)["rows"]
    return html.Div(
        [
            page_heading("Agencies", f"Each agency's actions as at {day(today)}; choose one to see what it has to do."),
            html.Div(status_table(rows, "Agency", "Actions by agency and RAG status", {}, link=agency_url, id="agencies-table"),
                     className="table-responsive"),
            html.P(["Each agency's email for reminders, and the sub-group chair's, are set on ",
                    dcc.Link("Board contacts", href="/board-contacts"), "."]),
        ]
    )
