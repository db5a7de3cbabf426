"""A board with two agencies, a review, two recommendations (one naming both agencies) and three actions."""
from __future__ import annotations

from datetime import date

import pytest

BOARD = "North Shire"
PASSWORD = "a long enough password 1"


def build(app) -> None:
    app.register_board(BOARD, ["Police", "Health"], actor="bm", on=date(2024, 1, 1))
    app.commission_review(BOARD, "child-c", "Child C", "lcspr", actor="bm", on=date(2024, 1, 1))
    app.make_recommendation("child-c", 1, "Share information", agencies=["Police", "Health"], actor="bm", on=date(2024, 1, 2))
    app.make_recommendation("child-c", 2, "Hear the child", agencies=["Health"], actor="bm", on=date(2024, 1, 2))
    app.add_action("child-c/R1", "Police", "Train officers", date(2024, 6, 30), actor="bm", on=date(2024, 1, 3))
    app.add_action("child-c/R1", "Health", "Audit referrals", date(2024, 6, 30), actor="bm", on=date(2024, 1, 3))
    app.add_action("child-c/R2", "Health", "Voice of the child audit", date(2024, 6, 30), actor="bm", on=date(2024, 1, 3))


@pytest.fixture
def built(make_services):
    services = make_services("memory:")
    build(services.app)
    return services


@pytest.fixture
def with_people(built):
    users = built.users
    users.add("bm", PASSWORD, role="admin", board=BOARD, actor="operator")
    users.add("chair", PASSWORD, role="chair", board=BOARD, actor="bm")
    users.add("police.lead", PASSWORD, role="agency_lead", board=BOARD, agency="Police", actor="bm")
    return built
