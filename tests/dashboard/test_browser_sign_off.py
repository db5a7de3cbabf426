"""A sub-group chair signs off a completed action, and the overview's figures move with it."""
from __future__ import annotations

import pytest

from tests.dashboard.conftest import open_page, screenshot, wait_for_dash

pytestmark = pytest.mark.browser

ACTION = "child-c-2014/R1/A2"  # Children's Social Care's audit: completed, awaiting sign-off


def card(page, name: str) -> str:
    """The card's figure, once the overview's callback has drawn it (a loaded machine can be slower than networkidle)."""
    page.wait_for_function(f"() => (document.querySelector('#card-{name}')?.innerText || '').trim() !== ''")
    return page.locator(f"#card-{name}").inner_text()


def test_a_chair_signs_off_an_action_and_the_overview_changes(browser_page, base_url, dashboard_services):
    page = browser_page
    open_page(page, base_url + "/")
    awaiting, signed_off = int(card(page, "awaiting-sign-off")), card(page, "percent-signed-off")

    open_page(page, base_url + "/action/child-c-2014--R1--A2")
    form = page.locator("#form-sign-off")
    form.get_by_label("Impact statement (optional)").fill("Threshold decisions at the front door now agree with partners in 9 of 10 audited cases.")
    assert form.get_by_label("Effective date").input_value() == "2026-11-22"
    form.get_by_role("button", name="Sign off").click()
    page.locator("#action-flash").wait_for()
    wait_for_dash(page)
    screenshot(page, "sign-off-done")

    assert "Signed off." in page.locator("#action-flash").inner_text()
    assert page.locator("#action-status").inner_text().startswith("Signed off")
    latest = page.locator("#timeline li").first.inner_text()
    assert "Signed off by chair" in latest and "9 of 10 audited cases" in latest
    assert dashboard_services.queries.action(ACTION)["status"] == "signed_off"

    open_page(page, base_url + "/")
    assert int(card(page, "awaiting-sign-off")) == awaiting - 1
    assert card(page, "percent-signed-off") != signed_off
    screenshot(page, "sign-off-overview-after")


def test_the_forms_follow_the_status_after_sign_off(browser_page, base_url):
    page = browser_page
    open_page(page, base_url + "/action/child-c-2014--R1--A2")
    assert page.locator("#form-reopen").count() == 1
    assert page.locator("#form-sign-off").count() == 0
    assert page.locator("#form-complete").count() == 0
