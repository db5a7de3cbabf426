"""The action page's documents: the list (download links for live ones) and the upload control.

The file control itself is added by assets/evidence-upload.js (Dash has no `<input type=file multiple>`);
its label, the title field, the progress bar and the status line are here, so a screen reader meets
them in order and the keyboard reaches each (WCAG 2.2: labels, status messages, no colour alone).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components import day, section
from domain.evidence import ALLOWED, KINDS, size_text

UPLOAD_URL = "/evidence/upload/"
ACCEPT = ".pdf,.docx,.xlsx,.odt,.ods,.csv,.txt,.png,.jpg,.jpeg"


def documents_section(action: Mapping, documents: Sequence[Mapping], *, may_attach: str | None, limit: int) -> html.Section:
    """`may_attach`: None when this person may attach here, else the reason they may not."""
    return section(
        "Documents",
        documents_table(documents),
        upload_form(action, may_attach, limit),
        id="documents",
    )


def documents_table(documents: Sequence[Mapping]):
    if not documents:
        return html.P("No documents attached yet.", id="documents-none")
    rows = [
        html.Tr([
            html.Td(str(d["number"])),
            html.Td(_title(d)),
            html.Td(KINDS[d["kind"]].label if d["kind"] in KINDS else d["kind"]),
            html.Td(size_text(d["size"])),
            html.Td(d.get("actor") or ""),
            html.Td(day(d.get("effective"))),
            html.Td(status_words(d)),
        ])
        for d in documents
    ]
    head = html.Thead(html.Tr([html.Th(c, scope="col") for c in ("No.", "Title", "Kind", "Size", "Attached by", "Date", "Status")]))
    return dbc.Table([head, html.Tbody(rows)], bordered=False, hover=True, responsive=True, size="sm", id="documents-table")


def _title(d: Mapping, *, kind_and_size: bool = True):
    """The download link; its hidden words give kind and size unless the visible text beside it already does
    (a screen reader would otherwise read "PDF, 132 KB" twice)."""
    if not d["live"]:
        return d["title"]
    kind = KINDS.get(d["kind"])
    hidden = f" (download, {kind.label if kind else d['kind']}, {size_text(d['size'])})" if kind_and_size else " (download)"
    return html.A(
        [d["title"], html.Span(hidden, className="visually-hidden")],
        href=f"/evidence/{d['sha256']}", download="",
    )


def status_words(d: Mapping) -> str:
    if d.get("purged_reason"):
        return f"Purged: {d['purged_reason']}"
    if d.get("withdrawn_reason"):
        return f"Withdrawn: {d['withdrawn_reason']}"
    return "Attached"


def upload_form(action: Mapping, refused: str | None, limit: int):
    if action["status"] == "withdrawn":
        return html.P("The action is withdrawn and takes no documents: reopen it first.", className="text-body-secondary")
    if refused:
        return html.P(refused, className="text-body-secondary")
    return html.Form(
        [
            html.H3("Attach documents", className="h6 mt-3"),
            html.Div(
                [
                    dbc.Label("Files to attach", html_for="evidence-file"),
                    html.Div(id="evidence-file-slot", **{"data-accept": ACCEPT}),
                    dbc.FormText(f"{ALLOWED}; up to {size_text(limit)} each. You can choose several files."),
                ],
                className="mb-3 form-field",
            ),
            html.Div(
                [
                    dbc.Label("Title (optional)", html_for="evidence-title"),
                    dbc.Input(id="evidence-title", type="text", maxLength=200),
                    dbc.FormText("For a single file; without one, and for several files, each is titled by its file name."),
                ],
                className="mb-3 form-field",
            ),
            html.Div(
                [
                    html.Span("Upload progress", id="evidence-progress-label", className="visually-hidden"),
                    html.Progress(id="evidence-upload-progress", value="0", max="100", hidden=True,
                                  **{"aria-labelledby": "evidence-progress-label"}),
                ],
                className="mb-2",
            ),
            html.Div(id="evidence-upload-status", role="status", className="form-status mb-2"),
            dbc.Button("Attach", type="submit", color="primary", id="evidence-upload-button"),
        ],
        id="evidence-upload-form",
        **{"data-url": UPLOAD_URL + action["reference"]},
    )


def signing_off_on(documents: Sequence[Mapping]) -> html.Div:
    """Above the sub-group's forms: the documents the sign-off rests on."""
    live = [d for d in documents if d["live"]]
    if not live:
        return html.P("No documents are attached: you would be signing off on the evidence text alone.", id="signing-off-on")
    return html.Div(
        [
            html.P(f"You are signing off on {len(live)} document{'s' if len(live) != 1 else ''}:", className="mb-1"),
            html.Ul([html.Li([_title(d, kind_and_size=False), f", {KINDS[d['kind']].label}, {size_text(d['size'])}, attached by {d.get('actor')}"])
                     for d in live]),
        ],
        id="signing-off-on",
    )
