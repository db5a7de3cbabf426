"""People on two boards, and a cheap password hash so the tests stay fast (production: monitoring.security.users.HASHING)."""
from __future__ import annotations

from datetime import date

import pytest
from argon2 import PasswordHasher

from tests.builders import AGENCIES, BOARD, board_with_action

OTHER_BOARD = "South Vale Safeguarding Adults Board"
PASSWORD = "correct horse battery staple"
# Who is who in these tests: username -> (role, board, agency)
PEOPLE = {
    "bm": ("admin", BOARD, None),
    "police.lead": ("agency_lead", BOARD, "Police"),
    "health.lead": ("agency_lead", BOARD, "Acute Trust"),
    "chair": ("chair", BOARD, None),
    "viewer": ("viewer", BOARD, None),
    "south.admin": ("admin", OTHER_BOARD, None),
}


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch):
    monkeypatch.setattr("monitoring.security.users.PasswordHasher", lambda **_: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def build_two_boards(services) -> None:
    """North Shire with a Police action (A1) and an Acute Trust action (A2); South Vale with its own action."""
    app = services.app
    board_with_action(app)  # child-c-2014/R1/A1, Police
    app.add_action("child-c-2014/R1", "Acute Trust", "Audit discharge planning.", date(2024, 6, 30), actor="bm", on=date(2024, 1, 10))
    app.register_board(OTHER_BOARD, ["Police", "Adult Social Care"], actor="bm", on=date(2024, 1, 1))
    app.commission_review(OTHER_BOARD, "adult-d-2020", "Adult D (2020)", "sar", actor="bm", on=date(2024, 1, 2))
    app.make_recommendation("adult-d-2020", 1, "Agencies escalate concerns about self-neglect.", actor="bm", on=date(2024, 1, 3))
    app.add_action("adult-d-2020/R1", "Police", "Brief neighbourhood teams.", date(2024, 6, 30), actor="bm", on=date(2024, 1, 10))


def add_people(services) -> None:
    for username, (role, board, agency) in PEOPLE.items():
        services.users.add(username, PASSWORD, role=role, board=board, agency=agency, actor="bm")


@pytest.fixture
def store(make_services, sqlite_url):
    """A SQLite file with two boards and their people, read models caught up: what the page, a hand-made request
    and the command line are tried on (tests elsewhere import it by name)."""
    services = make_services(sqlite_url)
    build_two_boards(services)
    add_people(services)
    services.catch_up()
    return services


@pytest.fixture
def with_people(make_services):
    """A memory store with two boards, then the people: no longer open."""
    services = make_services("memory:")
    build_two_boards(services)
    add_people(services)
    return services


__all__ = ["AGENCIES", "BOARD", "OTHER_BOARD", "PASSWORD", "PEOPLE"]
