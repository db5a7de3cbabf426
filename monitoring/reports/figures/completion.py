"""Completion figures: each agency's or each review's actions by RAG band, with its percentage complete."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext, pct
from monitoring.reports.figures.rag import RAG_ORDER, rag_bars, rag_counts
from monitoring.reports.figures.style import INK, WIDTH, dtick, empty_figure, frame, no_data
from monitoring.reports.figures.titles import TITLES


def _completion(rows: Sequence[Mapping[str, Any]], ctx: FigureContext, title: str, what: str, axis: str,
                labels: Mapping[str, str] | None = None) -> go.Figure:
    rows = [r for r in rows if r.get("total")]
    if not rows:
        return empty_figure(title, ctx, no_data(ctx, "actions"))
    names = [(labels or {}).get(r["key"], r["key"]) for r in rows]
    bands = [rag_counts(r) for r in rows]
    fig = frame(go.Figure(rag_bars(names, bands, ctx, hover_label=f"{what}: ")), title, ctx, rows=len(rows), labels=names)
    plot_px = WIDTH - fig.layout.margin.l - fig.layout.margin.r
    widest, texts = _outside_labels(rows, bands, plot_px)
    for trace in fig.data:  # a count drawn outside its bar is not drawn inside it as well
        band = _band_of(trace.name, ctx)
        trace.text = [("" if band in texts[i][1] else t) for i, t in enumerate(trace.text)]
    for name, row, (text, _) in zip(names, rows, texts):
        fig.add_annotation(x=row["total"], y=name, text=text, showarrow=False,
                           xanchor="left", xshift=6, font=dict(size=13, color=INK))
    fig.update_xaxes(title_text="Actions (count)", range=[0, widest], rangemode="tozero", dtick=dtick(max(r["total"] for r in rows)))
    fig.update_yaxes(title_text=axis, autorange="reversed", ticksuffix=" ")
    return fig


def _outside_labels(rows, bands, plot_px: float) -> tuple[float, list[tuple[str, set[str]]]]:
    """The x range, and for each bar the text at its end: its percentage complete and, for any segment too narrow
    to hold its count, that count with its band's colour word ("61.5% complete; Grey 1"), so no count is lost."""
    widest = max(r["total"] for r in rows) * 1.3
    for _ in range(3):  # a wider range makes segments narrower: settle in a few rounds
        texts = []
        for row, counts in zip(rows, bands):
            narrow = {band for band, n in counts.items() if n and n * plot_px / widest < _LABEL_PX * len(str(n)) + 6}
            words = [f"{band} {counts[band]}" for band in RAG_ORDER if band in narrow]
            text = f"{pct(row['percent_complete'])} complete" + (f"; {', '.join(words)}" if words else "")
            texts.append((text, narrow))
        needed = max(r["total"] / max(0.2, 1 - (_TEXT_PX * len(t) + 12) / plot_px) for r, (t, _) in zip(rows, texts))
        if needed <= widest:
            break
        widest = needed
    return widest, texts


def _band_of(name: str, ctx: FigureContext) -> str | None:
    return next((band for band in RAG_ORDER if ctx.band(band) == name), None)


_LABEL_PX, _TEXT_PX = 7, 7.6  # a digit inside a bar at 10-13 px; a character of the 13 px label at the bar's end


def completion_by_agency(rows, ctx: FigureContext) -> go.Figure:
    """Stacked RAG bars of every agency's actions at the as-at date, with its percentage complete."""
    return _completion(rows, ctx, TITLES["completion-by-agency"], "Agency", "Agency")


def completion_by_review(rows, ctx: FigureContext) -> go.Figure:
    """Stacked RAG bars of every review's actions at the as-at date, with its percentage complete."""
    labels = {r["key"]: r.get("title") or r["key"] for r in rows}
    return _completion(rows, ctx, TITLES["completion-by-review"], "Review", "Review", labels)
