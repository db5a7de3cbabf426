"""The annual report page draws a figure once for the same numbers (monitoring.reports.figures.drawn; how many are
kept, and which go first: tests/unit/test_kept.py)."""
from __future__ import annotations

from datetime import date

from monitoring.reports.figures import figure_by_id
from monitoring.reports.figures import drawn
from tests.exports.fakes import BOARD, sample_queries
from monitoring.reports.annual_report import gather

TODAY = date(2026, 11, 22)


def counting(monkeypatch) -> list:
    calls = []
    real = drawn.once

    def once(figure_id, rows, context, draw):
        return real(figure_id, rows, context, lambda: calls.append(figure_id) or draw())

    monkeypatch.setattr(drawn, "once", once)
    return calls


def test_the_same_numbers_are_drawn_once_and_give_the_same_figure(monkeypatch):
    drawn._figures.clear()
    calls = counting(monkeypatch)
    spec = figure_by_id("completion-by-agency")
    report = gather(sample_queries(), 2024, board=BOARD, today=TODAY)
    first, second = spec.figure_json(report), spec.figure_json(gather(sample_queries(), 2024, board=BOARD, today=TODAY))
    assert calls == ["completion-by-agency"]
    assert first == second == spec.figure(report).to_plotly_json()


def test_other_numbers_or_another_date_draw_again(monkeypatch):
    drawn._figures.clear()
    calls = counting(monkeypatch)
    spec = figure_by_id("completion-by-agency")
    report = gather(sample_queries(), 2024, board=BOARD, today=TODAY)
    spec.figure_json(report)
    changed = sample_queries()
    changed._actions[0]["status"] = "not_started"
    spec.figure_json(gather(changed, 2024, board=BOARD, today=TODAY))
    spec.figure_json(gather(sample_queries(), 2024, board=BOARD, today=date(2026, 11, 23)))  # "produced" date differs
    assert calls == ["completion-by-agency"] * 3
