"""Who is acting: the signed-in user, or in open mode (no users yet) this dashboard's local user."""
from __future__ import annotations

from flask import current_app, has_request_context

from dashboard.auth import current_auth, signed_in_user
from domain.errors import PermissionDenied
from monitoring.config import environment

CONFIG_KEY = "SCR_MONITOR_DASHBOARD_USER"
LOCAL_USER_KEY = "SCR_MONITOR_LOCAL_USER"  # set by the app factory from the settings


def current_user() -> str:
    """The signed-in user; never the local user once users exist."""
    signed_in = signed_in_user()
    if signed_in:
        return signed_in
    auth = current_auth()
    if auth is not None and has_request_context() and not auth.is_open():
        raise PermissionDenied("as", "you are not signed in; sign in and try again")
    return current_app.config.get(CONFIG_KEY) or environment().get(CONFIG_KEY) or current_app.config[LOCAL_USER_KEY]
