"""(Issue 17.) A count that stands for many recommendations lists them a hundred at a time, in Chromium: the count
says how many and which are shown, and the next and previous hundred are a key press away."""
from __future__ import annotations

from datetime import date

import pytest

from tests.dashboard import data
from tests.dashboard.conftest import axe_violations, describe, open_page, screenshot, wait_for_dash

pytestmark = pytest.mark.browser
MANY = 230


def seed(app) -> None:
    data.seed(app)
    app.commission_review(data.BOARD, "child-n-2023", "Child N (2023)", "scr", themes=["neglect"], actor=data.MANAGER,
                          on=date(2024, 5, 2))
    for number in range(1, MANY + 1):
        app.make_recommendation("child-n-2023", number, f"Neglect learning {number}.", themes=["neglect"],
                                actor=data.MANAGER, on=date(2024, 5, 3))


@pytest.fixture(scope="module")
def url(make_dashboard_services, live_server):
    return live_server(make_dashboard_services(seed=seed))


def shown(page) -> list[str]:
    return [row.split("\t")[0] for row in page.locator("#themes-records-table tbody tr").all_inner_texts()]


def test_many_recommendations_are_listed_a_hundred_at_a_time_and_turned_from_the_keyboard(browser_page, url):
    page = browser_page
    open_page(page, url + "/themes")
    link = page.locator(f"#themes-table a[aria-label='{MANY} Neglect in 2024-25']")
    link.focus()
    page.keyboard.press("Enter")
    wait_for_dash(page)
    count = page.locator("#themes-records-count")
    assert count.inner_text().startswith(f"{MANY} recommendation(s); showing 1 to 100.")
    assert len(shown(page)) == 100 and shown(page)[0] == "child-n-2023/R1"

    assert page.get_by_role("button", name="Next 100: show recommendations 101 to 200").count() == 2  # above and below
    page.get_by_role("button", name="Next 100: show recommendations 101 to 200").last.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#themes-records-count').innerText.includes('showing 101 to 200')")
    assert shown(page)[0] == "child-n-2023/R101" and len(shown(page)) == 100
    screenshot(page, "themes-records-page-2")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.get_by_role("button", name="Next 100: show recommendations 201 to 230").first.click()
    page.wait_for_function("() => document.querySelector('#themes-records-count').innerText.includes('showing 201 to 230')")
    assert len(shown(page)) == MANY - 200
    assert page.get_by_role("button", name="Previous 100: show recommendations 101 to 200").count() == 2
    assert page.locator("#themes-records button", has_text="Next").count() == 0


def test_another_cell_starts_again_at_the_first_hundred(browser_page, url):
    page = browser_page
    open_page(page, url + "/themes")
    page.locator(f"#themes-table a[aria-label='{MANY} Neglect in 2024-25']").click()
    wait_for_dash(page)
    page.get_by_role("button", name="Next 100: show recommendations 101 to 200").first.click()
    page.wait_for_function("() => document.querySelector('#themes-records-count').innerText.includes('showing 101 to 200')")
    page.select_option("#themes-kind", "scr")  # the same cell, filtered: a new list
    page.wait_for_function("() => document.querySelector('#themes-records-count').innerText.includes('showing 1 to 100')")
    assert shown(page)[0] == "child-n-2023/R1"
