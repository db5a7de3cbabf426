"""The app factory: `create_app(services)` builds a Dash app whose pages read through `services.queries`."""
from __future__ import annotations

import threading
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard import auth, auth_view, context, evidence_endpoints, page_cache, request_limits
from dashboard.identity import CONFIG_KEY, LOCAL_USER_KEY, current_user
from dashboard import service_health
from monitoring.bootstrap import bootstrap

HERE = Path(__file__).parent
TITLE = "SCR monitor"
# The navigation, in order; a page appears once it is registered (the annual report is its own module).
NAVIGATION = (("/", "Overview"), ("/agencies", "Agencies"), ("/themes", "Themes"), ("/annual-report", "Annual report"))

# English pages for screen readers (WCAG 3.1.1); everything else as Dash's default index.
INDEX = """<!DOCTYPE html>
<html lang="en-GB">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def create_app(services, *, local_user: str | None = None) -> dash.Dash:
    """A Dash app for these Services; every script and style is served from the app itself."""
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True,
        title=TITLE,
        update_title=None,
        index_string=INDEX,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    context.attach(app.server, services)
    app.server.config[LOCAL_USER_KEY] = services.settings.local_user
    if local_user:
        app.server.config[CONFIG_KEY] = local_user
    app.layout = shell
    _take_page_callbacks(app)
    auth.install(app, services)  # sign-in, sessions, CSRF on every write (dashboard/auth.py)
    page_cache.install(app, context.pages, context.who, context.position_asked, context.saved_at, context.today)  # after sign-in
    service_health.install(app)  # /healthz, and a readable 503 while the database is away (after auth: runs first)
    request_limits.install(app)  # a body limit (413, readable) and each text field's length said beside it
    evidence_endpoints.install(app.server)  # upload with progress, download as attachment (dashboard/evidence_endpoints.py)
    return app


def _take_page_callbacks(app: dash.Dash) -> None:
    """Pages register their callbacks globally (dash.callback) when Dash imports them, and Dash takes them into an
    app at its first request. Run the first request's hooks now, through Flask's public preprocess_request and
    before sign-in is installed (Dash checks the layout, which names who is acting), so that building a second app
    in the same process cannot take them first."""
    with app.server.test_request_context("/"):
        app.server.preprocess_request()


def shell() -> html.Div:
    """The frame around every page: skip link, header and navigation, main landmark."""
    registered = {page["path"]: page for page in dash.page_registry.values()}
    links = [
        dbc.NavItem(dbc.NavLink(label, href=path, active="exact" if path == "/" else "partial"))
        for path, label in NAVIGATION
        if path in registered
    ]
    return html.Div(
        [
            html.A("Skip to main content", href="#main", className="visually-hidden-focusable skip-link"),
            html.Header(
                dbc.Navbar(
                    dbc.Container(
                        [
                            html.A(TITLE, href="/", className="navbar-brand"),
                            html.Nav(dbc.Nav(links, navbar=True), **{"aria-label": "Main"}),
                            html.Span(["Acting as ", html.Strong(current_user())], className="navbar-text ms-auto", id="acting-user"),
                            *auth_view.sign_out(),
                        ],
                        fluid=True,
                    ),
                    color="dark",
                    dark=True,
                    class_name="mb-3",
                )
            ),
            html.Main(dbc.Container([*auth_view.open_banner(current_user()), dash.page_container], fluid=True), id="main", tabIndex="-1"),
        ]
    )


_lazy_lock = threading.Lock()
_lazy_app: dict[str, dash.Dash] = {}


def server(environ, start_response):
    """WSGI entry for `gunicorn 'dashboard.app:server'`: builds the app from the environment on first use."""
    if "app" not in _lazy_app:
        with _lazy_lock:
            if "app" not in _lazy_app:
                try:
                    _lazy_app["app"] = create_app(bootstrap())
                except Exception as error:
                    if not service_health.cannot_build_now(error):
                        raise
                    return service_health.unavailable(environ, start_response)  # built on a later request
    return _lazy_app["app"].server(environ, start_response)
