"""Annual report: a reporting year's figures with captions, text alternatives and downloads (CSV, PNG, SVG, the pack).

The figures, captions and data come from monitoring.reports.figures (the same registry the export pack uses),
fed by monitoring.reports.annual_report.gather over services.queries.
"""
from __future__ import annotations

from dataclasses import fields
from datetime import date

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import context
from dashboard.components import page_heading, rag_badge, serialised, table
from domain.errors import DomainError
from monitoring.reports import pack as exporting
from monitoring.reports.annual_report import gather
from monitoring.reports.cells import cell
from monitoring.reports.figures import FIGURES, TABLES, figure_by_id
from monitoring.reports.chapter import build_chapter, chapter_name, docx_bytes, odt_bytes
from monitoring.reports.chapter.pack_files import board_pngs
from monitoring.reports.images import shared_renderer
from monitoring.reports.kept import Kept
from monitoring.reports.print_files import finish

dash.register_page(__name__, path="/annual-report", name="Annual report", title="Annual report - SCR monitor", order=3)

ALL_BOARDS = ""
YEARS_SHOWN = 8
DOWNLOAD = "annual-download"
_drawn_pages = Kept(8)  # a year's sections for a board or for all, a few hundred kilobytes each


def reporting_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def year_options(today: date) -> list[dict]:
    current = reporting_year(today)
    return [{"label": f"{y}-{(y + 1) % 100:02d}" + (" (year to date)" if y == current else f" (1 April {y} to 31 March {y + 1})"),
             "value": str(y)} for y in range(current, current - YEARS_SHOWN, -1)]


def layout(year: str | None = None, board: str | None = None, **_query) -> html.Div:
    queries, today = context.queries(), context.today()
    boards = [b["name"] for b in queries.boards()]
    if board not in boards:
        board = boards[0] if len(boards) == 1 else ALL_BOARDS
    years = [int(o["value"]) for o in year_options(today)]
    chosen = int(year) if (year or "").isdigit() and int(year) in years else reporting_year(today) - 1
    return html.Div([
        page_heading("Annual report", "Figures for a reporting year (1 April to 31 March), to paste into the board's annual report. "
                     "Each figure has a caption, a text alternative, its numbers, and downloads."),
        dbc.Form(_filters(boards, board, chosen, today), class_name="row g-3 align-items-end mb-3", id="annual-filters"),
        dcc.Store(id="annual-query", data={"year": chosen, "board": board}),
        dcc.Download(id="annual-download-file"),
        html.Div(id="annual-download-message", role="status", className="mb-2"),
        dcc.Loading(html.Div(content(chosen, board), id="annual-content"), type="dot", delay_show=400),
    ])


def _filters(boards: list[str], board: str, year: int, today: date) -> list:
    options = [{"label": "All boards", "value": ALL_BOARDS}] + [{"label": b, "value": b} for b in boards]
    return [
        dbc.Col([dbc.Label("Reporting year", html_for="annual-year"),
                 dbc.Select(id="annual-year", options=year_options(today), value=str(year))], md=5, lg=4),
        dbc.Col([dbc.Label("Board", html_for="annual-board"), dbc.Select(id="annual-board", options=options, value=board)],
                md=5, lg=4),
        dbc.Col(dbc.Button("Download the whole pack (zip)", id={"type": DOWNLOAD, "item": "pack", "format": "zip"},
                           color="primary", title="Every figure as PNG, SVG and PDF, the data as CSV and XLSX, and index.html"),
                md="auto"),
    ]


def _report(year: int, board: str | None):
    return gather(context.queries(), year, board=board or None, today=context.today())


def content(year: int, board: str | None) -> list:
    """The year's sections. Drawing them (some 2,000 components) costs several times reading their numbers, and a
    closed year's numbers rarely change, so the drawing is kept for the same report (monitoring.reports.kept)."""
    try:
        report = _report(year, board)
    except DomainError as error:
        return [dbc.Alert(error.reason, color="warning")]
    return _drawn_pages.once([getattr(report, f.name) for f in fields(report)], lambda: serialised(_sections(report)))


def _sections(report) -> list:
    place = report.board or "all boards"
    scope = f"Reporting year {report.label} for {place}, as at {report.as_at.day} {report.as_at:%B %Y}"
    scope += " (the year is still in progress)." if report.context.in_progress else "."
    parts = [html.P(scope, className="fw-semibold", id="annual-scope")]
    if report.is_empty:
        parts.append(dbc.Alert(f"No actions or recommendations were recorded for {place} in {report.label}.", color="info"))
    parts.append(_chapter_section(report))
    parts += [_figure_section(spec, report) for spec in FIGURES]
    parts += [_table_section(spec, report) for spec in TABLES]
    return parts


CHAPTER_FORMATS = (("docx", "Download the chapter (Word, .docx)"), ("odt", "Download the chapter (OpenDocument, .odt)"))


def _chapter_section(report) -> html.Section:
    """The yearly report's chapter on case reviews, for one board: written to Working Together and the Care Act."""
    heading = "chapter-heading"
    intro = html.P("A chapter for the board's yearly report: the year's reviews and their statutory timeliness, the "
                   "decisions and actions taken on each review's recommendations, the resulting improvements, what is "
                   "planned, areas with little or no evidence of progress and, for safeguarding adults reviews, the Care "
                   "Act 2014 Schedule 2 items (d) to (g). Paragraphs marked \"To complete\" are for the author to fill in.")
    if not report.board:
        action = html.P("Choose a board above to download its chapter: each board publishes its own.", id="chapter-choose")
    else:
        action = _buttons("chapter", CHAPTER_FORMATS, f"{report.board}, {report.label}")
    return html.Section([html.H2("The chapter for the yearly report", className="h4 mt-4", id=heading), intro, action],
                        **{"aria-labelledby": heading}, id="section-chapter")


def _buttons(item: str, formats: tuple[tuple[str, str], ...], title: str) -> html.Div:
    # The accessible name starts with the visible label and says which figure (WCAG 2.5.3, 2.4.6).
    return html.Div([html.Button(label, id={"type": DOWNLOAD, "item": item, "format": fmt}, type="button",
                                 className="btn btn-outline-secondary btn-sm me-2 mb-1", **{"aria-label": f"{label}: {title}"})
                     for fmt, label in formats], className="mb-2")


def _figure_section(spec, report) -> html.Section:
    heading = f"{spec.id}-heading"
    alt = spec.alt_text(report)
    graph = dcc.Graph(figure=spec.figure_json(report), id=f"annual-{spec.id}", config={"displayModeBar": False, "responsive": False},
                      style={"width": "800px", "maxWidth": "none"})
    return html.Section([
        html.H2(spec.title, className="h4 mt-4", id=heading),
        html.P(spec.caption),
        html.Figure([
            html.Div(html.Div(graph, role="img", **{"aria-label": alt}), className="overflow-auto"),
            html.Figcaption(["Text alternative: ", alt], className="figure-summary", id=f"{spec.id}-alt"),
        ], className="chart"),
        html.Details([html.Summary("Show the numbers as a table"), _data_table(spec, report)], className="mb-2"),
        _buttons(spec.id, (("csv", "Download data (CSV)"), ("png", "Download PNG"), ("svg", "Download SVG")), spec.title),
    ], **{"aria-labelledby": heading}, id=f"section-{spec.id}")


def _table_section(spec, report) -> html.Section:
    heading = f"{spec.id}-heading"
    return html.Section([
        html.H2(spec.title, className="h4 mt-4", id=heading),
        html.P(spec.caption),
        html.Div(_data_table(spec, report), className="table-responsive"),
        _buttons(spec.id, (("csv", "Download data (CSV)"),), spec.title),
    ], **{"aria-labelledby": heading}, id=f"section-{spec.id}")


def _data_table(spec, report) -> html.Table:
    rows = [[_cell(c, row.get(c.key), report) for c in spec.columns] for row in spec.table(report)]
    return table([c.header for c in spec.columns], rows, caption=spec.title, id=f"table-{spec.id}")


def _cell(column, value, report):
    """As in the files (monitoring.reports.cells.cell), but RAG as the dashboard's badge and lists one item a line."""

    if column.kind == "rag" and value:
        return rag_badge(value, report.rag_words)
    if column.kind == "list":
        return html.Ul([html.Li(item) for item in value or []], className="list-unstyled mb-0")
    return cell(column, value, report)


@callback(
    Output("annual-query", "data"),
    Output("annual-content", "children"),
    Input("annual-year", "value"),
    Input("annual-board", "value"),
    State("annual-query", "data"),
    prevent_initial_call=True,
)
def choose(year, board, current):
    query = {"year": int(year), "board": board or ALL_BOARDS}
    if query == current:
        return no_update, no_update
    return query, content(query["year"], query["board"])


@callback(
    Output("annual-download-file", "data"),
    Output("annual-download-message", "children"),
    Input({"type": DOWNLOAD, "item": ALL, "format": ALL}, "n_clicks"),
    State("annual-query", "data"),
    prevent_initial_call=True,
    running=[(Output("annual-download-message", "children"), "Preparing the download…", "")],
)
def download(_clicks, query):
    trigger = ctx.triggered_id
    if not trigger or not ctx.triggered[0].get("value"):  # a button drawn afresh, not a click
        return no_update, no_update
    try:
        name, data = make_download(_report(query["year"], query["board"]), trigger["item"], trigger["format"])
    except DomainError as error:
        return no_update, dbc.Alert(f"Download failed: {error.reason}", color="danger", class_name="mb-0")
    return dcc.send_bytes(data, name), f"Downloaded {name}."


def make_download(report, item: str, fmt: str, queries=None) -> tuple[str, bytes]:
    """The file a button delivers: (name, bytes). A pure function of the report (and, for the chapter and the
    pack's chapters, the reader's read API: the signed-in user's by default), for tests and callbacks."""

    stem = exporting.pack_name(report)
    if item == "pack":
        return exporting.pack_zip(report, exporting.FORMATS, shared_renderer(), queries or context.queries())
    if item == "chapter":
        return chapter_download(report, fmt, queries or context.queries())
    spec = next((t for t in TABLES if t.id == item), None) or figure_by_id(item)
    if fmt == "csv":
        return f"{stem}-{item}.csv", exporting.to_csv(spec, report)
    if fmt in ("png", "svg"):
        figure = spec.figure(report).to_dict()
        drawn = shared_renderer().render(figure, fmt, scale=exporting.SCALES[fmt])
        return f"{stem}-{item}.{fmt}", finish(drawn, fmt, title=exporting.figure_title(spec, report),
                                              alt=spec.alt_text(report), author=report.context.place)
    raise DomainError("format", f"unknown download format {fmt!r}")


def chapter_download(report, fmt: str, queries) -> tuple[str, bytes]:
    """One board's chapter as .docx or .odt, with that board's figures drawn afresh."""
    if not report.board:
        raise DomainError("board", "choose a board: each board's chapter is its own")
    if fmt not in ("docx", "odt"):
        raise DomainError("format", f"unknown chapter format {fmt!r}; expected docx or odt")
    chapter = build_chapter(queries, report, report.board, board_pngs(report, shared_renderer()))
    return f"{chapter_name(report.board)}.{fmt}", docx_bytes(chapter) if fmt == "docx" else odt_bytes(chapter)
