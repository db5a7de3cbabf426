"""Browser-test harness: a live dashboard over a fresh SQLite store, Debian's Chromium through Playwright.

Reusable by every page's tests: `dashboard_services` (seeded Services), `live_server(services)` (a URL),
`browser_page` (a page that records console errors and every request it makes, on the one Chromium per
worker that tests/conftest.py starts), `axe_violations(page)`, `screenshot(page, name)`.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from tests.conftest import TODAY
from tests.dashboard import data

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "dashboard"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def make_dashboard_services(tmp_path_factory):
    """Services on a fresh SQLite file per call (fixed clock), closed at the end of the module."""
    built = []

    def make(*, seed: Callable | None = data.seed, local_user: str = data.CHAIR, clock=lambda: TODAY):
        path = tmp_path_factory.mktemp("dashboard") / "store.sqlite"
        services = bootstrap(Settings(db_url=f"sqlite:///{path}", local_user=local_user), clock=clock)
        if seed:
            seed(services.app)
        services.catch_up()
        built.append(services)
        return services

    yield make
    for services in built:
        services.close()


@pytest.fixture(scope="module")
def dashboard_services(make_dashboard_services):
    """The seeded board of tests/dashboard/data.py, shared by a module's tests."""
    return make_dashboard_services()


@pytest.fixture(scope="module")
def live_server(make_dashboard_services):
    """Start `create_app(services)` on a free port in a thread; returns its base URL. Stopped after the module,
    before the module's services close (it needs their fixture, so it is torn down first), and only once the
    requests in hand have finished: a page closed mid-request leaves its handler running, and a handler
    reading a store that another thread is closing can crash the process."""
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    servers = []

    def start(services, *, local_user: str | None = None) -> str:
        app = InFlight(create_app(services, local_user=local_user).server)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread, app))
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server, thread, app in servers:
        server.shutdown()
        thread.join(timeout=5)
        app.wait_idle(timeout=10)


class InFlight:
    """A WSGI app that counts the requests it is answering, so a test server can wait for them to finish."""

    def __init__(self, app) -> None:
        self.app = app
        self.answering = 0
        self.idle = threading.Condition()

    def __call__(self, environ, start_response):
        with self.idle:
            self.answering += 1
        try:
            return self.app(environ, start_response)
        finally:
            with self.idle:
                self.answering -= 1
                self.idle.notify_all()

    def wait_idle(self, timeout: float) -> None:
        with self.idle:
            self.idle.wait_for(lambda: self.answering == 0, timeout=timeout)


@pytest.fixture(scope="module")
def base_url(live_server, dashboard_services) -> str:
    return live_server(dashboard_services)


@dataclass
class Watched:
    """What a page did: console errors, uncaught exceptions, and every URL it asked for."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def external(self, base_url: str) -> list[str]:
        own = urlsplit(base_url).netloc
        return [u for u in self.requests if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own]


@pytest.fixture
def browser_page(browser) -> Iterator:
    """A fresh page (1366x900, en-GB) whose console errors and requests are in `page.watched`."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.set_default_timeout(30_000)
    watched = Watched()
    page.on("console", lambda msg: watched.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: watched.console_errors.append(f"uncaught: {error}"))
    page.on("request", lambda request: watched.requests.append(request.url))
    page.watched = watched
    yield page
    context.close()


def wait_for_dash(page) -> None:
    """Until Dash has drawn the page and no callback is pending."""
    page.wait_for_selector("#_pages_content *", state="attached")
    page.wait_for_function(
        "() => !document.querySelector('[data-dash-is-loading=\"true\"]') && !document.querySelector('._dash-loading')"
    )
    page.wait_for_load_state("networkidle")


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_dash(page)


def axe_violations(page, *, impacts=SERIOUS) -> list[dict]:
    """Run axe-core (vendored by `make axe`) on the page; the violations at these impacts, summarised."""
    assert AXE.exists(), "run `make axe` first: it fetches axe-core from the npm registry"
    # Evaluated through the DevTools protocol: the app's Content-Security-Policy rightly refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def screenshot(page, name: str) -> Path:
    """A full-page PNG under artifacts/dashboard/ (not committed): look at it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def describe(violations) -> str:
    return json.dumps(violations, indent=1)


@pytest.fixture(scope="module")
def lead_services(make_dashboard_services):
    """The demo dashboard acting as the Police lead (open mode, no sign-in), one per test module."""
    return make_dashboard_services(local_user=data.POLICE_LEAD)


@pytest.fixture(scope="module")
def lead_url(live_server, lead_services):
    return live_server(lead_services)
