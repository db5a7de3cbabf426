"""The annual report's figures: pure functions from query rows to a go.Figure, and one registry of them.

The dashboard's Annual report page and the export pack (monitoring.exporting) both read FIGURES and TABLES,
so a figure's title, caption, text alternative and data columns are defined once, here.
Every figure is print-ready: title, subtitle (board, as-at date, reporting year), a "Source:" line, sized for
A4 width, the accessible RAG palette, and words or patterns beside every colour.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import plotly.graph_objects as go

from domain.statuses import AMBER, BLUE, GREEN, GREY, RAG_COLOURS, RAG_MEANING, RED

WIDTH = 800  # layout pixels: at scale 3 a PNG is 2,400 px wide, 300 dpi across A4's 8-inch text width
FONT = dict(family="DejaVu Sans, Liberation Sans, Arial, sans-serif", size=14, color="#1a1a1a")
INK, MUTED = "#1a1a1a", "#4d4d4d"
LEFT, BOTTOM = 0.015, 112  # title and legend start at the left edge; the bottom margin holds axis title and source
# Patterns make the bands tell apart in greyscale print and for readers who cannot see the colours.
RAG_PATTERNS = {RED: "x", AMBER: "/", GREEN: ".", BLUE: "", GREY: "-"}
RAG_TEXT = {RED: "#ffffff", AMBER: "#1a1a1a", GREEN: "#ffffff", BLUE: "#ffffff", GREY: "#ffffff"}
RAG_ORDER = (RED, AMBER, GREEN, BLUE, GREY)
SLIPPAGE = "#5b4b8a"  # not a RAG colour: slippage is not a status


@dataclass(frozen=True)
class FigureContext:
    """What every figure prints around its data: whose figures, at what date, for which year."""

    as_at: date
    year: int
    board: str | None = None
    generated_on: date | None = None
    rag_words: Mapping[str, str] = field(default_factory=lambda: dict(RAG_MEANING))

    @property
    def year_label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    @property
    def in_progress(self) -> bool:
        return self.as_at < date(self.year + 1, 3, 31)

    @property
    def place(self) -> str:
        return self.board or "All boards"

    def band(self, band: str) -> str:
        """A RAG band as printed: its word first, the colour's name after (never colour alone)."""
        return f"{self.rag_words.get(band) or RAG_MEANING[band]} ({band})"


def label_font(colour: str, size: int = 13) -> dict:
    """Bar labels with a halo in the opposite colour, so they read over the band's pattern."""
    halo = "#1a1a1a" if colour.lower() in ("#ffffff", "#fff") else "#ffffff"
    return dict(color=colour, size=size, shadow=f"0px 0px 2px {halo}")


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def percent(part: float, whole: float) -> float | None:
    return None if not whole else round(100 * part / whole, 1)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


# ---------------------------------------------------------------------------------------------- frame


def _frame(fig: go.Figure, title: str, ctx: FigureContext, *, rows: int = 6, legend: bool = True,
           labels: Sequence[str] = ("100",)) -> go.Figure:
    """Title, subtitle, source line, size and fonts shared by every figure.

    The left margin is set from the longest category label (not plotly's automargin), so the source line can be
    placed a known number of pixels left of the plot, flush with the title, at any width.
    """
    left = 12 + 34 + int(8.4 * max(len(str(label)) for label in labels)) + 10
    subtitle = f"{ctx.place}<br>Position at {long_date(ctx.as_at)}"
    subtitle += f" (year to date), reporting year {ctx.year_label}" if ctx.in_progress else f", end of reporting year {ctx.year_label}"
    generated = f"; produced {long_date(ctx.generated_on)}" if ctx.generated_on else ""
    source = f"Source: scr-monitor action-plan tracker, effective dates to {long_date(ctx.as_at)}{generated}."
    entries = sum(1 for t in fig.data if t.showlegend is not False) if legend else 0
    top = 112 + 22 * ((entries + 1) // 2)
    fig.update_layout(
        width=WIDTH,
        height=top + BOTTOM + max(rows, 3) * 38,
        template="plotly_white",
        font=FONT,
        title=dict(text=f"<b>{title}</b>", subtitle=dict(text=subtitle, font=dict(size=13, color=MUTED)),
                   x=LEFT, xref="container", xanchor="left", y=1.0, yref="container", yanchor="top", pad=dict(t=16),
                   font=dict(size=19, color=INK)),
        margin=dict(l=left, r=30, t=top, b=BOTTOM, autoexpand=False),
        showlegend=bool(entries),
        # x < 0 (flush with the title) also lets a horizontal legend use the full width, not the plot's.
        legend=dict(orientation="h", xref="paper", x=-(left - 12) / (WIDTH - left - 30), xanchor="left", yref="paper",
                    y=1.0, yanchor="bottom", traceorder="normal", entrywidth=300, entrywidthmode="pixels",
                    font=dict(size=13), title=None),
        barmode="stack",
        bargap=0.3,
        uniformtext=dict(minsize=10, mode="hide"),  # a label too big for its segment is left out, never squeezed
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
    )
    # Anchored to the bottom of the plot area in pixels, so it sits in the bottom margin whatever the height.
    fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="bottom",
                       xshift=-(left - 12), yshift=-(BOTTOM - 10), showarrow=False, font=dict(size=11, color=MUTED), align="left")
    fig.update_xaxes(automargin=False, gridcolor="#d9d9d9", zerolinecolor="#8c8c8c", title_standoff=6)
    fig.update_yaxes(automargin=False, gridcolor="#d9d9d9", zerolinecolor="#8c8c8c")
    fig.update_traces(textangle=0, selector=dict(type="bar"))
    return fig


def empty_figure(title: str, ctx: FigureContext, message: str) -> go.Figure:
    """The empty state: the frame, and a sentence saying there is nothing to show and why."""
    fig = _frame(go.Figure(), title, ctx, rows=4, legend=False, labels=("",))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       font=dict(size=16, color=INK))
    return fig


def _no_data(ctx: FigureContext, what: str) -> str:
    return f"No {what} recorded for {ctx.place}<br>by {long_date(ctx.as_at)}."


# -------------------------------------------------------------------------------------------- figures


def rag_counts(row: Mapping[str, Any]) -> dict[str, int]:
    """A status row's counts by RAG band: Red = overdue, Amber = open and not yet due."""
    open_ = (row.get("not_started") or 0) + (row.get("in_progress") or 0)
    return {RED: row.get("overdue") or 0, AMBER: open_ - (row.get("overdue") or 0), GREEN: row.get("completed") or 0,
            BLUE: row.get("signed_off") or 0, GREY: row.get("withdrawn") or 0}


def rag_bars(categories: Sequence[str], counts: Sequence[Mapping[str, int]], ctx: FigureContext, *,
             horizontal: bool = True, hover_label: str = "") -> list[go.Bar]:
    """One stacked bar trace per RAG band, each with its word, pattern and count labels."""
    traces = []
    for band in RAG_ORDER:
        values = [c.get(band, 0) for c in counts]
        if not any(values):
            continue
        text = [str(v) if v else "" for v in values]
        pattern = dict(shape=RAG_PATTERNS[band], fgcolor=RAG_TEXT[band], fgopacity=0.35, size=8, solidity=0.25)
        trace = dict(name=ctx.band(band), text=text, textposition="inside", insidetextanchor="middle",
                     textfont=label_font(RAG_TEXT[band]),
                     marker=dict(color=RAG_COLOURS[band], line=dict(color="#ffffff", width=1), pattern=pattern),
                     hovertemplate=f"{hover_label}%{{{'y' if horizontal else 'x'}}}<br>{ctx.band(band)}: %{{{'x' if horizontal else 'y'}}}<extra></extra>")
        if horizontal:
            traces.append(go.Bar(y=list(categories), x=values, orientation="h", **trace))
        else:
            traces.append(go.Bar(x=list(categories), y=values, **trace))
    return traces


def _completion(rows: Sequence[Mapping[str, Any]], ctx: FigureContext, title: str, what: str, axis: str,
                labels: Mapping[str, str] | None = None) -> go.Figure:
    rows = [r for r in rows if r.get("total")]
    if not rows:
        return empty_figure(title, ctx, _no_data(ctx, "actions"))
    names = [(labels or {}).get(r["key"], r["key"]) for r in rows]
    fig = _frame(go.Figure(rag_bars(names, [rag_counts(r) for r in rows], ctx, hover_label=f"{what}: ")), title, ctx,
                 rows=len(rows), labels=names)
    widest = max(r["total"] for r in rows)
    for name, row in zip(names, rows):
        fig.add_annotation(x=row["total"], y=name, text=f"{_pct(row['percent_complete'])} complete", showarrow=False,
                           xanchor="left", xshift=6, font=dict(size=13, color=INK))
    fig.update_xaxes(title_text="Actions (count)", range=[0, widest * 1.3], rangemode="tozero", dtick=_dtick(widest))
    fig.update_yaxes(title_text=axis, autorange="reversed", ticksuffix=" ")
    return fig


def completion_by_agency(rows, ctx: FigureContext) -> go.Figure:
    """Stacked RAG bars of every agency's actions at the as-at date, with its percentage complete."""
    return _completion(rows, ctx, TITLES["completion-by-agency"], "Agency", "Agency")


def completion_by_review(rows, ctx: FigureContext) -> go.Figure:
    """Stacked RAG bars of every review's actions at the as-at date, with its percentage complete."""
    labels = {r["key"]: r.get("title") or r["key"] for r in rows}
    return _completion(rows, ctx, TITLES["completion-by-review"], "Review", "Review", labels)


def monthly_trend(rows, ctx: FigureContext) -> go.Figure:
    """Month-end RAG counts through the reporting year, with the percentage complete above each month."""
    title = TITLES["monthly-trend"]
    rows = [r for r in rows if r.get("total")]
    if not rows:
        return empty_figure(title, ctx, _no_data(ctx, "actions"))
    months = [f"{r['month_end']:%b}<br>{r['month_end']:%Y}" for r in rows]
    fig = _frame(go.Figure(rag_bars(months, [rag_counts(r) for r in rows], ctx, horizontal=False)), title, ctx, rows=8)
    for month, row in zip(months, rows):
        fig.add_annotation(x=month, y=row["total"], text=_pct(row["percent_complete"]), showarrow=False,
                           yanchor="bottom", yshift=3, font=dict(size=12, color=INK))
    fig.update_xaxes(title_text="Month end (percentage of actions complete above each bar)", type="category", tickangle=0)
    highest = max(r["total"] for r in rows)
    fig.update_yaxes(title_text="Actions (count)", range=[0, highest * 1.15], dtick=_dtick(highest))
    return fig


OVERDUE_BANDS = (  # (label, lowest days, colour, pattern): darker = longer overdue
    ("1 to 30 days", 1, "#f4a582", ""),
    ("31 to 90 days", 31, "#d6604d", "/"),
    ("91 to 180 days", 91, "#b2182b", "x"),
    ("over 180 days", 181, "#67001f", "+"),
)
OVERDUE_TEXT = ("#1a1a1a", "#1a1a1a", "#ffffff", "#ffffff")


def overdue_band(days: int) -> str:
    return [label for label, lowest, _, _ in OVERDUE_BANDS if days >= lowest][-1] if days >= 1 else OVERDUE_BANDS[0][0]


def overdue_at_year_end(rows, ctx: FigureContext) -> go.Figure:
    """Overdue actions at the as-at date by agency, stacked by how long they have been overdue."""
    title = TITLES["overdue-at-year-end"]
    if not rows:
        return empty_figure(title, ctx, f"No actions were overdue at {long_date(ctx.as_at)}<br>for {ctx.place}.")
    agencies = sorted({r["agency"] for r in rows})
    fig = go.Figure()
    for (label, _, colour, shape), text_colour in zip(OVERDUE_BANDS, OVERDUE_TEXT):
        values = [sum(1 for r in rows if r["agency"] == a and overdue_band(r["days_overdue"]) == label) for a in agencies]
        if not any(values):
            continue
        fig.add_bar(y=agencies, x=values, orientation="h", name=f"Overdue {label}", text=[str(v) if v else "" for v in values],
                    textposition="inside", insidetextanchor="middle", textfont=label_font(text_colour),
                    marker=dict(color=colour, line=dict(color="#ffffff", width=1),
                                pattern=dict(shape=shape, fgcolor=text_colour, fgopacity=0.35, size=8, solidity=0.25)),
                    hovertemplate=f"%{{y}}<br>overdue {label}: %{{x}}<extra></extra>")
    _frame(fig, title, ctx, rows=len(agencies), labels=agencies)
    totals = {a: sum(1 for r in rows if r["agency"] == a) for a in agencies}
    for agency, total in totals.items():
        fig.add_annotation(x=total, y=agency, text=f"{total} overdue", showarrow=False, xanchor="left", xshift=6,
                           font=dict(size=13, color=INK))
    fig.update_xaxes(title_text="Overdue actions (count)", range=[0, max(totals.values()) * 1.3], dtick=_dtick(max(totals.values())))
    fig.update_yaxes(title_text="Agency", autorange="reversed", ticksuffix=" ")
    return fig


def _dtick(highest: float) -> int | None:
    return 1 if highest <= 8 else None


def time_to_complete(rows, ctx: FigureContext) -> go.Figure:
    """Median days from agreeing an action to its completion, by agency, with the 90th percentile marked."""
    title = TITLES["time-to-complete"]
    overall = next((r for r in rows if r["agency"] == ALL_AGENCIES), None)
    rows = [r for r in rows if r["agency"] != ALL_AGENCIES and r.get("completed") and r.get("median_days") is not None]
    if not rows:
        return empty_figure(title, ctx, f"No actions were completed in {ctx.year_label}<br>for {ctx.place}.")
    agencies = [r["agency"] for r in rows]
    fig = go.Figure()
    fig.add_bar(y=agencies, x=[r["median_days"] for r in rows], orientation="h", name="Median days to complete",
                marker=dict(color=RAG_COLOURS[BLUE]), text=[f"{r['median_days']:.0f} days (n={r['completed']})" for r in rows],
                textposition="inside", insidetextanchor="start", textfont=label_font("#ffffff"),
                hovertemplate="%{y}<br>median %{x:.0f} days<extra></extra>")
    fig.add_scatter(y=agencies, x=[r["p90_days"] for r in rows], mode="markers", name="90th percentile (diamond)",
                    marker=dict(symbol="diamond", size=13, color="#f0b323", line=dict(color=INK, width=1.5)),
                    hovertemplate="%{y}<br>90th percentile %{x:.0f} days<extra></extra>")
    line = dict(color=INK, dash="dash", width=1.5)
    if overall and overall.get("median_days") is not None:  # the line, and a legend entry that names it
        fig.add_vline(x=overall["median_days"], line=line)
        fig.add_scatter(x=[None], y=[None], mode="lines", line=line, hoverinfo="skip",
                        name=f"All agencies: median {overall['median_days']:.0f} days (dashed line)")
    _frame(fig, title, ctx, rows=len(rows), labels=agencies)
    fig.update_layout(barmode="overlay")
    highest = max(max(r["p90_days"] or 0, r["median_days"]) for r in rows)
    fig.update_xaxes(title_text="Days from agreeing the action to its completion", range=[0, highest * 1.1])
    fig.update_yaxes(title_text="Agency", autorange="reversed", ticksuffix=" ")
    return fig


def target_date_slippage(rows, ctx: FigureContext) -> go.Figure:
    """The share of each agency's actions whose target date has moved, and by how much on average."""
    title = TITLES["target-date-slippage"]
    rows = [r for r in rows if r.get("actions")]
    if not rows:
        return empty_figure(title, ctx, _no_data(ctx, "actions"))
    agencies = [r["agency"] for r in rows]
    labels = [f"{r['rescheduled']} of {r['actions']}" + (f", {r['mean_days_slipped']:.0f} days later on average"
              if r["rescheduled"] and r.get("mean_days_slipped") is not None else "") for r in rows]
    fig = go.Figure()
    fig.add_bar(y=agencies, x=[r["percent_rescheduled"] or 0 for r in rows], orientation="h", name="Actions rescheduled",
                marker=dict(color=SLIPPAGE, line=dict(color=INK, width=1),
                            pattern=dict(shape="/", fgcolor="#ffffff", fgopacity=0.35, size=8, solidity=0.2)),
                hovertemplate="%{y}<br>%{x:.1f}% rescheduled<extra></extra>")
    _frame(fig, title, ctx, rows=len(rows), legend=False, labels=agencies)
    for agency, row, label in zip(agencies, rows, labels):
        fig.add_annotation(x=row["percent_rescheduled"] or 0, y=agency, text=f"{_pct(row['percent_rescheduled'] or 0)} ({label})",
                           showarrow=False, xanchor="left", xshift=6, font=dict(size=12, color=INK))
    fig.update_xaxes(title_text="Actions whose target date moved (%)", range=[0, 160], tickvals=[0, 25, 50, 75, 100])
    fig.update_yaxes(title_text="Agency", autorange="reversed", ticksuffix=" ")
    return fig


IMPLEMENTATION = (  # (state in recommendation rows, legend word, colour, pattern)
    ("closed", "Closed by the board", "#1d4f91", ""),
    ("implemented", "Implemented (all actions signed off)", "#2e7d32", "."),
    ("partly implemented", "Partly implemented", "#f0b323", "/"),
    ("not started", "Not started", "#b21f1f", "x"),
    ("no actions", "No actions agreed yet", "#8c5a9e", "|"),
    ("rejected", "Rejected by the board", "#6e6e6e", "-"),
    ("superseded", "Superseded", "#bdbdbd", "+"),
)
IMPLEMENTATION_TEXT = {"partly implemented": INK, "superseded": INK}


def recommendations_implemented(rows, ctx: FigureContext) -> go.Figure:
    """Each review's recommendations by how far they are implemented at the as-at date."""
    title = TITLES["recommendations-implemented"]
    if not rows:
        return empty_figure(title, ctx, _no_data(ctx, "recommendations"))
    reviews = sorted({r["review_code"] for r in rows})
    titles = {r["review_code"]: r.get("review_title") or r["review_code"] for r in rows}
    names = [titles[code] for code in reviews]
    fig = go.Figure()
    for state, word, colour, shape in IMPLEMENTATION:
        values = [sum(1 for r in rows if r["review_code"] == code and r["implementation"] == state) for code in reviews]
        if not any(values):
            continue
        text_colour = IMPLEMENTATION_TEXT.get(state, "#ffffff")
        fig.add_bar(y=names, x=values, orientation="h", name=word, text=[str(v) if v else "" for v in values],
                    textposition="inside", insidetextanchor="middle", textfont=label_font(text_colour),
                    marker=dict(color=colour, line=dict(color="#ffffff", width=1),
                                pattern=dict(shape=shape, fgcolor=text_colour, fgopacity=0.35, size=8, solidity=0.25)),
                    hovertemplate=f"%{{y}}<br>{word}: %{{x}}<extra></extra>")
    _frame(fig, title, ctx, rows=len(reviews), labels=names)
    totals = [sum(1 for r in rows if r["review_code"] == code) for code in reviews]
    for name, code, total in zip(names, reviews, totals):
        done = sum(1 for r in rows if r["review_code"] == code and r["implementation"] in ("closed", "implemented"))
        fig.add_annotation(x=total, y=name, text=f"{done} of {total} done", showarrow=False, xanchor="left", xshift=6,
                           font=dict(size=13, color=INK))
    fig.update_xaxes(title_text="Recommendations (count)", range=[0, max(totals) * 1.35], dtick=_dtick(max(totals)))
    fig.update_yaxes(title_text="Review", autorange="reversed", ticksuffix=" ")
    return fig


# --------------------------------------------------------------------------------- text alternatives

ALL_AGENCIES = "All agencies"


def _list(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def describe_completion(rows, ctx: FigureContext, noun: str = "agency") -> str:
    rows = [r for r in rows if r.get("total")]
    if not rows:
        return f"No actions recorded for {ctx.place} by {long_date(ctx.as_at)}."
    total = sum(r["total"] for r in rows)
    live = total - sum(r["withdrawn"] for r in rows)
    done = sum(r["completed"] + r["signed_off"] for r in rows)
    overdue = sum(r["overdue"] for r in rows)
    ranked = sorted((r for r in rows if r["percent_complete"] is not None), key=lambda r: (-r["percent_complete"], r["key"]))
    name = lambda r: r.get("title") or r["key"]  # noqa: E731
    text = (f"Stacked bar chart of {total} actions by {noun} at {long_date(ctx.as_at)}, {ctx.place}: "
            f"{_pct(percent(done, live))} complete overall and {overdue} overdue.")
    if len(ranked) > 1:
        text += (f" Highest completion: {name(ranked[0])} ({_pct(ranked[0]['percent_complete'])});"
                 f" lowest: {name(ranked[-1])} ({_pct(ranked[-1]['percent_complete'])}).")
    worst = sorted((r for r in rows if r["overdue"]), key=lambda r: (-r["overdue"], r["key"]))[:3]
    if worst:
        text += " Most overdue: " + _list([f"{name(r)} ({r['overdue']})" for r in worst]) + "."
    return text


def describe_trend(rows, ctx: FigureContext) -> str:
    rows = [r for r in rows if r.get("total")]
    if not rows:
        return f"No actions recorded for {ctx.place} by {long_date(ctx.as_at)}."
    first, last = rows[0], rows[-1]
    return (f"Stacked bar chart by month end, {first['month_end']:%B %Y} to {last['month_end']:%B %Y}, {ctx.place}: "
            f"actions complete went from {_pct(first['percent_complete'])} to {_pct(last['percent_complete'])}; "
            f"overdue actions from {first['overdue']} to {last['overdue']}; actions tracked from {first['total']} to {last['total']}.")


def describe_overdue(rows, ctx: FigureContext) -> str:
    if not rows:
        return f"No actions were overdue at {long_date(ctx.as_at)} for {ctx.place}."
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["agency"]] = counts.get(r["agency"], 0) + 1
    long_ = sum(1 for r in rows if r["days_overdue"] > 90)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return (f"Bar chart: {len(rows)} actions were overdue at {long_date(ctx.as_at)}, {ctx.place}; "
            f"{long_} of them by more than 90 days. By agency: " + _list([f"{a} {n}" for a, n in ranked]) + ".")


def describe_time_to_complete(rows, ctx: FigureContext) -> str:
    overall = next((r for r in rows if r["agency"] == ALL_AGENCIES), None)
    rows = [r for r in rows if r["agency"] != ALL_AGENCIES and r.get("completed") and r.get("median_days") is not None]
    if not rows:
        return f"No actions were completed in {ctx.year_label} for {ctx.place}."
    ranked = sorted(rows, key=lambda r: (r["median_days"], r["agency"]))
    text = f"Bar chart of median days from agreeing an action to completing it, by agency, for completions in {ctx.year_label}, {ctx.place}."
    if overall and overall.get("median_days") is not None:
        text += f" All agencies: median {overall['median_days']:.0f} days over {overall['completed']} actions."
    return text + (f" Quickest: {ranked[0]['agency']} ({ranked[0]['median_days']:.0f} days);"
                   f" slowest: {ranked[-1]['agency']} ({ranked[-1]['median_days']:.0f} days).")


def describe_slippage(rows, ctx: FigureContext) -> str:
    rows = [r for r in rows if r.get("actions")]
    if not rows:
        return f"No actions recorded for {ctx.place} by {long_date(ctx.as_at)}."
    moved = sum(r["rescheduled"] for r in rows)
    total = sum(r["actions"] for r in rows)
    worst = max(rows, key=lambda r: (r["percent_rescheduled"] or 0, r["agency"]))
    return (f"Bar chart of actions whose target date moved, by agency, at {long_date(ctx.as_at)}, {ctx.place}: "
            f"{moved} of {total} ({_pct(percent(moved, total))}). Most: {worst['agency']} ({_pct(worst['percent_rescheduled'] or 0)}).")


def describe_recommendations(rows, ctx: FigureContext) -> str:
    if not rows:
        return f"No recommendations recorded for {ctx.place} by {long_date(ctx.as_at)}."
    parts = []
    for state, word, _, _ in IMPLEMENTATION:
        n = sum(1 for r in rows if r["implementation"] == state)
        if n:
            parts.append(f"{word.lower()} {n}")
    return (f"Stacked bar chart of {len(rows)} recommendations by review at {long_date(ctx.as_at)}, {ctx.place}: "
            + _list(parts) + ".")


# ----------------------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | int | number | percent | date | rag | list


@dataclass(frozen=True)
class AnnualFigure:
    """One figure of the annual report, as the page and the export pack both show it."""

    id: str
    title: str
    caption: str
    source: str  # the query that feeds it (services.queries)
    rows: Callable[[Any], list[dict]]  # the figure's rows, from monitoring.annual_report.AnnualReport
    columns: tuple[Column, ...]
    build: Callable[[Any, FigureContext], go.Figure]
    describe: Callable[[Any, FigureContext], str]
    data: Callable[[Any], list[dict]] | None = None  # the downloadable rows, when they differ from `rows`

    def figure(self, report) -> go.Figure:
        return self.build(self.rows(report), report.context)

    def alt_text(self, report) -> str:
        return self.describe(self.rows(report), report.context)

    def table(self, report) -> list[dict]:
        return (self.data or self.rows)(report)


@dataclass(frozen=True)
class AnnualTable:
    """A table of the annual report with no figure (the Working Together 2018 tables)."""

    id: str
    title: str
    caption: str
    rows: Callable[[Any], list[dict]]
    columns: tuple[Column, ...]

    def table(self, report) -> list[dict]:
        return self.rows(report)


TITLES = {
    "completion-by-agency": "Completion of actions by agency",
    "completion-by-review": "Completion of actions by review",
    "monthly-trend": "Actions month by month through the year",
    "overdue-at-year-end": "Overdue actions by agency",
    "time-to-complete": "Time taken to complete actions",
    "target-date-slippage": "Target dates moved (slippage)",
    "recommendations-implemented": "Recommendations implemented",
}

STATUS_COLUMNS = (
    Column("total", "Actions", "int"), Column("not_started", "Not started", "int"),
    Column("in_progress", "In progress", "int"), Column("completed", "Completed (awaiting sign-off)", "int"),
    Column("signed_off", "Signed off", "int"), Column("withdrawn", "Withdrawn", "int"), Column("overdue", "Overdue", "int"),
    Column("percent_complete", "% complete", "percent"), Column("percent_signed_off", "% signed off", "percent"),
)

FIGURES: tuple[AnnualFigure, ...] = (
    AnnualFigure(
        "completion-by-agency", TITLES["completion-by-agency"],
        "Each agency's actions by RAG band at the end of the year (or today, for the year in progress). "
        "Complete means completed or signed off; withdrawn actions are left out of the percentage.",
        "status(by='agency', as_at=year end)", lambda r: r.by_agency,
        (Column("key", "Agency"),) + STATUS_COLUMNS, completion_by_agency, describe_completion,
        data=lambda r: r.by_agency + [r.agency_totals],
    ),
    AnnualFigure(
        "completion-by-review", TITLES["completion-by-review"],
        "Each review's action plan by RAG band at the end of the year; the label gives the percentage complete.",
        "status(by='review', as_at=year end)", lambda r: r.by_review,
        (Column("key", "Review code"), Column("title", "Review")) + STATUS_COLUMNS, completion_by_review,
        lambda rows, ctx: describe_completion(rows, ctx, "review"),
        data=lambda r: r.by_review + [r.review_totals],
    ),
    AnnualFigure(
        "monthly-trend", TITLES["monthly-trend"],
        "Actions at each month end from April to March by RAG band, with the percentage complete above each bar: "
        "how the position moved through the year.",
        "monthly_trend(year)", lambda r: r.trend,
        (Column("month_end", "Month end", "date"),) + STATUS_COLUMNS, monthly_trend, describe_trend,
    ),
    AnnualFigure(
        "overdue-at-year-end", TITLES["overdue-at-year-end"],
        "Actions past their target date and not yet complete at the end of the year, by agency and by how long "
        "they have been overdue. The data lists every one.",
        "actions(overdue=True, as_at=year end)", lambda r: r.overdue,
        (Column("reference", "Action"), Column("review_code", "Review code"), Column("agency", "Agency"),
         Column("text", "Action text"), Column("lead", "Lead"), Column("status", "Status"), Column("rag", "RAG", "rag"),
         Column("target_date", "Target date", "date"), Column("original_target_date", "Original target date", "date"),
         Column("reschedules", "Times rescheduled", "int"), Column("days_overdue", "Days overdue", "int")),
        overdue_at_year_end, describe_overdue,
    ),
    AnnualFigure(
        "time-to-complete", TITLES["time-to-complete"],
        "Median days from agreeing an action to the agency first marking it complete, for actions completed in "
        "the year; the diamond marks the 90th percentile and the dashed line the median for all agencies.",
        "time_to_complete(year=year)", lambda r: r.time_to_complete,
        (Column("agency", "Agency"), Column("completed", "Actions completed", "int"),
         Column("median_days", "Median days", "number"), Column("mean_days", "Mean days", "number"),
         Column("p90_days", "90th percentile days", "number")),
        time_to_complete, describe_time_to_complete,
    ),
    AnnualFigure(
        "target-date-slippage", TITLES["target-date-slippage"],
        "The share of each agency's actions whose target date has been moved at least once, with how many days "
        "later the current target is than the original, on average.",
        "slippage(as_at=year end)", lambda r: r.slippage,
        (Column("agency", "Agency"), Column("actions", "Actions", "int"), Column("rescheduled", "Rescheduled", "int"),
         Column("reschedules", "Reschedules in all", "int"), Column("percent_rescheduled", "% rescheduled", "percent"),
         Column("mean_days_slipped", "Mean days slipped", "number")),
        target_date_slippage, describe_slippage,
    ),
    AnnualFigure(
        "recommendations-implemented", TITLES["recommendations-implemented"],
        "Each review's recommendations by how far they are implemented: implemented means every action that is "
        "not withdrawn is signed off; closed means the board has also recorded its impact.",
        "recommendations(as_at=year end)", lambda r: r.recommendations,
        (Column("reference", "Recommendation"), Column("review_title", "Review"), Column("text", "Recommendation text"),
         Column("priority", "Priority"), Column("status", "Board's decision"), Column("implementation", "Implementation"),
         Column("actions", "Actions", "int"), Column("signed_off", "Signed off", "int"), Column("overdue", "Overdue", "int"),
         Column("impact", "Impact statement")),
        recommendations_implemented, describe_recommendations,
    ),
)

TABLES: tuple[AnnualTable, ...] = (
    AnnualTable(
        "recommendations-and-impact", "Recommendations, actions taken and improvements evidenced",
        "Working Together 2018 asks the yearly report to record the decisions and actions taken on each review's "
        "recommendations and any resulting improvements. Impact statements come from sign-offs and closures.",
        lambda r: r.impact,
        (Column("review_title", "Review"), Column("reference", "Recommendation"), Column("text", "Recommendation text"),
         Column("decision", "Board's decision"), Column("implementation", "Implementation"),
         Column("actions_taken", "Actions taken", "list"), Column("improvements", "Improvements evidenced", "list"),
         Column("impact_evidenced", "Impact evidenced")),
    ),
    AnnualTable(
        "little-or-no-progress", "Areas with little or no evidence of progress",
        "Actions overdue at the end of the year, and open actions with no progress reported for three months or more.",
        lambda r: r.little_progress,
        (Column("reference", "Action"), Column("review_title", "Review"), Column("agency", "Agency"),
         Column("text", "Action text"), Column("lead", "Lead"), Column("status", "Status"), Column("rag", "RAG", "rag"),
         Column("target_date", "Target date", "date"), Column("last_progress_on", "Last progress reported", "date"),
         Column("reason", "Why it is listed")),
    ),
)


def figure_by_id(figure_id: str) -> AnnualFigure:
    return next(f for f in FIGURES if f.id == figure_id)
