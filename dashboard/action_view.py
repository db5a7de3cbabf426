"""The action page's body: details, the forms its status allows, and its full history."""
from __future__ import annotations

import json
from collections.abc import Mapping

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import context
from dashboard.components import day, definition_list, rag_badge, section, words
from dashboard.evidence_view import documents_section, signing_off_on
from dashboard.forms import AGENCY, EFFECTIVE, FORMS, MANAGE, SUB_GROUP, Field, Form
from dashboard.overview_view import rag_words
from dashboard.timeline import ALL, LATEST, timeline, timeline_rows
from domain.impact import ASSURANCE_MEANING
from monitoring.application.page_addresses import action_url, agency_url, recommendation_url, review_url


def field_id(form: str, name: str, part: str = "field") -> dict:
    return {"type": f"action-{part}", "form": form, "name": name}


def dom_id(component_id: dict) -> str:
    """The id attribute Dash gives a pattern-matching id (keys sorted, compact JSON), for <label for>."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def body(queries, action: Mapping, *, today, flash: str | None = None, kept: Mapping | None = None, refusals: Mapping | None = None,
         history_shown: int | None = LATEST) -> list:
    words = rag_words(queries, action["board"])
    documents = queries.documents(action["id"])
    refusals = refusals or {}
    may_attach = None if not refusals.get(AGENCY) or not refusals.get(SUB_GROUP) else refusals.get(AGENCY)
    return [
        dbc.Alert(flash, color="success", id="action-flash", class_name="mb-3") if flash else None,
        dcc.Store(id="action-version", data=action["version"]),
        unsent(action, kept or {}),
        dbc.Row(
            [
                dbc.Col([section("Details", details(action, words, assurance_words(queries, action["board"])), id="details"),
                         section("Reminders", contact_form(action, agency_contact(queries, action), (refusals or {}).get(MANAGE),
                                                           kept.get(("contact", "email")) if kept else None), id="reminders")], xl=5),
                dbc.Col(section("Update or assure this action", forms(action, today, kept or {}, refusals or {}, documents), id="forms"), xl=7),
            ]
        ),
        documents_section(action, documents, may_attach=may_attach, limit=context.services().app.evidence_limit),
        timeline(**timeline_rows(queries, action["id"], history_shown), all_href=f"{action_url(action['reference'])}?history={ALL}"),
    ]


CONTACT_LABEL = "Lead's email for reminders"


def agency_contact(queries, action: Mapping) -> str:
    """The agency's contact for the action's board: where reminders go when the action has none."""
    board = next((b for b in queries.boards() if b["name"] == action["board"]), None)
    return ((board or {}).get("agency_contacts") or {}).get(action["agency"]) or ""


def contact_now(action: Mapping, fallback: str) -> str:
    if action.get("contact"):
        return f"Reminders and overdue notices go to {action['contact']}."
    if fallback:
        return f"None set on this action: reminders go to {action['agency']}'s contact for the board, {fallback}."
    return f"None set, and {action['agency']} has no contact for this board: no reminder can be sent until one is set."


def contact_form(action: Mapping, fallback: str, refused: str | None, typed: str | None = None) -> html.Div:
    """The lead's email for reminders (monitoring.application.use_cases.set_action_contact), for those who may manage the board."""
    now = html.P(contact_now(action, fallback), id="contact-now")
    if refused:
        return html.Div([now, html.P(refused, className="text-body-secondary")])
    if action["status"] == "withdrawn":
        return html.Div([now, html.P("The action is withdrawn: reopen it first to set its lead's email.", className="text-body-secondary")])
    return html.Div(
        [
            now,
            dbc.Form(
                [
                    html.Div(
                        [
                            dbc.Label(CONTACT_LABEL, html_for="contact-email"),
                            # type=text: the browser's own email check would block the form before the message beside the field.
                            dbc.Input(id="contact-email", type="text", inputMode="email", value=typed if typed is not None else (action.get("contact") or ""),
                                      autoComplete="email"),
                            dbc.FormFeedback(id="contact-email-feedback", type="invalid"),
                            dbc.FormText("Where this action's reminders and overdue notices go; without one, to the agency's contact "
                                         "for the board (see Board contacts)."),
                        ],
                        className="mb-3 form-field",
                    ),
                    html.Div(id="contact-status", className="form-status", role="status"),
                    dbc.Button("Save the lead's email", type="submit", color="secondary", id="contact-submit"),
                ],
                id="contact-form",
                prevent_default_on_submit=True,
            ),
        ]
    )


def unsent(action: Mapping, kept: Mapping) -> dbc.Alert | None:
    """Text typed into a form that the action's new status no longer offers: shown, never dropped."""
    lost = [(FORMS[form], name, text) for (form, name), text in kept.items()
            if name != "on" and form in FORMS and not FORMS[form].allowed(action["status"])]
    if not lost:
        return None
    items = [html.Li([html.Strong(f"{form.title}, {_label(form, name)}: "), text]) for form, name, text in lost]
    return dbc.Alert([html.P("The action has moved on, so these forms are closed. Your text was not sent; here it is:"),
                      html.Ul(items, className="mb-0")], color="info", id="action-unsent")


def _label(form: Form, name: str) -> str:
    return next((f.label for f in form.fields if f.name == name), name)


def assurance_words(queries, board: str) -> dict[str, str]:
    """The standard assurance levels' words, with the board's own where it has given them (display only)."""
    own = next((b.get("assurance_words") or {} for b in queries.boards() if b["name"] == board), {})
    return {**ASSURANCE_MEANING, **own}


def details(a: Mapping, words, assurance: Mapping[str, str] = ASSURANCE_MEANING) -> html.Dl:
    """The action as it stands, every field labelled."""
    target = day(a["target_date"])
    if a.get("reschedules"):
        target += f" (moved {a['reschedules']} time{'s' if a['reschedules'] != 1 else ''}; originally {day(a['original_target_date'])})"
    return definition_list(
        [
            ("Status", html.Span([words_status(a["status"]), " ", rag_badge(a["rag"], words)], id="action-status")),
            ("Overdue", f"yes, {a['days_overdue']} days" if a.get("overdue") else "no"),
            ("Agency", dcc.Link(a["agency"], href=agency_url(a["agency"]))),
            ("Lead", a.get("lead")),
            ("What is to be done", a.get("text")),
            ("Success measure", a.get("measure")),
            ("Target date", target),
            ("Agreed", day(a.get("agreed_on"))),
            ("Latest progress", day(a.get("last_progress_on"))),
            ("Completed", day(a.get("completed_on"))),
            ("Evidence", a.get("evidence")),
            ("Signed off", day(a.get("signed_off_on"))),
            ("Impact", a.get("impact") or ("not yet evidenced" if a["status"] == "signed_off" else None)),
            ("Assurance", assurance.get(a.get("assurance") or "")),
            ("Review", dcc.Link(f"{a['review_code']}: {a.get('review_title') or ''}", href=review_url(a["review_code"]))),
            ("Recommendation", dcc.Link(a["recommendation_reference"], href=recommendation_url(a["recommendation_reference"]))),
            ("Lead contact", a.get("contact")),
        ]
    )


def words_status(status: str) -> html.Strong:
    return html.Strong(words(status).capitalize())


def forms(action: Mapping, today, kept: Mapping, refusals: Mapping, documents=()) -> html.Div:
    """The forms the action's status allows, grouped by who uses them; a group the user may not use says why."""
    allowed = [f for f in FORMS.values() if f.allowed(action["status"])]
    groups = []
    for who, heading in ((AGENCY, "Agency update"), (SUB_GROUP, "Sub-group assurance")):
        mine = [dbc.Col(form_card(f, today, kept), md=6) for f in allowed if f.who == who]
        if mine and refusals.get(who):
            groups += [html.H3(heading, className="h5 mt-2"), html.P(refusals[who], className="text-body-secondary")]
        elif mine:
            listed = [signing_off_on(documents)] if who == SUB_GROUP else []  # what the sub-group signs off on
            groups += [html.H3(heading, className="h5 mt-2"), *listed, dbc.Row(mine)]
    return html.Div(groups or [html.P("Nothing can change this action in its present status.")])


def form_card(form: Form, today, kept: Mapping) -> dbc.Card:
    fields = [form_field(form.key, f, kept.get((form.key, f.name)), today) for f in form.fields]
    fields.append(form_field(form.key, EFFECTIVE, kept.get((form.key, "on")) or today.isoformat(), today))
    heading_id = f"form-{form.key}-heading"
    return dbc.Card(
        dbc.CardBody(
            [
                html.H4(form.title, className="h6 card-title", id=heading_id),
                dbc.Form(
                    [
                        *fields,
                        html.Div(id={"type": "action-status", "form": form.key}, className="form-status", role="status"),
                        dbc.Button(form.button, type="submit", color="primary", id={"type": "action-submit", "form": form.key}),
                    ],
                    id={"type": "action-form", "form": form.key},
                    prevent_default_on_submit=True,
                ),
            ]
        ),
        class_name="mb-3 action-form",
        id=f"form-{form.key}",
    )


def form_field(form: str, field: Field, value, today) -> html.Div:
    component_id = field_id(form, field.name)
    label = field.label if field.required or field.kind == "date" else f"{field.label} (optional)"
    if field.kind == "date":
        control = dbc.Input(id=component_id, type="date", value=value or "", max=today.isoformat() if field.name == "on" else None)
    elif field.kind == "choice":
        control = dbc.Select(id=component_id, value=value or "", options=[{"label": text, "value": v} for v, text in field.choices])
    else:
        control = dbc.Textarea(id=component_id, value=value or "", rows=3)
    parts = [dbc.Label(label, html_for=dom_id(component_id)), control]
    parts.append(dbc.FormFeedback(id=field_id(form, field.name, "feedback"), type="invalid"))
    if field.hint:
        parts.append(dbc.FormText(field.hint))
    return html.Div(parts, className="mb-3 form-field")
