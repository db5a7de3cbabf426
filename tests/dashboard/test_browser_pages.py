"""Every page loads in Chromium with no console error, nothing from the internet, and no serious axe violation."""
from __future__ import annotations

import pytest

from tests.dashboard.conftest import axe_violations, describe, open_page, screenshot

pytestmark = pytest.mark.browser

PAGES = {
    "overview": "/",
    "agencies": "/agencies",
    "board-contacts": "/board-contacts",
    "review": "/review/child-c-2014",
    "recommendation": "/recommendation/child-c-2014--R2",
    "action": "/action/child-c-2014--R2--A1",
    "action-completed": "/action/child-c-2014--R1--A2",
    "agency": "/agency/Police",
    "agency-with-apostrophe": "/agency/Children%27s%20Social%20Care",
    "annual-report": "/annual-report",
    "unknown-action": "/action/child-x-1999--R1--A1",
    "unknown-address": "/no/such/page",
}


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_offline_and_accessibly(browser_page, base_url, name):
    page = browser_page
    open_page(page, base_url + PAGES[name])
    screenshot(page, f"page-{name}")
    assert page.watched.console_errors == []
    assert page.watched.external(base_url) == []
    assert page.locator("main h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_overview_shows_every_card_chart_alternative_and_the_overdue_grid(browser_page, base_url):
    page = browser_page
    open_page(page, base_url + "/")
    for label in ("Actions", "Complete", "Signed off", "Overdue", "Due in 30 days", "Awaiting sign-off", "Open priority recommendations"):
        assert page.get_by_text(label, exact=True).first.is_visible()
    assert page.locator("#card-actions").inner_text() == "10"
    assert page.locator("[role=img][aria-label*='actions across']").count() == 2
    assert "overdue action" in page.locator("#overview-overdue-summary").inner_text()
    grid_links = page.locator("#overview-overdue a[href^='/action/']")
    assert grid_links.count() >= 1


def test_rag_words_are_printed_on_the_chart_not_only_its_colours(browser_page, base_url):
    page = browser_page
    open_page(page, base_url + "/")
    page.locator("#chart-by-agency text.bartext").first.wait_for(state="attached")  # plotly draws after Dash settles
    bar_text = page.locator("#chart-by-agency text.bartext").all_text_contents()
    assert any(t.startswith("Overdue") for t in bar_text), bar_text
    assert any(t.startswith("Signed off") for t in bar_text)


def test_the_review_page_says_which_statutory_deadline_is_late(browser_page, base_url):
    page = browser_page
    open_page(page, base_url + "/review/baby-m-2023")
    deadlines = page.locator("#deadlines-table").inner_text()
    assert "Notification" in deadlines and "LATE" in deadlines
    assert "working days late" in deadlines
    assert "partly implemented" in page.locator("#recommendations-table").inner_text() or "not started" in page.locator(
        "#recommendations-table"
    ).inner_text()


def test_the_keyboard_reaches_the_main_content_and_the_navigation(browser_page, base_url):
    page = browser_page
    open_page(page, base_url + "/agencies")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and focused.startswith("/agency/")
