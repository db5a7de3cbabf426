"""(Issue 16.) In Chromium: an agency lead attaches a document from the action page with the keyboard alone,
watches the progress bar, sees it listed and in the history, and downloads it; a refused file says why."""
from __future__ import annotations

import hashlib

import pytest

from tests.dashboard import data
from tests.dashboard.conftest import axe_violations, describe, open_page, screenshot
from monitoring.application.evidence import Upload
from tests.evidence import files

pytestmark = pytest.mark.browser

ACTION = "baby-m-2023/R1/A3"  # Police: in progress
URL = "/action/baby-m-2023--R1--A3"


def test_a_document_is_attached_with_the_keyboard_listed_and_downloaded(browser_page, lead_url, lead_services, tmp_path):
    page = browser_page
    register = files.xlsx()
    (tmp_path / "training register.xlsx").write_bytes(register)
    open_page(page, lead_url + URL)
    page.get_by_label("Files to attach").set_input_files(str(tmp_path / "training register.xlsx"))
    page.get_by_label("Title (optional)").fill("Training register, March")
    progress = []
    page.on("request", lambda r: progress.append(r.url) if "/evidence/upload/" in r.url else None)
    page.get_by_label("Title (optional)").press("Tab")  # to the Attach button, then Enter: keyboard alone
    assert page.evaluate("document.activeElement.id") == "evidence-upload-button"
    page.keyboard.press("Enter")
    page.locator("#documents-table").get_by_text("Training register, March").wait_for()
    assert progress and progress[0].endswith("/evidence/upload/baby-m-2023/R1/A3")
    row = page.locator("#documents-table tbody tr").first.inner_text()
    assert "Excel" in row and data.POLICE_LEAD in row and "Attached" in row
    assert "Document attached" in page.locator("#timeline").inner_text()
    screenshot(page, "evidence-attached")
    with page.expect_download() as download:
        page.locator("#documents-table a").first.click()
    assert download.value.suggested_filename == "training register.xlsx"
    assert hashlib.sha256(open(download.value.path(), "rb").read()).hexdigest() == hashlib.sha256(register).hexdigest()
    assert page.watched.console_errors == [] and page.watched.external(lead_url) == []
    if (violations := axe_violations(page)):
        pytest.fail(describe(violations))


def test_a_disguised_file_is_refused_in_the_status_line_and_nothing_is_attached(browser_page, lead_url, lead_services, tmp_path):
    page = browser_page
    (tmp_path / "audit.pdf").write_bytes(files.HTML_AS_PDF)
    before = len(lead_services.app.action(ACTION).documents)
    open_page(page, lead_url + URL)
    page.get_by_label("Files to attach").set_input_files(str(tmp_path / "audit.pdf"))
    page.get_by_role("button", name="Attach", exact=True).click()
    status = page.locator("#evidence-upload-status")
    status.get_by_text("Not attached: audit.pdf: is HTML").wait_for()
    assert status.get_attribute("role") == "status"
    assert len(lead_services.app.action(ACTION).documents) == before


HEALTH_ACTION = "baby-m-2023/R1/A2"  # Acute Trust


@pytest.fixture(scope="module")
def signed_services(make_dashboard_services):
    from argon2 import PasswordHasher

    from monitoring.security.users import Users
    from tests.security.conftest import PASSWORD

    services = make_dashboard_services()
    users = Users(services.app, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    services.__dict__["users"] = users
    users.add(data.MANAGER, PASSWORD, role="admin", board=data.BOARD, actor=data.MANAGER)
    users.add(data.POLICE_LEAD, PASSWORD, role="agency_lead", board=data.BOARD, agency="Police", actor=data.MANAGER)
    services.app.attach_documents(HEALTH_ACTION, [Upload("booking audit.csv", files.CSV)], actor=data.MANAGER)
    return services


def test_another_agencys_lead_sees_neither_the_page_nor_the_file_in_the_browser(browser_page, live_server, signed_services):
    from tests.dashboard.test_browser_security import sign_in

    url, page = live_server(signed_services), browser_page
    sign_in(page, url, data.POLICE_LEAD, path="/action/baby-m-2023--R1--A2")
    page.get_by_text("Not available to you").wait_for()
    assert "booking audit" not in page.content()
    response = page.goto(url + f"/evidence/{hashlib.sha256(files.CSV).hexdigest()}")
    assert response.status == 403 and "police" in page.locator("body").inner_text().lower()
