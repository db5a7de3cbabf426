"""A person using the dashboard while the database goes away and comes back, in Chromium: the page says so
in words (a banner screen readers announce, a readable 503 page on reload) and recovers by itself."""
from __future__ import annotations

import time

import pytest

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from tests.conftest import TODAY
from tests.dashboard import data
from tests.dashboard.conftest import axe_violations, describe, open_page, screenshot, wait_for_dash
from tests.production.cluster import Cluster

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
UNAVAILABLE = "The service is unavailable, try again shortly."


@pytest.fixture(scope="module")
def outage():
    cluster = Cluster()
    services = bootstrap(Settings(db_url=cluster.create_database("store"), local_user=data.CHAIR), clock=lambda: TODAY)
    data.seed(services.app)
    services.catch_up()
    yield cluster, services
    services.close()
    cluster.remove()


def test_the_page_says_the_service_is_unavailable_and_recovers_when_the_database_returns(outage, live_server, browser_page):
    cluster, services = outage
    base = live_server(services)
    page = browser_page
    open_page(page, base + "/")
    cluster.stop()
    try:
        page.get_by_role("link", name="Agencies").click()  # drawn by a callback, which now answers 503
        banner = page.get_by_role("alert").filter(has_text=UNAVAILABLE)
        banner.wait_for()
        screenshot(page, "outage-banner")
        response = page.reload()
        assert response.status == 503
        assert page.get_by_role("heading", level=1).inner_text() == "The service is unavailable"
        assert UNAVAILABLE in page.inner_text("main")
        screenshot(page, "outage-page")
        assert axe_violations(page) == [], describe(axe_violations(page))
    finally:
        cluster.start()
    # As a person presses "Try again": the service looks again at most once a second (PROBE_EVERY_SECONDS), so
    # the first try straight after the database returns may still be told it is away.
    deadline = time.monotonic() + 15
    while page.goto(base + "/agencies").status == 503 and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    wait_for_dash(page)
    assert page.get_by_role("alert").filter(has_text=UNAVAILABLE).count() == 0
    assert "Agencies" in page.inner_text("main")
