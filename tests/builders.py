"""Speak the board's language in tests: a board with a review, a recommendation and an action."""
from __future__ import annotations

from datetime import date

BOARD = "North Shire Safeguarding Children Partnership"
AGENCIES = ["Police", "Children's Social Care", "Acute Trust", "Education"]


def board_with_action(app, *, on: date = date(2024, 1, 10), target: date = date(2024, 6, 30), agency: str = "Police"):
    """One board, review child-c-2014, recommendation R1 and action A1; returns the action."""
    app.register_board(BOARD, AGENCIES, actor="manager", on=date(2024, 1, 1))
    app.commission_review(BOARD, "child-c-2014", "Child C (2014)", "scr", actor="manager", on=date(2024, 1, 2))
    app.make_recommendation("child-c-2014", 1, "Agencies share information at the point of referral.", actor="manager", on=date(2024, 1, 3))
    return app.add_action("child-c-2014/R1", agency, "Train all officers in referral thresholds.", target, actor="manager", on=on)
