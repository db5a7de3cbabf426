"""Who is acting. The one place the dashboard asks; the sign-in issue replaces this body."""
from __future__ import annotations

import os

from flask import current_app, has_request_context

CONFIG_KEY = "SCR_MONITOR_DASHBOARD_USER"


def current_user() -> str:
    """The signed-in user; in open mode (no users yet) the configured local user of this dashboard."""
    from dashboard.auth import current_auth, signed_in_user
    from domain.errors import PermissionDenied

    signed_in = signed_in_user()
    if signed_in:
        return signed_in
    auth = current_auth()
    if auth is not None and has_request_context() and not auth.is_open():
        raise PermissionDenied("as", "not signed in")  # never fall back to the local user once users exist
    configured = current_app.config.get(CONFIG_KEY) or os.environ.get(CONFIG_KEY)
    if configured:
        return configured
    from dashboard.context import services

    return services().settings.local_user
