"""Demo accounts for `make run`: one per role, with the demo's published passwords printed at start-up.

The names match the actors in the demo's history (monitoring.demo.data_set), so a signed-in demo user sees their
own earlier changes. The passwords are fixed and printed, so that loading the demo again changes nothing
(idempotent) and the printed list always works. Demo stores only: never point this at a real store.
"""
from __future__ import annotations

from domain.errors import DomainError
from monitoring.demo.data_set import BOARDS, CHAIR, MANAGER, lead_user

NORTHSHIRE, EASTMOOR = list(BOARDS)

# username -> every (role, board, agency) it holds; the first user must be the admin.
DEMO_ACCOUNTS: dict[str, list[tuple[str, str, str | None]]] = {
    MANAGER: [("admin", NORTHSHIRE, None), ("admin", EASTMOOR, None)],
    CHAIR: [("chair", NORTHSHIRE, None), ("chair", EASTMOOR, None)],
    lead_user("Police"): [("agency_lead", NORTHSHIRE, "Police")],
    lead_user("Acute Trust"): [("agency_lead", NORTHSHIRE, "Acute Trust")],
    "annual.report": [("viewer", NORTHSHIRE, None)],
}


def create_demo_users(services) -> list[tuple[str, str, str, str, str | None]]:
    """Create (or re-password) the demo accounts; returns (username, password, role, board, agency) rows."""
    users = services.users
    if users.any_users() and users.find(MANAGER) is None:
        raise DomainError("users", f"this store has users but no {MANAGER}: it is not a demo store; no demo accounts made")
    rows = []
    for username, grants in DEMO_ACCOUNTS.items():
        password = demo_password(username)
        existing = users.find(username)
        if existing is None:
            (role, board, agency), *more = grants
            users.add(username, password, role=role, board=board, agency=agency, actor=MANAGER)
            for role, board, agency in more:
                users.grant(username, role=role, board=board, agency=agency, actor=MANAGER)
        elif users.authenticate(username, password) is None:
            users.set_password(username, password, actor=MANAGER)
        rows += [(username, password, role, board, agency) for role, board, agency in grants]
    return rows


def demo_password(username: str) -> str:
    """Published with the demo, like the data: long enough for the sign-in's rules, easy to type."""
    return f"demo-{username.split('.')[0]}-2026"


def format_accounts(rows) -> str:
    """The lines `make run` prints: one per account, its roles after the password."""
    lines = ["Demo accounts (demo only: sign in at the dashboard):"]
    accounts: dict[tuple[str, str], list[str]] = {}
    for username, password, role, board, agency in rows:
        accounts.setdefault((username, password), []).append(f"{role} ({board}{', ' + agency if agency else ''})")
    for (username, password), roles in accounts.items():
        lines.append(f"  {username:<18} {password:<18} {'; '.join(roles)}")
    lines.append("On the command line, act as one of them with --as (or SCR_MONITOR_USER), e.g. "
                 "`scr-monitor status --as subgroup.chair`.")
    return "\n".join(lines)
