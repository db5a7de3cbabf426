"""What sign-in adds to the page frame: a sign-out button, or the open-mode banner."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import session

from dashboard.auth import CSRF_FIELD, current_auth, signed_in_user


def sign_out() -> list:
    """A real form (POST with the CSRF token), so signing out works without script too."""
    if signed_in_user() is None:
        return []
    return [
        html.Form(
            [
                dcc.Input(type="hidden", name=CSRF_FIELD, value=session.get("csrf", ""), id="sign-out-token"),
                html.Button("Sign out", type="submit", className="btn btn-outline-light btn-sm ms-3", id="sign-out"),
            ],
            action="/logout",
            method="POST",
            className="d-inline",
        )
    ]


def open_banner(local_user: str) -> list:
    auth = current_auth()
    if auth is None or not auth.is_open():
        return []
    return [
        dbc.Alert(
            [
                html.Strong(f"No users yet: running open as {local_user} (admin). "),
                "Anyone who can reach this page can change the record. Add the first user with "
                "`scr-monitor user add NAME --role admin --board BOARD` to require sign-in.",
            ],
            color="warning",
            id="open-mode-banner",
            class_name="mb-3",
        )
    ]
