"""The overview's rules that are not drawing: the as-at field, which reviews are charted, how much is listed."""
from __future__ import annotations

from datetime import date

import pytest

from dashboard import overview_view as view
from domain.errors import DomainError

TODAY = date(2026, 11, 22)


def test_a_blank_as_at_means_today_and_a_future_one_is_refused():
    assert view.parse_as_at("", TODAY) == TODAY
    assert view.parse_as_at("2025-03-31", TODAY) == date(2025, 3, 31)
    with pytest.raises(DomainError) as refused:
        view.parse_as_at("2027-01-01", TODAY)
    assert refused.value.field == "as-at" and "in the future" in refused.value.reason
    with pytest.raises(DomainError):
        view.parse_as_at("31/03/2025", TODAY)


def test_all_boards_is_no_board_filter():
    assert view.chosen_board(view.ALL_BOARDS) is None
    assert view.chosen_board("") is None
    assert view.chosen_board("North Shire") == "North Shire"


def row(key, overdue, total):
    return {"key": key, "overdue": overdue, "total": total}


def test_every_review_is_charted_when_they_fit():
    rows = [row(f"r{i}", 0, 1) for i in range(view.REVIEWS_CHARTED)]
    assert view.most_overdue(rows, None, TODAY) == (rows, None)


def test_beyond_that_the_reviews_with_most_overdue_actions_are_charted_and_the_title_says_so():
    rows = [row(f"r{i:03d}", i % 7, i) for i in range(100)]
    chosen, title = view.most_overdue(rows, "North Shire", TODAY)
    assert len(chosen) == view.REVIEWS_CHARTED
    assert min(r["overdue"] for r in chosen) >= max(r["overdue"] for r in rows if r not in chosen)
    assert title == "The 20 reviews (of 100) with most overdue actions, North Shire, as at 22 Nov 2026"


class Overdue:
    """Enough of the read API for the overdue list: `n` overdue actions, longest overdue first."""

    def __init__(self, n):
        self.n = n

    def actions(self, *, board=None, as_at=None, overdue=False, limit=None):
        rows = [{"reference": f"r/R1/A{i}", "board": "B", "review_code": "r", "agency": "Police", "text": "t", "rag": "Red",
                 "days_overdue": 1000 - i, "target_date": date(2024, 1, 1), "reschedules": 0, "status": "in_progress"}
                for i in range(self.n)]
        return rows[:limit]

    def status(self, by, *, board=None, as_at=None):
        return {"totals": {"overdue": self.n}}

    def boards(self):
        return [{"name": "B", "rag_words": {}}]


def test_the_overdue_list_stops_at_its_limit_and_says_where_the_count_is():
    rows, sentence = view.overdue(Overdue(view.OVERDUE_SHOWN + 250), None, TODAY)
    assert len(rows) == view.OVERDUE_SHOWN
    assert rows[0]["days_overdue"] == 1000
    assert sentence.startswith("The 500 longest overdue actions as at 22 Nov 2026;") and "Overdue card" in sentence


def test_a_short_overdue_list_is_shown_whole():
    rows, sentence = view.overdue(Overdue(3), None, TODAY)
    assert len(rows) == 3 and sentence == "3 overdue actions as at 22 Nov 2026, longest overdue first."
