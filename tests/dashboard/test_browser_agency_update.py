"""An agency lead's updates: a bad input is shown beside its field and writes nothing; a conflict loses nothing."""
from __future__ import annotations

from datetime import date

import pytest

from tests.dashboard import data
from tests.dashboard.conftest import axe_violations, describe, open_page, screenshot, wait_for_dash

pytestmark = pytest.mark.browser

ACTION = "baby-m-2023/R1/A3"  # Police: in progress, due 1 December 2026
URL = "/action/baby-m-2023--R1--A3"


def events(services) -> int:
    return len(services.queries.history(ACTION))


def test_blank_evidence_shows_the_message_beside_the_field_and_writes_nothing(browser_page, lead_url, lead_services):
    page = browser_page
    before = events(lead_services)
    open_page(page, lead_url + URL)
    assert page.locator("#acting-user").inner_text() == f"Acting as {data.POLICE_LEAD}"
    form = page.locator("#form-complete")
    form.get_by_label("Evidence that it is done").fill("   ")
    form.get_by_role("button", name="Mark complete").click()
    message = form.locator(".invalid-feedback")
    message.first.wait_for()
    screenshot(page, "agency-bad-evidence")

    field = form.get_by_label("Evidence that it is done")
    assert message.first.inner_text() == "Evidence that it is done is required and cannot be blank."
    assert field.get_attribute("aria-invalid") == "true"
    assert message.first.get_attribute("id") in field.get_attribute("aria-describedby").split()
    assert events(lead_services) == before
    assert lead_services.queries.action(ACTION)["status"] == "in_progress"
    violations = axe_violations(page)  # the page in its error state is as accessible as before
    assert violations == [], describe(violations)


def test_a_target_date_before_the_action_was_agreed_is_refused_beside_it(browser_page, lead_url, lead_services):
    page = browser_page
    before = events(lead_services)
    open_page(page, lead_url + URL)
    form = page.locator("#form-reschedule")
    form.get_by_label("New target date").fill("2023-01-31")
    form.get_by_label("Reason for the new date").fill("Typed the wrong year")
    form.get_by_role("button", name="Ask for a new target date").click()
    form.locator(".invalid-feedback", has_text="before the action was agreed").wait_for()
    assert form.get_by_label("Reason for the new date").input_value() == "Typed the wrong year"  # nothing typed is lost
    assert events(lead_services) == before


def test_keyboard_alone_reports_progress(browser_page, lead_url, lead_services):
    page = browser_page
    open_page(page, lead_url + URL)
    note = page.locator("#form-progress").get_by_label("Progress note")
    note.focus()
    page.keyboard.type("Flag live in the police system since Monday.")
    for _ in range(6):  # through the effective date's day, month and year to the button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    assert page.evaluate("document.activeElement.textContent") == "Report progress"
    page.keyboard.press("Enter")
    page.locator("#action-flash").wait_for()
    assert "Progress reported." in page.locator("#action-flash").inner_text()
    assert lead_services.queries.history(ACTION)[-1]["details"]["note"] == "Flag live in the police system since Monday."


def test_a_concurrent_change_is_announced_and_reload_keeps_the_typed_text(browser_page, lead_url, lead_services):
    page = browser_page
    open_page(page, lead_url + URL)
    lead_services.app.report_progress(ACTION, "Chased by the business manager", actor=data.MANAGER, on=date(2026, 11, 22))
    lead_services.catch_up()
    before = events(lead_services)

    form = page.locator("#form-progress")
    form.get_by_label("Progress note").fill("Training for control room staff booked.")
    form.get_by_role("button", name="Report progress").click()
    warning = form.get_by_text("changed by someone else since you loaded it")
    warning.wait_for()
    screenshot(page, "agency-conflict")
    assert events(lead_services) == before
    assert axe_violations(page) == []

    page.get_by_role("button", name="Reload the latest version (your text is kept)").click()
    page.locator("#action-flash", has_text="Reloaded").wait_for()
    wait_for_dash(page)
    assert page.locator("#form-progress").get_by_label("Progress note").input_value() == "Training for control room staff booked."
    assert "Chased by the business manager" in page.locator("#timeline").inner_text()
    assert page.locator("#form-progress .alert").count() == 0  # reloading did not send the stale form again
    assert events(lead_services) == before

    page.locator("#form-progress").get_by_role("button", name="Report progress").click()
    page.locator("#action-flash", has_text="Progress reported.").wait_for()
    assert events(lead_services) == before + 1
