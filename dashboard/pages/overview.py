"""Overview for the sub-group: where every plan stands on a date, what is overdue, what awaits sign-off."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard import context
from dashboard import overview_view as view
from dashboard.components import page_heading, section
from dashboard.grids import action_grid
from domain.errors import DomainError

dash.register_page(__name__, path="/", name="Overview", title="Overview - SCR monitor", order=0)


def layout(board: str | None = None, as_at: str | None = None, **_query) -> html.Div:
    queries, today = context.queries(), context.today()
    boards = [b["name"] for b in queries.boards()]
    if board not in boards:
        board = boards[0] if len(boards) == 1 else view.ALL_BOARDS
    try:
        chosen = view.parse_as_at(as_at, today)
    except DomainError:
        chosen = today
    return html.Div(
        [
            page_heading("Action plans overview", "Where every action plan stands, what is overdue and what awaits sign-off."),
            dbc.Form(filters(boards, board, chosen, today), class_name="row g-3 align-items-start mb-2", id="overview-filters"),
            dcc.Store(id="overview-query", data={"board": board, "as_at": chosen.isoformat()}),
            html.P(view.scope_sentence(view.chosen_board(board), chosen), id="overview-scope", className="fw-semibold", role="status"),
            dcc.Loading(dbc.Row(id="overview-cards", class_name="g-3"), type="dot", delay_show=400),
            dbc.Row([dbc.Col(id="overview-agency-chart", xxl=6), dbc.Col(id="overview-review-chart", xxl=6)], class_name="mt-2"),
            section(
                "Overdue actions",
                html.P(id="overview-overdue-summary"),
                action_grid("overview-overdue"),
                id="overdue",
            ),
            section("Action plans", html.Div(id="overview-reviews", className="table-responsive"), id="plans"),
        ]
    )


def filters(boards: list[str], board: str, as_at, today) -> list:
    options = [{"label": "All boards", "value": view.ALL_BOARDS}] + [{"label": b, "value": b} for b in boards]
    return [
        dbc.Col([dbc.Label("Board", html_for="overview-board"), dbc.Select(id="overview-board", options=options, value=board)],
                md=6, lg=5, class_name="form-field"),
        dbc.Col(
            [
                dbc.Label("As at", html_for="overview-as-at"),
                dbc.Input(id="overview-as-at", type="date", value=as_at.isoformat(), max=today.isoformat(), debounce=True),
                dbc.FormFeedback(id="overview-as-at-feedback", type="invalid"),
                dbc.FormText("The figures as they stood at the end of this day.", id="overview-as-at-hint"),
            ],
            md=4, lg=3, class_name="form-field",
        ),
    ]


@callback(
    Output("overview-query", "data"),
    Output("overview-as-at", "invalid"),
    Output("overview-as-at-feedback", "children"),
    Output("overview-scope", "children"),
    Input("overview-board", "value"),
    Input("overview-as-at", "value"),
    State("overview-query", "data"),
    prevent_initial_call=True,
)
def choose(board, as_at, current):
    try:
        chosen = view.parse_as_at(as_at, context.today())
    except DomainError as error:
        return no_update, True, error.reason, no_update
    query = {"board": board or view.ALL_BOARDS, "as_at": chosen.isoformat()}
    if query == current:
        return no_update, False, "", no_update
    return query, False, "", view.scope_sentence(view.chosen_board(board), chosen)


def _args(query):
    from datetime import date

    return context.queries(), view.chosen_board(query.get("board")), date.fromisoformat(query["as_at"])


@callback(Output("overview-cards", "children"), Input("overview-query", "data"))
def show_cards(query):
    return view.cards(*_args(query))


@callback(Output("overview-agency-chart", "children"), Input("overview-query", "data"))
def show_agency_chart(query):
    return view.agency_chart(*_args(query))


@callback(Output("overview-review-chart", "children"), Input("overview-query", "data"))
def show_review_chart(query):
    return view.review_chart(*_args(query))


@callback(Output("overview-overdue", "rowData"), Output("overview-overdue-summary", "children"), Input("overview-query", "data"))
def show_overdue(query):
    return view.overdue(*_args(query))


@callback(Output("overview-reviews", "children"), Input("overview-query", "data"))
def show_reviews(query):
    return view.plans(*_args(query))
