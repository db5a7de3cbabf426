"""Recipients and notices on the dashboard: the lead's email for reminders, a board's contacts, the notices sent."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import TODAY
from tests.dashboard import data
from tests.dashboard.conftest import axe_violations, describe, open_page, screenshot

pytestmark = pytest.mark.browser

ACTION = "baby-m-2023/R1/A3"  # Police: in progress
URL = "/action/baby-m-2023--R1--A3"


@pytest.fixture(scope="module")
def services(make_dashboard_services):
    return make_dashboard_services()  # open mode: the local user acts as admin


@pytest.fixture(scope="module")
def url(live_server, services):
    return live_server(services)


def test_the_leads_email_is_set_on_the_action_page_and_a_bad_one_is_refused_beside_the_field(browser_page, url, services):
    page = browser_page
    before = len(services.queries.history(ACTION))
    open_page(page, url + URL)
    form = page.locator("#contact-form")
    field = form.get_by_label("Lead's email for reminders")
    field.fill("not an email")
    form.get_by_role("button", name="Save the lead's email").click()
    message = form.locator(".invalid-feedback")
    message.wait_for()
    assert message.inner_text() == "'not an email' is not an email address."
    expect(field).to_have_attribute("aria-invalid", "true")  # waits: the mark can follow the message by a render
    assert message.get_attribute("id") in field.get_attribute("aria-describedby").split()
    assert len(services.queries.history(ACTION)) == before  # nothing written
    assert services.queries.action(ACTION)["contact"] == ""
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    field.fill("lead@police.example.org")
    form.get_by_role("button", name="Save the lead's email").click()
    page.locator("#action-flash").wait_for()
    screenshot(page, "action-contact-saved")
    assert "lead@police.example.org" in page.locator("#action-flash").inner_text()
    assert services.queries.action(ACTION)["contact"] == "lead@police.example.org"
    assert "go to lead@police.example.org" in page.locator("#contact-now").inner_text()
    assert page.get_by_label("Lead's email for reminders").input_value() == "lead@police.example.org"


def test_a_notice_recorded_on_the_action_is_listed_with_when_it_was_sent(browser_page, url, services):
    action = services.app.action(ACTION)
    key = f"reminder:{action.id}:2026-12-01"
    assert action.record_notice(kind="reminder", key=key, recipient="lead@police.example.org",
                                subject="Reminder: action due 1 Dec 2026", on=TODAY)
    services.app.save(action)
    services.catch_up()
    page = browser_page
    open_page(page, url + URL)
    entry = page.locator("#notices li")
    assert entry.count() == 1
    text = " ".join(entry.inner_text().split())
    assert text.startswith("Reminder to lead@police.example.org")
    assert "Reminder: action due 1 Dec 2026" in text and text.endswith("waiting to send") and key not in text

    action = services.app.action(ACTION)
    assert action.record_notice_delivered(key=key, recipient="lead@police.example.org", on=TODAY)
    services.app.save(action)
    services.catch_up()
    open_page(page, url + URL)
    assert page.locator("#notices li").count() == 1  # queued and delivered: one notice
    assert " sent " in page.locator("#notices li").inner_text() and "waiting" not in page.locator("#notices li").inner_text()


def test_a_boards_contacts_are_set_on_their_own_page(browser_page, url, services):
    page = browser_page
    open_page(page, url + "/board-contacts")
    police = page.get_by_label("Police's email")
    police.fill("safeguarding@police.example.org")
    page.get_by_role("button", name="Save Police's email").click()
    page.get_by_text("Saved: Police's email is now safeguarding@police.example.org.").wait_for()
    board = next(b for b in services.queries.boards() if b["name"] == data.BOARD)
    assert board["agency_contacts"]["Police"] == "safeguarding@police.example.org"

    chair = page.get_by_label("Sub-group chair's email")
    chair.fill("chair@")
    page.get_by_role("button", name="Save the chair's email").click()
    page.get_by_text("'chair@' is not an email address.").wait_for()
    expect(chair).to_have_attribute("aria-invalid", "true")  # waits: the mark can follow the message by a render
    assert next(b for b in services.queries.boards() if b["name"] == data.BOARD)["chair_contact"] in (None, "")
    screenshot(page, "board-contacts-error")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
