"""A board with contacts, a review and Police actions: the scheduler tests' common ground."""
from __future__ import annotations

from datetime import date

BOARD = "North Shire Safeguarding Children Partnership"
CHAIR = "chair@north.example.org"
POLICE = "police@north.example.org"
OWN = "inspector.lee@police.example.org"


def plan(app, *, targets=(date(2024, 7, 22), date(2024, 8, 30)), contacts=(OWN, "")):
    """A board with a chair and a Police contact; review child-c-2014, R1 and one Police action per target."""
    app.register_board(BOARD, ["Police", "Education"], actor="manager", on=date(2024, 1, 1))
    app.set_chair_contact(BOARD, CHAIR, actor="manager", on=date(2024, 1, 1))
    app.set_agency_contact(BOARD, "Police", POLICE, actor="manager", on=date(2024, 1, 1))
    app.commission_review(BOARD, "child-c-2014", "Child C (2014)", "scr", actor="manager", on=date(2024, 1, 2))
    app.make_recommendation("child-c-2014", 1, "Share information at referral.", actor="manager", on=date(2024, 1, 3))
    for n, (target, contact) in enumerate(zip(targets, contacts), start=1):
        app.add_action("child-c-2014/R1", "Police", f"Train officers, cohort {n}.", target, actor="manager",
                       on=date(2024, 1, 10), lead="Head of Public Protection", contact=contact)
