"""(Issue 17, board-editable.) The theme scheme page in Chromium: the board's business manager adds a local theme, renames
a shared one and merges one, from the keyboard, and sees the list change; a mistake is said beside its field; no
serious axe violation, with the forms open and with an error shown."""
from __future__ import annotations

import re

import pytest

from tests.dashboard import data
from tests.dashboard.conftest import axe_violations, describe, open_page, screenshot, wait_for_dash

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def url(make_dashboard_services, live_server):
    return live_server(make_dashboard_services())  # open mode: the local user may do everything, as a business manager


def row(page, name: str) -> list[str]:
    """The cells of the scheme table's row whose first cell is exactly `name`."""
    first = page.locator("td:first-child", has_text=re.compile(f"^{re.escape(name)}$"))
    return page.locator("#scheme-table tbody tr", has=first).locator("td").all_inner_texts()


def submit_from(page, field: str) -> None:
    """Enter in a text field sends its form, as a keyboard user would."""
    page.focus(field)
    page.keyboard.press("Enter")


def test_the_business_manager_adds_renames_and_merges_themes_and_sees_the_list_change(browser_page, url):
    page = browser_page
    open_page(page, url + "/themes")
    page.click("#themes-scheme-link")
    page.wait_for_selector("#scheme-table")
    wait_for_dash(page)
    assert "/themes/scheme?board=North+Shire" in page.url  # the themes page's board
    assert row(page, "Thresholds")[2:4] == ["Shared", "In use"] and "Housing" not in page.inner_text("#scheme-table")

    assert page.eval_on_selector("#scheme-rename-theme", "s => s.options[s.selectedIndex].text") == "Choose a theme"
    submit_from(page, "#scheme-add-name")  # nothing typed
    page.locator("#scheme-add-name-feedback", has_text="Name is required and cannot be blank.").wait_for()
    assert page.inner_text("#scheme-add-status") == "Nothing was saved: correct the field marked above."
    screenshot(page, "theme-scheme-mistake")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.fill("#scheme-add-name", "Housing")
    page.fill("#scheme-add-definition", "Temporary accommodation and moves between areas.")
    submit_from(page, "#scheme-add-name")
    page.locator("#scheme-flash", has_text=f"Added 'Housing', a local theme of {data.BOARD}").wait_for()
    assert row(page, "Housing")[1:4] == ["Temporary accommodation and moves between areas.", "Local", "In use"]

    page.select_option("#scheme-rename-theme", "thresholds")
    page.fill("#scheme-rename-name", "Levels of need")
    submit_from(page, "#scheme-rename-name")
    page.locator("#scheme-flash", has_text="Thresholds is now shown as 'Levels of need'").wait_for()
    assert row(page, "Levels of need")[2] == "Shared" and "threshold" in row(page, "Levels of need")[4]

    page.select_option("#scheme-merge-theme", "supervision")
    page.select_option("#scheme-merge-into", "professional-curiosity")
    page.focus("#scheme-merge-submit")
    page.keyboard.press("Enter")
    page.locator("#scheme-flash", has_text="Supervision merged into Professional curiosity").wait_for()
    assert row(page, "Supervision")[3] == "Merged into Professional curiosity"
    options = page.eval_on_selector_all("#scheme-rename-theme option", "os => os.map(o => o.textContent)")
    assert "Supervision" not in options and "Housing (local)" in options and "Levels of need" in options

    screenshot(page, "theme-scheme")
    assert page.watched.console_errors == [] and page.watched.external(url) == []
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_a_word_made_an_alias_is_listed_under_its_theme(browser_page, url):
    page = browser_page
    open_page(page, url + "/themes/scheme")
    page.select_option("#scheme-alias-theme", "neglect")
    page.fill("#scheme-alias-word", "Home conditions")
    submit_from(page, "#scheme-alias-word")
    page.locator("#scheme-flash", has_text="'Home conditions' now names Neglect").wait_for()
    assert "home conditions" in row(page, "Neglect")[4]
