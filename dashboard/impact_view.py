"""The recommendation page's impact section: kind and scope, the impact plan, the re-tests, and the chair's
two forms (set the plan, record a re-test). The forms call the application's use cases, which check the
permission: a crafted request from someone who may not is refused there, and nothing is written.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html, no_update

from dashboard import context
from dashboard.components import definition_list
from dashboard.forms import Field  # name, label, kind (text, line, date, choice), hint
from dashboard.identity import current_user
from dashboard.timeline import timeline
from domain.errors import DomainError
from domain.impact import IMPACT_MEANING

SECTION = "recommendation-impact"


PLAN_FIELDS = (
    Field("expected", "What is expected to change", "text", "For children and families, in plain words."),
    Field("measure", "Measure", "text", "How it will be measured: a re-audit, a survey of practitioners, case file sampling."),
    Field("baseline", "Baseline (optional)", "line", "The measure's value before."),
    Field("baseline_on", "Baseline date (optional)", "date"),
    Field("target", "Target (optional)", "line", "The value that would show the change."),
    Field("retest_by", "Re-test by", "date", "When to test the impact again."),
    Field("reason", "Reason for the change (needed when a plan is already set)", "text"),
    Field("on", "Effective date", "date", "The date this was agreed (today unless told otherwise)."),
)
RETEST_FIELDS = (
    Field("result", "What the re-test found", "text", "The figures and what they show."),
    Field("evidenced", "Impact evidenced?", "choice"),
    Field("on", "Effective date", "date", "The date of the re-test (today unless told otherwise)."),
)
FINDINGS = (("yes", "Yes: impact evidenced"), ("partly", "Partly evidenced"), ("no", "No: not evidenced"))


def field_id(form: str, name: str) -> str:
    return f"impact-{form}-{name.replace('_', '-')}"


def impact_section(queries, rec: Mapping, *, refusal: str | None, today: date, flash: str = "") -> html.Div:
    """Kind, scope, plan and re-tests as they stand, and the forms when the reader may use them."""
    row = queries.recommendations_impact(recommendation=rec["reference"], board=rec["board"])
    row = row[0] if row else {}
    retests = queries.retests(recommendation=rec["reference"], board=rec["board"])
    parts = [
        html.P(flash, className="alert alert-success", role="status") if flash else None,
        definition_list(plan_items(row)),
        html.H3("Re-tests", className="h6"),
        retest_table(retests),
    ]
    if refusal:
        parts.append(html.P(refusal, className="text-body-secondary"))
    else:
        plan = {name: row.get(f"plan_{name}") for name in ("expected", "measure", "baseline", "baseline_on", "target")}
        plan["retest_by"] = row.get("retest_by")
        parts.append(dbc.Row([
            dbc.Col(form_card("plan", "Set the impact plan", "Save the impact plan", PLAN_FIELDS, plan, today), md=6),
            dbc.Col(form_card("retest", "Record a re-test", "Record the re-test", RETEST_FIELDS, {}, today), md=6),
        ]))
    return html.Div([p for p in parts if p is not None], id=SECTION)


def plan_items(row: Mapping) -> list[tuple[str, object]]:
    scope = (row.get("scope") or "local").capitalize()
    if row.get("addressee"):
        scope += f", addressed to {row['addressee']}"
    baseline = row.get("plan_baseline") or "not given"
    if row.get("plan_baseline_on"):
        baseline += f" (on {row['plan_baseline_on']})"
    overdue = " (overdue)" if row.get("retest_overdue") else ""
    response = None
    if row.get("scope") == "national":
        response = (f"asked for on {row['response_asked_on']}" if row.get("response_asked_on") else "not yet asked for") + (
            f", received on {row['response_received_on']}" if row.get("response_received_on") else (", not yet received" if row.get("response_asked_on") else ""))
    return [
        ("Kind", "Overview (multi-agency)" if row.get("kind", "overview") == "overview" else "Single agency (IMR)"),
        ("Scope", scope),
        *((("National body's response", response),) if response else ()),
        ("Expected to change", row.get("plan_expected") or "no impact plan yet"),
        ("Measure", row.get("plan_measure") or "-"),
        ("Baseline", baseline),
        ("Target", row.get("plan_target") or "not given"),
        ("Re-test by", html.Strong((row.get("retest_by") or "-") + overdue, id="impact-retest-by")),
        ("Impact", html.Strong(IMPACT_MEANING[row.get("impact", "not_tested")], id="impact-finding")),
    ]


def retest_table(retests: list[Mapping]) -> html.Table | html.P:
    if not retests:
        return html.P("No re-test recorded yet.")
    head = html.Thead(html.Tr([html.Th("Date", scope="col"), html.Th("Finding", scope="col"), html.Th("Result", scope="col")]))
    body = html.Tbody([html.Tr([html.Td(r["on"]), html.Td(IMPACT_MEANING[r["impact"]]), html.Td(r["result"])]) for r in retests])
    return html.Table([html.Caption("Re-tests of this recommendation's impact"), head, body], className="table table-sm")


def form_card(form: str, title: str, button: str, fields, values: Mapping, today: date) -> dbc.Card:
    controls = [control(form, f.name, f.label, f.kind, f.hint, values.get(f.name), today) for f in fields]
    return dbc.Card(dbc.CardBody([
        html.H4(title, className="h6 card-title"),
        dbc.Form([*controls, html.Div(id=field_id(form, "status"), role="status"),
                  dbc.Button(button, type="submit", color="primary", id=field_id(form, "submit"))],
                 id=field_id(form, "form"), prevent_default_on_submit=True),
    ]), class_name="mb-3")


def control(form: str, name: str, label: str, kind: str, hint: str, value, today: date) -> html.Div:
    component_id = field_id(form, name)
    if kind == "date":
        default = today.isoformat() if name == "on" else ""
        widget = dbc.Input(id=component_id, type="date", value=value or default, max=today.isoformat() if name == "on" else None)
    elif kind == "choice":
        widget = dbc.Select(id=component_id, value=value or "", options=[{"label": "Choose one", "value": ""}] + [
            {"label": text, "value": v} for v, text in FINDINGS])
    elif kind == "line":
        widget = dbc.Input(id=component_id, type="text", value=value or "")
    else:
        widget = dbc.Textarea(id=component_id, value=value or "", rows=2)
    parts = [dbc.Label(label, html_for=component_id), widget]
    if hint:
        parts.append(dbc.FormText(hint))
    return html.Div(parts, className="mb-3")


def _date(field: str, raw: str | None) -> date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise DomainError(field, f"{raw!r} is not a date; use the date picker or YYYY-MM-DD") from None


def save_plan(app, reference: str, values: Mapping[str, str | None], actor: str) -> str:
    """Run the plan use case; returns the confirmation. DomainError (naming the field) when refused."""
    app.plan_impact(
        reference, expected=values.get("expected") or "", measure=values.get("measure") or "", baseline=values.get("baseline") or "",
        baseline_on=_date("baseline-date", values.get("baseline_on")), target=values.get("target") or "",
        retest_by=_date("retest-by", values.get("retest_by")), reason=values.get("reason") or "", actor=actor, on=_date("on", values.get("on")),
    )
    return "Impact plan saved."


def save_retest(app, reference: str, values: Mapping[str, str | None], actor: str) -> str:
    if not (values.get("evidenced") or "").strip():
        raise DomainError("evidenced", "choose yes, partly or no")
    app.retest_recommendation(reference, result=values.get("result") or "", evidenced=values.get("evidenced") or "",
                              actor=actor, on=_date("on", values.get("on")))
    return "Re-test recorded."


def _children_of(component, wanted: str):
    """The children of the component with id `wanted` inside `component` (the timeline's list of events)."""
    if getattr(component, "id", None) == wanted:
        return component.children
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found = _children_of(child, wanted)
            if found is not None:
                return found
    return None


def _register(form: str, fields, save):
    names = [f.name for f in fields]

    @callback(
        Output(SECTION, "children", allow_duplicate=True),
        Output(field_id(form, "status"), "children"),
        Output("timeline", "children", allow_duplicate=True),  # the page's history shows the new event at once
        Input(field_id(form, "form"), "n_submit"),
        State("recommendation-ref", "data"),
        *[State(field_id(form, n), "value") for n in names],
        prevent_initial_call=True,
    )
    def send(n_submit, reference, *values):
        if not n_submit:
            return no_update, no_update, no_update
        try:
            message = save(context.services().app, reference, dict(zip(names, values)), current_user())
        except DomainError as error:
            return no_update, dbc.Alert(f"Nothing was saved. {error.field}: {error.reason}", color="danger", class_name="mt-2 mb-2"), no_update
        queries = context.queries()
        rec = queries.recommendation(reference)
        history = _children_of(timeline(queries.history(rec["id"])), "timeline")
        return impact_section(queries, rec, refusal=None, today=context.today(), flash=message).children, "", history

    return send


def register_callbacks() -> None:
    """Called by the recommendation page's module: Dash executes page modules afresh for every app it builds, so
    each app (a test process may build several) takes these callbacks, as it takes the page's own."""
    _register("plan", PLAN_FIELDS, save_plan)
    _register("retest", RETEST_FIELDS, save_retest)
