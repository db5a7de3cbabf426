"""The pack's "Recurring learning" figure: two bars a theme, the number on each, a pattern as well as a colour."""
from __future__ import annotations

from datetime import date

from monitoring.reports.figures.context import FigureContext
from monitoring.reports.figures.recurring import describe_recurring, recurring_learning

CTX = FigureContext(as_at=date(2025, 3, 31), year=2024, board="North Shire")
ROWS = [{"theme": "neglect", "name": "Neglect", "recommendations": 6, "recurring": 4, "percent_recurring": 66.7, "earlier_reviews": 2},
        {"theme": "safe-sleep", "name": "Safe sleep", "recommendations": 3, "recurring": 0, "percent_recurring": 0.0, "earlier_reviews": 0}]


def test_each_theme_has_its_years_count_and_its_recurring_count_written_on_the_bars():
    fig = recurring_learning(ROWS, CTX)
    made, recurring = fig.data
    assert list(made.y) == ["Neglect", "Safe sleep"] and list(made.text) == ["6", "3"] and list(recurring.text) == ["4", "0"]
    assert made.marker.pattern.shape != recurring.marker.pattern.shape  # not colour alone
    assert "Recurring learning" in fig.layout.title.text and "North Shire" in fig.layout.title.subtitle.text


def test_the_text_alternative_says_how_many_recur_and_which_theme_most():
    text = describe_recurring(ROWS, CTX)
    assert "In 2024-25, North Shire coded 9 recommendation-theme pairs to 2 themes; 4 of them recur" in text
    assert "The theme recurring most is Neglect (4 of 6)." in text
