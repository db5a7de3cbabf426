"""The Annual report page offers the board's chapter as .docx and .odt, from labelled, keyboard-usable buttons."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from odf import opendocument, teletype
from odf.text import H

from tests.dashboard.conftest import (  # noqa: F401 - the dashboard's browser fixtures, shared
    axe_violations,
    base_url,
    dashboard_services,
    describe,
    live_server,
    make_dashboard_services,
    open_page,
    screenshot,
)
from tests.dashboard.data import BOARD

pytestmark = pytest.mark.browser
STEM = "chapter-north-shire-safeguarding-children-partnership"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def _download(page, button) -> tuple[str, bytes]:
    with page.expect_download(timeout=120_000) as pending:
        button.click()
    return pending.value.suggested_filename, Path(pending.value.path()).read_bytes()


def test_the_chapter_downloads_as_docx_and_odt_for_the_chosen_board(page, base_url):
    open_page(page, base_url + f"/annual-report?year=2024&board={BOARD}")
    section = page.locator("#section-chapter")
    assert section.get_by_role("heading", name="The chapter for the yearly report").is_visible()
    name, data = _download(page, section.get_by_role("button", name=f"Download the chapter (Word, .docx): {BOARD}, 2024-25"))
    assert name == f"{STEM}.docx"
    document = Document(io.BytesIO(data))
    assert document.core_properties.title == "Case reviews and their action plans, 2024-25"
    assert document.paragraphs[0].style.name == "Heading 1"
    button = section.get_by_role("button", name=f"Download the chapter (OpenDocument, .odt): {BOARD}, 2024-25")
    button.focus()  # the keyboard way: focus and Enter
    with page.expect_download(timeout=120_000) as pending:
        page.keyboard.press("Enter")
    assert pending.value.suggested_filename == f"{STEM}.odt"
    odt = opendocument.load(io.BytesIO(Path(pending.value.path()).read_bytes()))
    assert teletype.extractText(odt.text.getElementsByType(H)[0]) == "Case reviews and their action plans, 2024-25"
    assert not axe_violations(page), describe(axe_violations(page))
    screenshot(page, "annual-report-chapter")

