"""How much a request may carry, and a field that says at once when its text is over the input policy's limit.

Why: a 10 MB progress note once hung `serve` and held the event table's lock while other users waited.
Flask refuses any body over REQUEST_LIMIT_BYTES before reading it (413, a readable line); an endpoint that
takes files (evidence documents) raises the limit for its own requests (`request.max_content_length`).
In the browser, a text field over its limit says so beside itself as soon as the text is typed or
pasted, so a person sees why before (and after) the form is refused.
"""
from __future__ import annotations

import json

from dash import MATCH, Input, Output, State
from flask import Flask
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.forms import FORMS
from domain.text import NOTE, TextKind

# The largest ordinary request: every text field of an action's forms at NOTE's limit, JSON-escaped
# (up to 6 bytes a character), with room to spare. Anything larger is not a form.
REQUEST_LIMIT_BYTES = 2 * 1024 * 1024

# The kind of each form field (domain.action's guards use the same kinds).
FIELD_KINDS: dict[str, TextKind] = {"note": NOTE, "evidence": NOTE, "reason": NOTE, "impact": NOTE}

TOO_LARGE = (
    "The request was refused: it is larger than {limit} MB. A text field holds at most {note:,} characters; "
    "attach a long document as evidence instead."
)

_CHECK_LENGTH = r"""
function (value, id) {
    const limits = %s;
    const entry = limits[id.form + "/" + id.name];
    if (!entry) {
        return [window.dash_clientside.no_update, window.dash_clientside.no_update];
    }
    const text = value || "";
    if (text.length <= entry[0]) {
        return [false, ""];
    }
    // Characters as the server counts them (code points): a surrogate pair is one.
    const length = text.length - (text.match(/[\uDC00-\uDFFF]/g) || []).length;
    if (length <= entry[0]) {
        return [false, ""];
    }
    const words = (n) => n.toLocaleString("en-GB");
    return [true, entry[1] + " is " + words(length) + " characters long; the limit is " + words(entry[0]) +
        ". Shorten it, or attach the full text as an evidence document."];
}
"""


def install(app) -> None:
    """The body limit and its readable refusal on the server; the length check beside each action form's text field."""
    limit_requests(app.server)
    app.clientside_callback(
        _CHECK_LENGTH % json.dumps(field_limits()),
        Output({"type": "action-field", "form": MATCH, "name": MATCH}, "invalid", allow_duplicate=True),
        Output({"type": "action-feedback", "form": MATCH, "name": MATCH}, "children", allow_duplicate=True),
        Input({"type": "action-field", "form": MATCH, "name": MATCH}, "value"),
        State({"type": "action-field", "form": MATCH, "name": MATCH}, "id"),
        prevent_initial_call=True,
    )


def limit_requests(server: Flask) -> None:
    server.config["MAX_CONTENT_LENGTH"] = REQUEST_LIMIT_BYTES
    server.register_error_handler(RequestEntityTooLarge, _too_large)


def field_limits() -> dict[str, tuple[int, str]]:
    """`form/field` -> (the limit in characters, the field's label), for every text field of the action forms."""
    return {f"{form.key}/{field.name}": (FIELD_KINDS[field.name].max_length, field.label)
            for form in FORMS.values() for field in form.fields if field.name in FIELD_KINDS}


def _too_large(_error):
    text = TOO_LARGE.format(limit=REQUEST_LIMIT_BYTES // (1024 * 1024), note=NOTE.max_length)
    return text, 413, {"Content-Type": "text/plain; charset=utf-8"}
