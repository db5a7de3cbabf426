"""A text over its limit is named beside its field as soon as it is pasted, and a body too large to be a
form is refused at once (413) without a hang; nothing is written either way."""
from __future__ import annotations

import pytest

from tests.dashboard.conftest import open_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

ACTION = "baby-m-2023/R1/A3"  # Police: in progress
URL = "/action/baby-m-2023--R1--A3"


def events(services) -> int:
    return len(services.queries.history(ACTION))


def test_a_pasted_note_over_the_limit_is_named_beside_the_field_before_and_after_sending(browser_page, lead_url, lead_services):
    page = browser_page
    before = events(lead_services)
    open_page(page, lead_url + URL)
    form = page.locator("#form-progress")
    note = form.get_by_label("Progress note")
    note.fill("x" * 25_000)
    message = form.locator(".invalid-feedback", has_text="25,000 characters long")
    message.wait_for()
    assert message.inner_text().startswith("Progress note is 25,000 characters long; the limit is 20,000.")
    assert note.get_attribute("aria-invalid") == "true"
    form.get_by_role("button", name="Report progress").click()
    form.locator(".text-danger", has_text="Nothing was saved").wait_for()
    screenshot(page, "progress-note-over-limit")
    assert form.locator(".invalid-feedback").first.inner_text() == "Progress note is 25,000 characters long; the limit is 20,000."
    assert events(lead_services) == before


def test_a_three_megabyte_note_is_refused_by_the_server_at_once_and_the_field_says_why(browser_page, lead_url, lead_services):
    page = browser_page
    before = events(lead_services)
    open_page(page, lead_url + URL)
    form = page.locator("#form-progress")
    form.get_by_label("Progress note").fill("y" * 3_000_000)
    form.locator(".invalid-feedback", has_text="3,000,000 characters long").wait_for()
    with page.expect_response(lambda r: "_dash-update-component" in r.url and r.request.method == "POST", timeout=30_000) as sent:
        form.get_by_role("button", name="Report progress").click()
    assert sent.value.status == 413
    assert form.locator(".invalid-feedback", has_text="the limit is 20,000").is_visible()
    assert events(lead_services) == before
