"""A drawing is kept for the same inputs and drawn again for others (monitoring.reports.kept)."""
from __future__ import annotations

from datetime import date

from monitoring.reports.kept import Kept


def counting_draw(calls: list, value):
    def draw():
        calls.append(value)
        return {"drawn": value}
    return draw


def test_equal_inputs_get_the_kept_drawing_and_other_inputs_are_drawn_again():
    kept, calls = Kept(4), []
    first = kept.once(["figure", [{"agency": "Police", "red": 2}], date(2025, 3, 31)], counting_draw(calls, 1))
    again = kept.once(["figure", [{"red": 2, "agency": "Police"}], date(2025, 3, 31)], counting_draw(calls, 2))
    other = kept.once(["figure", [{"agency": "Police", "red": 3}], date(2025, 3, 31)], counting_draw(calls, 3))
    later = kept.once(["figure", [{"agency": "Police", "red": 2}], date(2025, 4, 1)], counting_draw(calls, 4))
    assert again is first and calls == [1, 3, 4]
    assert other == {"drawn": 3} and later == {"drawn": 4}


def test_only_the_last_few_drawings_are_kept_the_least_recently_used_going_first():
    kept, calls = Kept(2), []
    kept.once("a", counting_draw(calls, "a"))
    kept.once("b", counting_draw(calls, "b"))
    kept.once("a", counting_draw(calls, "a again"))  # used: "b" is now the oldest
    kept.once("c", counting_draw(calls, "c"))  # drops "b"
    kept.once("a", counting_draw(calls, "a a third time"))
    kept.once("b", counting_draw(calls, "b again"))
    assert calls == ["a", "b", "c", "b again"]


def test_clear_forgets_every_drawing():
    kept, calls = Kept(2), []
    kept.once("a", counting_draw(calls, 1))
    kept.clear()
    kept.once("a", counting_draw(calls, 2))
    assert calls == [1, 2]
