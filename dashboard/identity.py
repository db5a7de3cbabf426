"""Who is acting. The one place the dashboard asks; the sign-in issue replaces this body."""
from __future__ import annotations

import os

from flask import current_app

CONFIG_KEY = "SCR_MONITOR_DASHBOARD_USER"


def current_user() -> str:
    """The person making a change: for now the configured local user of this dashboard."""
    configured = current_app.config.get(CONFIG_KEY) or os.environ.get(CONFIG_KEY)
    if configured:
        return configured
    from dashboard.context import services

    return services().settings.local_user
