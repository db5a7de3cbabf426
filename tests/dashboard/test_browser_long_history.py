"""An action reported on for months: its page shows the latest changes, and one link (keyboard too) shows them all."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from dashboard.timeline import LATEST
from tests.dashboard import data
from tests.dashboard.conftest import axe_violations, describe, open_page, screenshot

pytestmark = pytest.mark.browser

ACTION = "baby-m-2023/R1/A3"  # Police: in progress since 1 May 2024, one note on 1 September 2025
URL = "/action/baby-m-2023--R1--A3"
WEEKS = 30


@pytest.fixture(scope="module")
def long_history_url(make_dashboard_services, live_server):
    services = make_dashboard_services(local_user=data.POLICE_LEAD)
    for week in range(1, WEEKS + 1):
        services.app.report_progress(ACTION, f"Weekly note {week}", actor=data.POLICE_LEAD, on=date(2025, 9, 1) + timedelta(weeks=week))
    services.catch_up()
    return live_server(services), len(services.queries.history(ACTION))


def test_the_latest_changes_are_shown_and_the_link_shows_every_one(browser_page, long_history_url):
    page = browser_page
    base, total = long_history_url
    open_page(page, base + URL)
    entries = page.locator("#timeline > li")
    entries.first.wait_for()
    assert entries.count() == LATEST
    assert f"Weekly note {WEEKS}" in entries.first.inner_text()
    assert page.locator("#timeline-more").inner_text() == f"Showing the latest {LATEST} of {total} changes. Show all {total} changes"
    page.locator("#timeline-more").scroll_into_view_if_needed()
    screenshot(page, "action-long-history-latest")
    link = page.get_by_role("link", name=f"Show all {total} changes")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{URL}?history=all")
    page.locator("#timeline > li").nth(total - 1).wait_for()
    assert page.locator("#timeline > li").count() == total and page.locator("#timeline-more").count() == 0
    assert "Action agreed" in page.locator("#timeline > li").last.inner_text()
    screenshot(page, "action-long-history-all")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
