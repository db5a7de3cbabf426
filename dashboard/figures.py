"""Figures as pure functions: query rows in, a `go.Figure` out (the export reuses them as they are).

Colour is never the only signal: every band carries its word on the bar, in the legend and in the
hover text, and a pattern; each figure has a one-sentence text alternative (`describe_*`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import plotly.graph_objects as go

from domain.statuses import AMBER, BLUE, GREEN, GREY, RAG_BANDS, RAG_COLOURS, RAG_MEANING, RED, rag_counts
from monitoring.reports.figures.plot_text import plot_text

# Text that stays readable on each band's colour (WCAG 2.2 AA contrast for the labels).
TEXT_ON = {RED: "#ffffff", AMBER: "#1a1a1a", GREEN: "#ffffff", BLUE: "#ffffff", GREY: "#ffffff"}
# A second visual channel beside colour: a light pattern per band.
PATTERNS = {RED: "x", AMBER: "/", GREEN: ".", BLUE: "", GREY: "-"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def band_words(rag_words: Mapping[str, str] | None = None) -> dict[str, str]:
    """The board's words for the bands, falling back to the product's defaults."""
    words = dict(RAG_MEANING)
    words.update({band: word for band, word in (rag_words or {}).items() if band in words and word})
    return words


def completion_by_agency(
    status_rows: Iterable[Mapping], as_at: date | str, board: str | None = None, rag_words: Mapping[str, str] | None = None
) -> go.Figure:
    """Actions per agency, stacked by RAG band, the band's word on each segment."""
    title = f"Actions by agency and RAG status{_scope(board)}, as at {_day(as_at)}"
    return _rag_stacked(list(status_rows), title, "Agency", rag_words)


def progress_by_review(
    status_rows: Iterable[Mapping], as_at: date | str, board: str | None = None, rag_words: Mapping[str, str] | None = None,
    *, title: str | None = None,
) -> go.Figure:
    """Actions per review, stacked by RAG band, with each review's percent complete at the bar's end."""
    rows = list(status_rows)
    title = title or f"Progress by review{_scope(board)}, as at {_day(as_at)}"
    notes = [
        {"x": row.get("total") or 0, "y": plot_text(str(row["key"])), "text": f" {_percent(row.get('percent_complete'))} complete",
         "showarrow": False, "xanchor": "left", "font": {"size": 12, "color": "#1a1a1a"}}
        for row in rows
    ]
    return _rag_stacked(rows, title, "Review", rag_words, notes)


def describe_rag_stacked(status_rows: Iterable[Mapping], what: str, as_at: date | str, rag_words: Mapping[str, str] | None = None) -> str:
    """One sentence a screen reader can read instead of the chart."""
    rows = list(status_rows)
    if not rows:
        return f"No actions to show by {what} as at {_day(as_at)}."
    words = band_words(rag_words)
    totals = {band: sum(rag_counts(r)[band] for r in rows) for band in RAG_BANDS}
    bands = ", ".join(f"{totals[b]} {words[b].lower()} ({b})" for b in RAG_BANDS if totals[b])
    worst = max(rows, key=lambda r: (rag_counts(r)[RED], str(r["key"])))
    sentence = f"{sum(totals.values())} actions across {len(rows)} {_plural(what)} as at {_day(as_at)}: {bands}."
    if rag_counts(worst)[RED]:
        sentence += f" Most overdue: {worst['key']} with {rag_counts(worst)[RED]}."
    return sentence


def _rag_stacked(rows: list[Mapping], title: str, axis_title: str, rag_words: Mapping[str, str] | None, notes=()) -> go.Figure:
    # Built in one constructor call: plotly's update_layout/add_annotation cost ~0.5 s a figure here.
    words = plot_text(band_words(rag_words))  # names stay text: plotly would draw markup in them
    keys = [plot_text(str(r["key"])) for r in rows]
    counts = {band: [rag_counts(r)[band] for r in rows] for band in RAG_BANDS}
    traces = [
        go.Bar(
            name=f"{words[band]} ({band})", y=keys, x=counts[band], orientation="h",
            marker={"color": RAG_COLOURS[band], "line": {"color": "#ffffff", "width": 1},
                    "pattern": {"shape": PATTERNS[band], "fgopacity": 0.25, "size": 8}},
            text=[f"{words[band]}: {n}" if n else "" for n in counts[band]], textposition="inside",
            insidetextanchor="middle", textfont={"color": TEXT_ON[band], "size": 12},
            hovertemplate=f"%{{y}}: %{{x}} {words[band].lower()} ({band})<extra></extra>",
        )
        for band in RAG_BANDS
        if any(counts[band])
    ]
    longest = max((r.get("total") or 0 for r in rows), default=0)
    layout = {
        "title": {"text": title, "font": {"size": 16}, "x": 0, "xanchor": "left", "xref": "container", "pad": {"l": 10}},
        "barmode": "stack", "height": 190 + 34 * max(len(keys), 1), "font": {"family": FONT, "color": "#1a1a1a"},
        "uniformtext": {"minsize": 10, "mode": "hide"}, "margin": {"l": 10, "r": 130, "t": 50, "b": 110},
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "traceorder": "normal",
                   "title": {"text": "RAG:"}},
        "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff",
        "xaxis": {"title": {"text": "Actions"}, "gridcolor": "#d9d9d9", "rangemode": "tozero",
                  **({"dtick": 1} if longest <= 10 else {})},  # whole actions: no 0.5 ticks on small plans
        "yaxis": {"title": {"text": axis_title}, "autorange": "reversed", "automargin": True, "type": "category"},
        "annotations": list(notes),
    }
    return go.Figure(data=traces, layout=layout)


def _scope(board: str | None) -> str:
    return f", {plot_text(board)}" if board else ""


def _day(as_at: date | str) -> str:
    day = as_at if isinstance(as_at, date) else date.fromisoformat(str(as_at))
    return f"{day.day} {day:%B %Y}"


def _percent(value) -> str:
    return "no actions" if value is None else f"{value:.1f}%"


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
