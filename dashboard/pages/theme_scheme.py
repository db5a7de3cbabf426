"""A board's theme scheme: its themes as at today, readable by anyone who may read the board, and the edits
(add a local theme, rename, merge, alias) for those the theme use cases let edit it."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard import context
from dashboard import theme_scheme_view as view
from dashboard.components import page_heading, problem
from dashboard.forms import EFFECTIVE
from dashboard.identity import current_user
from domain.errors import DomainError, PermissionDenied

dash.register_page(__name__, path=view.PATH, name="Theme scheme", title="Theme scheme - SCR monitor")


def layout(board=None, **_query) -> html.Div:
    boards = [b["name"] for b in context.queries().boards()]
    if board is None and len(boards) == 1:
        board = boards[0]
    if board is None:
        return html.Div([heading(), choose_board(boards), back()])
    try:
        scheme = context.queries().theme_scheme(board=board)
    except DomainError as error:
        return problem(f"{error.reason}.", title="Theme scheme not available", back="/themes", back_label="Back to the themes")
    return html.Div([
        heading(scheme.board),
        dcc.Store(id="scheme-board", data=scheme.board),
        html.Div(render(scheme.board), id=view.BODY),
        back(),
    ])


def heading(board: str | None = None):
    return page_heading(f"Theme scheme: {board}" if board else "Theme scheme",
                        "The themes a board codes its reviews and recommendations with: a shared scheme with the board's "
                        "own local themes, names, merges and aliases.")


def choose_board(boards: list[str]) -> html.Nav:
    links = [html.Li(dcc.Link(b, href=view.scheme_url(b))) for b in boards]
    return html.Nav([html.H2("Choose a board", className="h5"), html.Ul(links) if links else html.P("No boards yet.")],
                    **{"aria-label": "Boards"})


def back() -> dcc.Link:
    return dcc.Link("Back to the themes", href="/themes")


def render(board: str, flash: str = "") -> list:
    """The list and, for those the use cases let edit, the forms (the check is ThemeWork.check_editor's)."""
    services, today = context.services(), context.today()
    try:
        services.themes.check_editor(board, current_user())
        refused = False
    except PermissionDenied:
        refused = True
    scheme = context.queries().theme_scheme(board=board)
    return view.body(scheme, today, refused=refused, flash=flash)


def _register(key: str):
    form = view.SCHEME_FORMS[key].form
    names = [f.name for f in (*form.fields, EFFECTIVE)]

    @callback(
        Output(view.BODY, "children", allow_duplicate=True),
        Output(view.field_id(key, "status"), "children"),
        *[Output(view.field_id(key, n), "invalid") for n in names],
        *[Output(view.field_id(key, f"{n}-feedback"), "children") for n in names],
        Input(view.field_id(key, "form"), "n_submit"),
        State("scheme-board", "data"),
        *[State(view.field_id(key, n), "value") for n in names],
        prevent_initial_call=True,
    )
    def send(n_submit, board, *values):
        if not n_submit:
            return (no_update,) * (2 + 2 * len(names))
        outcome, said = view.edit(context.services().themes, key, board, dict(zip(names, values)), current_user(), context.today())
        if outcome.ok:
            return (render(board, flash=said), "", *[False] * len(names), *[""] * len(names))
        status = (dbc.Alert(f"Nothing was saved. {outcome.message}", color="danger", class_name="mt-2 mb-2") if outcome.message else
                  html.P("Nothing was saved: correct the field marked above.", className="text-danger mt-2 mb-2"))
        return (no_update, status, *[n in outcome.errors for n in names], *[outcome.errors.get(n, "") for n in names])

    return send


for _key in view.SCHEME_FORMS:
    _register(_key)
