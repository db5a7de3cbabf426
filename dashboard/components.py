"""Building blocks every page shares: headings, RAG badges, cards, accessible tables, charts, timelines."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

import dash_bootstrap_components as dbc
from dash import dcc, html
from plotly.io.json import to_json_plotly

from dashboard.figures import band_words
from domain.errors import PermissionDenied

NOT_SET = "—"


def day(value) -> str:
    """Dates as a UK reader writes them: 31 Mar 2025."""
    if value in (None, ""):
        return NOT_SET
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {value:%b %Y}"


def moment(value: datetime | None) -> str:
    return NOT_SET if value is None else f"{value:%d %b %Y %H:%M} UTC"


def percent(value) -> str:
    return NOT_SET if value is None else f"{value:.1f}%"


def words(text: str | None) -> str:
    return (text or "").replace("_", " ")


def page_heading(title: str, *subtitle) -> html.Div:
    return html.Div([html.H1(title, className="h2"), *(html.P(s, className="lead") for s in subtitle if s)], className="mb-3")


def rag_badge(band: str, rag_words: Mapping[str, str] | None = None) -> html.Span:
    """A RAG band always with its word, never colour alone."""
    word = band_words(rag_words).get(band, band)
    return html.Span(f"{band}: {word}", className=f"rag rag-{band.lower()}")


def card(label: str, value, *, note: str | None = None, id: str | None = None) -> dbc.Col:
    body = [html.P(label, className="card-label"), html.P(str(value), className="card-value", id=id or {"type": "card", "label": label})]
    if note:
        body.append(html.P(note, className="card-note"))
    return dbc.Col(dbc.Card(dbc.CardBody(body), class_name="h-100 figure-card"), xs=6, md=4, xl=True, class_name="mb-3")


def table(columns: Sequence[str], rows: Iterable[Sequence], *, caption: str, id: str | None = None, hide_caption: bool = False) -> html.Table:
    """A plain table with a caption and column headers: readable by every screen reader."""
    body = [html.Tr([html.Td(cell) for cell in row]) for row in rows]
    if not body:
        body = [html.Tr(html.Td("None.", colSpan=len(columns)))]
    kwargs = {"id": id} if id else {}
    return html.Table(
        [
            html.Caption(caption, className="visually-hidden" if hide_caption else "caption-top"),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
            html.Tbody(body),
        ],
        className="table table-sm table-striped align-middle",
        **kwargs,
    )


def chart(figure, *, summary: str, data_table: html.Table, id: str) -> html.Figure:
    """A chart with its text alternative: a summary sentence and the numbers as a table."""
    return html.Figure(
        [
            html.Div(
                dcc.Graph(figure=figure, id=id, config={"displayModeBar": False, "responsive": True}),
                role="img",
                **{"aria-label": summary},
            ),
            html.Figcaption(summary, className="figure-summary", id=f"{id}-summary"),
            html.Details([html.Summary("Show the numbers as a table"), data_table], className="mb-2"),
        ],
        className="chart",
    )


def problem(message: str, *, title: str = "Not found", back: str = "/", back_label: str = "Back to the overview") -> html.Div:
    """A page that cannot be shown says why, under its own heading, with a way back."""
    return html.Div([page_heading(title), dbc.Alert(message, color="warning", class_name="mb-3"), dcc.Link(back_label, href=back)])


def cannot_show(kind: str, reference: str, error, **back) -> html.Div:
    """Unknown, or not the reader's to see: the page says which, without a traceback."""

    if isinstance(error, PermissionDenied):
        return problem(f"You may not see {kind} {reference!r}: {error.reason}.", title="Not available to you", **back)
    return problem(f"There is no {kind} {reference!r} ({error.reason}).", **back)


def definition_list(pairs: Iterable[tuple[str, object]]) -> html.Dl:
    items = []
    for term, value in pairs:
        items += [html.Dt(term, className="col-sm-4"), html.Dd(value if value not in (None, "") else NOT_SET, className="col-sm-8")]
    return html.Dl(items, className="row mb-3")


def section(title: str, *children, id: str | None = None) -> html.Section:
    heading_id = f"{id or _slug(title)}-heading"
    return html.Section([html.H2(title, className="h4 mt-4", id=heading_id), *children], **{"aria-labelledby": heading_id})


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def serialised(components):
    """Components as the JSON Dash sends for them (plotly's encoder, which Dash uses for every answer): plain dicts
    and lists that the browser draws exactly as it would the components, since it is sent the same text. A page can
    keep them and send them again without building and checking every component anew."""
    return json.loads(to_json_plotly(components))
