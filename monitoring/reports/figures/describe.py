"""Text alternatives: one sentence or two per figure, saying in words what the figure shows, for screen readers."""
from __future__ import annotations

from collections.abc import Sequence

from monitoring.reports.figures.completion_time import ALL_AGENCIES
from monitoring.reports.figures.context import FigureContext, long_date, pct, percent
from monitoring.reports.figures.recommendations import IMPLEMENTATION


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
            f"{pct(percent(done, live))} complete overall and {overdue} overdue.")
    if len(ranked) > 1:
        text += (f" Highest completion: {name(ranked[0])} ({pct(ranked[0]['percent_complete'])});"
                 f" lowest: {name(ranked[-1])} ({pct(ranked[-1]['percent_complete'])}).")
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
            f"actions complete went from {pct(first['percent_complete'])} to {pct(last['percent_complete'])}; "
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
            f"{moved} of {total} ({pct(percent(moved, total))}). Most: {worst['agency']} ({pct(worst['percent_rescheduled'] or 0)}).")


def describe_recommendations(rows, ctx: FigureContext) -> str:
    if not rows:
        return f"No recommendations recorded for {ctx.place} by {long_date(ctx.as_at)}."
    parts = []
    for state, band in IMPLEMENTATION.items():
        n = sum(1 for r in rows if r["implementation"] == state)
        if n:
            parts.append(f"{band.word.lower()} {n}")
    return (f"Stacked bar chart of {len(rows)} recommendations by review at {long_date(ctx.as_at)}, {ctx.place}: "
            + _list(parts) + ".")
