"""One action: its details, full history, and the forms that move it (agency update, sub-group assurance)."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, dcc, html, no_update

from dashboard import action_view as view
from dashboard import context
from dashboard.components import cannot_show, page_heading
from dashboard.forms import AGENCY, FORMS, MANAGE, SUB_GROUP, refusal, set_contact, submit
from dashboard.identity import current_user
from dashboard.timeline import entries_shown
from monitoring.application.page_addresses import recommendation_url, review_url, slug_to_ref
from domain.errors import DomainError


def title(ref: str | None = None, **_query) -> str:
    return f"Action {slug_to_ref(ref)} - SCR monitor"


dash.register_page(__name__, path_template="/action/<ref>", name="Action", title=title)


def layout(ref: str | None = None, **query) -> html.Div:
    reference = slug_to_ref(ref)
    try:
        action = context.queries().action(reference)
    except DomainError as error:
        return cannot_show("action", reference, error)
    return html.Div(
        [
            breadcrumbs(action),
            page_heading(f"Action {action['reference']}", f"{action['agency']}: {action['text']}"),
            dcc.Store(id="action-ref", data=action["reference"]),
            html.Div(render(action, history_shown=entries_shown(query)), id="action-body"),
        ]
    )


def render(action, **kwargs) -> list:
    """The page body for the acting user: only the forms the policy lets them use."""
    services, actor = context.services(), current_user()
    refusals = {who: refusal(services.app, actor, who, action) for who in (AGENCY, SUB_GROUP, MANAGE)}
    return view.body(context.queries(), action, today=context.today(), refusals=refusals, **kwargs)


def breadcrumbs(action) -> dbc.Breadcrumb:
    return dbc.Breadcrumb(
        items=[
            {"label": "Overview", "href": "/"},
            {"label": f"Review {action['review_code']}", "href": review_url(action["review_code"])},
            {"label": f"Recommendation R{action['recommendation_number']}", "href": recommendation_url(action["recommendation_reference"])},
            {"label": f"Action A{action['number']}", "active": True},
        ]
    )


def _register(form):
    names = form.names

    @callback(
        Output("action-body", "children", allow_duplicate=True),
        Output({"type": "action-status", "form": form.key}, "children"),
        *[Output(view.field_id(form.key, n), "invalid") for n in names],
        *[Output(view.field_id(form.key, n, "feedback"), "children") for n in names],
        Input({"type": "action-form", "form": form.key}, "n_submit"),
        State("action-ref", "data"),
        State("action-version", "data"),
        *[State(view.field_id(form.key, n), "value") for n in names],
        prevent_initial_call=True,
    )
    def send(n_submit, reference, version, *values):
        if not n_submit:
            return (no_update,) * (2 + 2 * len(names))
        services = context.services()
        outcome = submit(services.app, form, reference, dict(zip(names, values)), version=version, actor=current_user(), today=context.today())
        if outcome.ok:
            fresh = context.queries().action(reference)
            flash = f"{outcome.message} {reference} is now {fresh['status'].replace('_', ' ')}."
            return (render(fresh, flash=flash), "", *[False] * len(names), *[""] * len(names))
        status = conflict_notice(outcome.message) if outcome.conflict else (
            dbc.Alert(outcome.message, color="danger", class_name="mt-2 mb-2") if outcome.message else
            html.P("Nothing was saved: correct the field marked above.", className="text-danger mt-2 mb-2"))
        return (no_update, status, *[n in outcome.errors for n in names], *[outcome.errors.get(n, "") for n in names])

    return send


def conflict_notice(message: str) -> dbc.Alert:
    return dbc.Alert(
        [
            html.P(message, className="mb-2"),
            # type=button: inside the form, a plain button would submit the stale form again.
            dbc.Button("Reload the latest version (your text is kept)", id="action-reload", type="button", color="secondary", size="sm"),
        ],
        color="warning",
        class_name="mt-2 mb-2",
    )


for _form in FORMS.values():
    _register(_form)


@callback(
    Output("action-body", "children", allow_duplicate=True),
    Output("contact-status", "children"),
    Output("contact-email", "invalid"),
    Output("contact-email-feedback", "children"),
    Input("contact-form", "n_submit"),
    State("action-ref", "data"),
    State("contact-email", "value"),
    prevent_initial_call=True,
)
def save_contact(n_submit, reference, email):
    """The lead's email for reminders: `set_action_contact`, nothing written on error, the message beside the field."""
    if not n_submit:
        return no_update, no_update, no_update, no_update
    email = (email or "").strip()
    services = context.services()
    outcome = set_contact(lambda: services.app.set_action_contact(reference, email, actor=current_user()), view.CONTACT_LABEL)
    if outcome.ok:
        fresh = context.queries().action(reference)
        return render(fresh, flash=f"Lead's email for reminders saved: {email}."), "", False, ""
    status = (dbc.Alert(outcome.message, color="danger", class_name="mt-2 mb-2") if outcome.message else
              html.P("Nothing was saved: correct the field marked above.", className="text-danger mt-2 mb-2"))
    return no_update, status, "email" in outcome.errors, outcome.errors.get("email", "")


@callback(
    Output("action-body", "children", allow_duplicate=True),
    Input("action-reload", "n_clicks"),
    State("action-ref", "data"),
    State({"type": "action-field", "form": ALL, "name": ALL}, "value"),
    State({"type": "action-field", "form": ALL, "name": ALL}, "id"),
    prevent_initial_call=True,
)
def reload(n_clicks, reference, values, ids):
    if not n_clicks:
        return no_update
    kept = {(i["form"], i["name"]): v for i, v in zip(ids, values) if v}
    fresh = context.queries().action(reference)
    return render(fresh, kept=kept, flash="Reloaded: this is the latest version. Check your text still applies, then send it again.")
