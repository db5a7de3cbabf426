"""The theme scheme page's body: the board's themes as at today, and the business manager's four edits.

Each edit is a use case of monitoring.application.themes (add_local_theme, rename_theme, merge_themes, alias_theme),
sent through dashboard.forms.submit so a refusal comes back beside the field it names; who may edit is the use
cases' own check (ThemeWork.check_editor), asked before the forms are offered and again by every edit.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components import NOT_SET, day, table
from dashboard.forms import EFFECTIVE, MANAGE, Field, Form, Outcome, submit
from domain.errors import DomainError
from domain.names import same_name
from domain.theme_scheme import SchemeAsAt
from monitoring.application.themes import EDIT_SCHEME, ThemeWork
from monitoring.security.permissions import who_can

PATH = "/themes/scheme"
BODY = "scheme-body"
THEME_CHOICE = "theme-choice"  # a Field kind: a select of the board's themes in force, filled when drawn


def scheme_url(board: str) -> str:
    return f"{PATH}?{urlencode({'board': board})}"


def _use(method: Callable) -> Callable:
    """A ThemeWork edit as forms.submit calls a use case: (services.themes, board, **values); no version to hold."""

    def call(themes, board, *, expected_version=None, **values):
        return method(themes, board, **values)

    return call


@dataclass(frozen=True)
class SchemeForm:
    form: Form
    said: Callable[[SchemeAsAt, Mapping[str, str], date], str]  # the confirmation: what changed, in the scheme's names


THEME = Field("theme", "Theme", THEME_CHOICE)
# dashboard.forms.Form as submit() reads it: the use case, the fields and their labels (no status allows or forbids
# a scheme edit, so `command` is left empty; `who` is what check_editor asks).
SCHEME_FORMS = {
    f.form.key: f
    for f in (
        SchemeForm(Form("add", "Add a local theme", "Add the theme", _use(ThemeWork.add_local_theme), "", MANAGE,
                        (Field("name", "Name", "line", "As the board's trackers and reports will show it."),
                         Field("definition", "Definition", hint="One or two sentences: what the theme covers.", required=False)),
                        "Added"),
                   lambda s, v, on: f"Added {v['name'].strip()!r}, a local theme of {s.board}, from {day(on)}."),
        SchemeForm(Form("rename", "Rename a theme for this board", "Rename the theme", _use(ThemeWork.rename_theme), "", MANAGE,
                        (THEME, Field("name", "New name", "line", "Shown on this board's pages and reports; other boards keep theirs.")),
                        "Renamed"),
                   lambda s, v, on: f"{s.name(v['theme'])} is now shown as {v['name'].strip()!r} in {s.board}, from {day(on)}."),
        SchemeForm(Form("merge", "Merge a theme into another", "Merge the themes", _use(ThemeWork.merge_themes), "", MANAGE,
                        (Field("theme", "Theme to merge", THEME_CHOICE),
                         Field("into", "Merge into", THEME_CHOICE, "The first theme's records count under this one from the effective date.")),
                        "Merged"),
                   lambda s, v, on: f"{s.name(v['theme'])} merged into {s.name(v['into'])}: its records count under "
                                    f"{s.name(v['into'])} from {day(on)}."),
        SchemeForm(Form("alias", "Make a word an alias of a theme", "Add the alias", _use(ThemeWork.alias_theme), "", MANAGE,
                        (Field("word", "Word", "line", "A word an old tracker or an import used, e.g. \"DV\"."), THEME),
                        "Aliased"),
                   lambda s, v, on: f"{v['word'].strip()!r} now names {s.name(v['theme'])} in {s.board}."),
    )
}


def blank_choices(form: Form, values: Mapping[str, str | None]) -> dict[str, str]:
    """A theme left at "Choose a theme": said beside its select (the use case would only say '' is no theme)."""
    return {f.name: "Choose a theme." for f in form.fields if f.kind == THEME_CHOICE and not (values.get(f.name) or "").strip()}


def edit(themes, key: str, board: str, values: Mapping[str, str | None], actor: str, today: date) -> tuple[Outcome, str]:
    """Run one form's use case for `actor`; the outcome, and on success the sentence saying what changed. Nothing of
    the board is read before the use cases say this person may edit it."""
    scheme_form = SCHEME_FORMS[key]
    try:
        board = themes.check_editor(board or "", actor)
    except DomainError as error:
        return Outcome(False, {}, f"{error.reason}."), ""
    blank = blank_choices(scheme_form.form, values)
    if blank:
        return Outcome(False, blank), ""
    before = themes.scheme(board)
    outcome = submit(themes, scheme_form.form, board, values, version=None, actor=actor, today=today)
    if not outcome.ok:
        return outcome, ""
    on = (values.get("on") or "").strip()
    return outcome, scheme_form.said(before, values, date.fromisoformat(on) if on else today)


# --- the list --------------------------------------------------------------------------------------------------


def aliases(scheme: SchemeAsAt) -> dict[str, list[str]]:
    """Each theme's other words (aliases, built-in or the board's, and its former names), as the scheme keeps them."""
    found: dict[str, list[str]] = {}
    for word, theme_id in scheme.words.items():
        theme = scheme.themes.get(theme_id)
        if theme and word not in (same_name(theme.name), same_name(theme.id)):
            found.setdefault(theme_id, []).append(word)
    return {theme_id: sorted(words) for theme_id, words in found.items()}


def rows(scheme: SchemeAsAt) -> list[dict]:
    """The scheme's themes, merged ones included (with what they count under), in the scheme's order."""
    others = aliases(scheme)
    return [{"id": t.id, "name": t.name, "definition": t.definition, "kind": "Local" if t.local else "Shared",
             "merged_into": scheme.name(scheme.canonical(t.id)) if t.id in scheme.merged else "",
             "aliases": others.get(t.id, [])} for t in scheme.themes.values()]


def scheme_table(scheme: SchemeAsAt, today: date) -> html.Table:
    body = [[html.Strong(r["name"]) if not r["merged_into"] else r["name"], r["definition"] or NOT_SET, r["kind"],
             f"Merged into {r['merged_into']}" if r["merged_into"] else "In use", ", ".join(r["aliases"]) or NOT_SET]
            for r in rows(scheme)]
    return table(["Theme", "Definition", "Shared or local", "In use or merged", "Also coded from (aliases)"], body,
                 caption=f"{scheme.board}'s themes as at {day(today)}", id="scheme-table")


# --- the forms --------------------------------------------------------------------------------------------------


def field_id(form: str, name: str) -> str:
    """A form's control (`name` a field) or part ("form", "status", "submit"; a field's "<name>-feedback")."""
    return f"scheme-{form}-{name}"


def theme_options(scheme: SchemeAsAt) -> list[dict]:
    return [{"label": t.name + (" (local)" if t.local else ""), "value": t.id} for t in scheme.current()]


def form_field(form: str, field: Field, scheme: SchemeAsAt, today: date) -> html.Div:
    component_id = field_id(form, field.name)
    label = field.label if field.required or field.kind == "date" else f"{field.label} (optional)"
    if field.kind == "date":
        control = dbc.Input(id=component_id, type="date", value=today.isoformat(), max=today.isoformat())
    elif field.kind == THEME_CHOICE:
        # dbc.Select draws its own first option (value "") from `placeholder`: what a blank choice shows.
        control = dbc.Select(id=component_id, value="", options=theme_options(scheme), placeholder="Choose a theme")
    elif field.kind == "line":
        control = dbc.Input(id=component_id, type="text", value="", autoComplete="off")
    else:
        control = dbc.Textarea(id=component_id, value="", rows=2)
    parts = [dbc.Label(label, html_for=component_id), control,
             dbc.FormFeedback(id=field_id(form, f"{field.name}-feedback"), type="invalid")]
    if field.hint:
        parts.append(dbc.FormText(field.hint))
    return html.Div(parts, className="mb-3 form-field")


def form_card(form: Form, scheme: SchemeAsAt, today: date) -> dbc.Card:
    heading_id = f"scheme-{form.key}-heading"
    return dbc.Card(dbc.CardBody([
        html.H3(form.title, className="h6 card-title", id=heading_id),
        dbc.Form([*(form_field(form.key, f, scheme, today) for f in (*form.fields, EFFECTIVE)),
                  html.Div(id=field_id(form.key, "status"), className="form-status", role="status"),
                  dbc.Button(form.button, type="submit", color="primary", id=field_id(form.key, "submit"))],
                 id=field_id(form.key, "form"), prevent_default_on_submit=True),
    ]), class_name="mb-3 scheme-form", id=f"scheme-form-{form.key}")


def refusal_sentence() -> str:
    return f"Only {who_can(EDIT_SCHEME)} can change this board's theme scheme; you may read it."


def body(scheme: SchemeAsAt, today: date, *, refused: bool, flash: str = "") -> list:
    """The list, then the forms (or who may use them)."""
    edits = ([html.P(refusal_sentence(), className="text-body-secondary", id="scheme-refusal")] if refused else
             [html.P("Each change takes effect from its effective date; earlier dates keep the names then in force. "
                     "Shared themes keep their id in every board, so counts still add up across boards."),
              dbc.Row([dbc.Col(form_card(f.form, scheme, today), lg=6) for f in SCHEME_FORMS.values()])])
    return [
        dbc.Alert(flash, color="success", id="scheme-flash", class_name="mb-3") if flash else None,
        html.Section([html.H2("Themes", className="h4 mt-2", id="scheme-list-heading"),
                      html.Div(scheme_table(scheme, today), className="table-responsive")],
                     **{"aria-labelledby": "scheme-list-heading"}),
        html.Section([html.H2("Change the scheme", className="h4 mt-4", id="scheme-edit-heading"), *edits],
                     **{"aria-labelledby": "scheme-edit-heading"}),
    ]
