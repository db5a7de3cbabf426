"""Fixtures shared by every level of test: stores of each kind and a wired application."""
from __future__ import annotations

from datetime import date

import pytest

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from tests import pg

TODAY = date(2026, 11, 22)


def events_in(url: str) -> int:
    """How many events the store at `url` holds, read through an application of its own (as another process would)."""
    services = bootstrap(Settings(db_url=url))
    try:
        return services.app.recorder.max_notification_id() or 0
    finally:
        services.close()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def pg_url():
    url, drop = pg.fresh_database()
    yield url
    drop()


def _store(kind: str, tmp_path):
    if kind == "memory":
        yield "memory:"
    elif kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
    else:
        url, drop = pg.fresh_database()
        yield url
        drop()


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store_url(request, tmp_path) -> str:
    """The persistence contract: the same test against every store."""
    yield from _store(request.param, tmp_path)


@pytest.fixture(params=["sqlite", "postgres"])
def durable_url(request, tmp_path) -> str:
    """A store on disk that two application instances (two users' processes) can share."""
    yield from _store(request.param, tmp_path)


@pytest.fixture
def make_services():
    """Build Services for a store URL with a fixed clock; closed after the test."""
    built = []

    def make(url: str = "memory:", clock=lambda: TODAY, **kwargs):
        services = bootstrap(Settings(db_url=url, local_user="tester"), clock=clock, **kwargs)
        built.append(services)
        return services

    yield make
    for services in built:
        services.close()


@pytest.fixture
def services(make_services):
    return make_services("memory:")


@pytest.fixture
def app(services):
    return services.app


CHROMIUM = "/usr/bin/chromium"  # Debian's; never a downloaded browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser():
    """One Chromium per test worker, shared by the dashboard's and the exports' browser tests. Defined here
    once: a second definition (a test module importing it) would start a second Playwright in the same
    worker, which Playwright refuses."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
