"""Each board's contacts for the notices: the sub-group chair's email and each agency's email (the leads' fallback)."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, callback, dcc, html, no_update

from dashboard import context
from dashboard.action_view import dom_id
from dashboard.components import page_heading, section
from dashboard.forms import set_contact
from dashboard.identity import current_user
from domain.errors import PermissionDenied
from monitoring.security.permissions import who_can

dash.register_page(__name__, path="/board-contacts", name="Board contacts", title="Board contacts - SCR monitor")

CHAIR = ""  # the `agency` part of the chair's field ids


def layout(**_query) -> html.Div:
    boards = context.queries().boards()
    return html.Div(
        [
            page_heading("Board contacts", "Where the scheduler's notices go: the sub-group chair (escalations, statutory "
                                           "clocks, the weekly digest) and each agency (reminders for actions with no lead's email)."),
            *[board_section(b) for b in boards],
            html.P("No boards yet.") if not boards else None,
            dcc.Link("Back to the agencies", href="/agencies"),
        ]
    )


def field_id(board: str, agency: str, part: str = "input") -> dict:
    return {"type": f"contact-{part}", "board": board, "agency": agency}


def label_for(agency: str) -> str:
    return "Sub-group chair's email" if agency == CHAIR else f"{agency}'s email"


def board_section(board: dict) -> html.Section:
    refused = may_not_manage(board["name"])
    rows = [(CHAIR, board.get("chair_contact") or "")]
    rows += [(a, (board.get("agency_contacts") or {}).get(a) or "") for a in board.get("agencies") or []]
    if refused:
        body = [html.P(refused, className="text-body-secondary"),
                html.Dl([part for agency, email in rows for part in (html.Dt(label_for(agency)), html.Dd(email or "not set"))])]
    else:
        body = [dbc.Row([dbc.Col(contact_form(board["name"], agency, email), md=6, xl=4) for agency, email in rows])]
    return section(board["name"], *body, id="board-" + "".join(c if c.isalnum() else "-" for c in board["name"].lower()))


def may_not_manage(board: str) -> str | None:
    try:
        context.services().app.policy.check(current_user(), "manage", board=board)
    except PermissionDenied:
        return f"Only {who_can('manage')} can change this board's contacts."
    return None


def contact_form(board: str, agency: str, email: str) -> dbc.Form:
    component_id = field_id(board, agency)
    return dbc.Form(
        [
            html.Div(
                [
                    dbc.Label(label_for(agency), html_for=dom_id(component_id)),
                    dbc.Input(id=component_id, type="text", inputMode="email", value=email, autoComplete="off"),
                    dbc.FormFeedback(id=field_id(board, agency, "feedback"), type="invalid"),
                ],
                className="mb-2 form-field",
            ),
            html.Div(id=field_id(board, agency, "status"), className="form-status mb-2", role="status"),
            dbc.Button(f"Save {'the chair' if agency == CHAIR else agency}'s email", type="submit", color="secondary", size="sm",
                       id=field_id(board, agency, "submit")),
        ],
        id=field_id(board, agency, "form"),
        prevent_default_on_submit=True,
        class_name="mb-4 board-contact",
    )


@callback(
    Output(field_id(MATCH, MATCH, "status"), "children"),
    Output(field_id(MATCH, MATCH), "invalid"),
    Output(field_id(MATCH, MATCH, "feedback"), "children"),
    Input(field_id(MATCH, MATCH, "form"), "n_submit"),
    State(field_id(MATCH, MATCH), "value"),
    State(field_id(MATCH, MATCH), "id"),
    prevent_initial_call=True,
)
def save(n_submit, email, component_id):
    """set_chair_contact or set_agency_contact; a mistake beside the field, nothing written."""
    if not n_submit:
        return no_update, no_update, no_update
    board, agency, email = component_id["board"], component_id["agency"], (email or "").strip()
    app, actor = context.services().app, current_user()
    if agency == CHAIR:
        outcome = set_contact(lambda: app.set_chair_contact(board, email, actor=actor), label_for(agency))
    else:
        outcome = set_contact(lambda: app.set_agency_contact(board, agency, email, actor=actor), label_for(agency))
    if outcome.ok:
        return html.P(f"Saved: {label_for(agency)} is now {email}.", className="text-success mb-0"), False, ""
    if outcome.message:
        return html.P(outcome.message, className="text-danger mb-0"), False, ""
    return html.P("Nothing was saved: correct the field above.", className="text-danger mb-0"), True, outcome.errors["email"]
