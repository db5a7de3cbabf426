"""Themes: the learning reviews keep finding, by reporting year, with the recommendations behind each count."""
from __future__ import annotations

import json
from datetime import date

import dash
import dash_bootstrap_components as dbc
from dash import ALL as ALL_PAGES, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import context
from dashboard import themes_view as view
from dashboard.components import chart, page_heading, section
from dashboard.overview_view import ALL_BOARDS, chosen_board, parse_as_at
from dashboard.theme_scheme_view import PATH, scheme_url
from domain.errors import DomainError
from domain.statuses import REVIEW_TYPES
from domain.theme_scheme import DEFAULTS

ALL = "all"

dash.register_page(__name__, path="/themes", name="Themes", title="Themes - SCR monitor", order=5)


def layout(board=None, as_at=None, kind=None, agency=None, count=None, theme=None, year=None, **_query) -> html.Div:
    queries, today = context.queries(), context.today()
    boards = [b["name"] for b in queries.boards()]
    board = board if board in boards else (boards[0] if len(boards) == 1 else ALL_BOARDS)
    try:
        chosen = parse_as_at(as_at, today)
    except DomainError:
        chosen = today
    query = {"board": board, "as_at": chosen.isoformat(), "kind": kind if kind in REVIEW_TYPES else ALL,
             "agency": agency or ALL, "count": count if count in view.COUNTS else "recommendations"}
    agencies = queries.agencies(board=chosen_board(board))
    return html.Div([
        page_heading("Themes", "The learning reviews find, by reporting year: where the same lessons come back."),
        html.P(dcc.Link("Theme scheme: each theme's name, definition and aliases, and changes to them",
                        href=scheme_url(board) if board != ALL_BOARDS else PATH, id="themes-scheme-link")),
        dbc.Form(filters(boards, agencies, query, today), class_name="row g-3 align-items-start mb-2", id="themes-filters"),
        dcc.Store(id="themes-query", data=query),
        dcc.Store(id="themes-selected", data={"theme": theme, "year": year}),
        dcc.Store(id="themes-records-page", data=None),
        dbc.Row([dbc.Col(id="themes-heatmap", xxl=7), dbc.Col(id="themes-data", xxl=5, class_name="table-responsive")],
                class_name="mt-2"),
        section("Recommendations behind a count", html.Div(id="themes-records"), id="theme-records"),
        section("Other boards", html.Div(id="themes-others-section"), id="themes-other-boards"),
    ])


def filters(boards, agencies, query, today) -> list:
    board_options = [{"label": "All your boards", "value": ALL_BOARDS}] + [{"label": b, "value": b} for b in boards]
    kinds = [{"label": "All kinds", "value": ALL}] + [{"label": label, "value": key} for key, label in REVIEW_TYPES.items()]
    agency_options = [{"label": "All agencies", "value": ALL}] + [{"label": a, "value": a} for a in agencies]
    return [
        _field("Board", dbc.Select(id="themes-board", options=board_options, value=query["board"]), "themes-board", lg=4),
        _field("Review kind", dbc.Select(id="themes-kind", options=kinds, value=query["kind"]), "themes-kind", lg=3),
        _field("Agency", dbc.Select(id="themes-agency", options=agency_options, value=query["agency"]), "themes-agency", lg=3),
        dbc.Col([dbc.Label("As at", html_for="themes-as-at"),
                 dbc.Input(id="themes-as-at", type="date", value=query["as_at"], max=today.isoformat(), debounce=True),
                 dbc.FormFeedback(id="themes-as-at-feedback", type="invalid")], md=4, lg=2, class_name="form-field"),
        dbc.Col(html.Fieldset([html.Legend("Count", className="form-label fs-6"),
                               dbc.RadioItems(id="themes-count", value=query["count"], inline=True,
                                              options=[{"label": label, "value": key} for key, label in view.COUNTS.items()])]),
                md=6, class_name="form-field"),
    ]


def _field(label: str, control, id: str, **width) -> dbc.Col:
    return dbc.Col([dbc.Label(label, html_for=id), control], md=6, class_name="form-field", **width)


@callback(
    Output("themes-query", "data"), Output("themes-as-at", "invalid"), Output("themes-as-at-feedback", "children"),
    Input("themes-board", "value"), Input("themes-kind", "value"), Input("themes-agency", "value"),
    Input("themes-as-at", "value"), Input("themes-count", "value"), State("themes-query", "data"),
    prevent_initial_call=True,
)
def choose(board, kind, agency, as_at, count, current):
    try:
        chosen = parse_as_at(as_at, context.today())
    except DomainError as error:
        return no_update, True, error.reason
    query = {"board": board or ALL_BOARDS, "as_at": chosen.isoformat(), "kind": kind or ALL, "agency": agency or ALL,
             "count": count if count in view.COUNTS else "recommendations"}
    return (no_update if query == current else query), False, ""


def answer(query: dict) -> dict:
    """The read API's themes answer for the page's filters (held to the reader's boards)."""
    return context.queries().themes(**_filters(query))


def _filters(query: dict) -> dict:
    return {"board": chosen_board(query.get("board")), "as_at": date.fromisoformat(query["as_at"]),
            "review_type": None if query.get("kind") in (None, ALL) else query["kind"],
            "agency": None if query.get("agency") in (None, ALL) else query["agency"]}


def _link_query(query: dict) -> dict:
    return {k: v for k, v in query.items() if v not in (None, ALL, ALL_BOARDS)}


@callback(Output("themes-heatmap", "children"), Output("themes-data", "children"), Output("themes-others-section", "children"),
          Input("themes-query", "data"))
def show(query):
    try:
        found = answer(query)
    except DomainError as error:
        message = dbc.Alert(f"{error.field}: {error.reason}", color="warning")
        return message, html.Div(), html.Div()
    count = query.get("count", "recommendations")
    figure = chart(view.heatmap(found, count), summary=view.summary(found, count),
                   data_table=html.P("The numbers are in the table beside the heatmap."), id="themes-heatmap-graph")
    return figure, view.data_table(found, count, _link_query(query)), view.others_table(found) if found["other_boards"] else \
        html.P("You may read every board: nothing is held back.")


@callback(Output("themes-selected", "data"), Input("themes-heatmap-graph", "clickData"), prevent_initial_call=True)
def pick(click):
    point = ((click or {}).get("points") or [None])[0]
    if not point:
        return no_update
    return {"theme": point["customdata"], "year": int(str(point["x"]).split("/")[0])}


@callback(Output("themes-records-page", "data"), Input({"type": view.TURN, "to": ALL_PAGES, "at": ALL_PAGES}, "n_clicks"),
          State("themes-selected", "data"), State("themes-query", "data"), prevent_initial_call=True)
def turn(clicks, selected, query):
    if not ctx.triggered_id or not any(clicks or []):  # buttons drawn afresh, not a press
        return no_update
    return {"page": ctx.triggered_id["to"], "for": _listing(selected, query)}


@callback(Output("themes-records", "children"), Input("themes-selected", "data"), Input("themes-query", "data"),
          Input("themes-records-page", "data"))
def show_records(selected, query, page=None):
    theme, year = (selected or {}).get("theme"), (selected or {}).get("year")
    if not theme:
        return html.P("Choose a number in the table (or a cell of the heatmap) to list its recommendations.")
    try:
        rows = context.queries().theme_recommendations(theme, year=year or None, **_filters(query))
        name = rows[0]["theme_name"] if rows else DEFAULTS[theme].name if theme in DEFAULTS else theme
    except (DomainError, ValueError) as error:
        return dbc.Alert(str(error), color="warning")
    # The page turned to belongs to the list it was turned on: another cell or filter starts at the first page.
    same_list = isinstance(page, dict) and page.get("for") == _listing(selected, query)
    return view.records(rows, name, year, int(page.get("page") or 0) if same_list else 0)


def _listing(selected, query) -> str:
    return json.dumps([selected, query], sort_keys=True, default=str)
