"""(Issue 17.) The themes page in Chromium: the heatmap with a number in every cell, the table beside it, click-through
by keyboard, the filters, no serious axe violation; and the recurring learning on the review and recommendation pages."""
from __future__ import annotations

from datetime import date

import pytest

from tests.dashboard import data
from tests.dashboard.conftest import (
    axe_violations,
    describe,
    open_page,
    screenshot,
    wait_for_dash,
)

pytestmark = pytest.mark.browser


def seed(app) -> None:
    data.seed(app)  # child-c-2014 (R1, R2) and a second review, no themes
    app.commission_review(data.BOARD, "child-p-2019", "Child P (2019)", "scr", themes=["neglect", "voice-of-the-child"],
                          actor=data.MANAGER, on=date(2023, 12, 2))
    app.make_recommendation("child-p-2019", 1, "Hear the child.", themes=["voice-of-the-child"], actor=data.MANAGER, on=date(2023, 12, 3))
    app.make_recommendation("child-p-2019", 2, "Act on neglect early.", themes=["neglect"], actor=data.MANAGER, on=date(2023, 12, 3))
    app.commission_review(data.BOARD, "baby-q-2024", "Baby Q (2024)", "lcspr", themes=["neglect"], actor=data.MANAGER, on=date(2024, 5, 2))
    app.make_recommendation("baby-q-2024", 1, "Spot neglect in babies.", themes=["neglect"], actor=data.MANAGER, on=date(2024, 5, 3))


@pytest.fixture(scope="module")
def url(make_dashboard_services, live_server):
    services = make_dashboard_services(seed=seed)
    services.themes.note_recurrences(["baby-q-2024/R1"], actor=data.MANAGER)
    return live_server(services)


def test_the_heatmap_has_numbers_in_its_cells_a_table_beside_it_and_no_serious_axe_violation(browser_page, url):
    page = browser_page
    open_page(page, url + "/themes")
    page.wait_for_selector("#themes-heatmap-graph .heatmaplayer")
    cell_numbers = page.eval_on_selector_all("#themes-heatmap-graph .heatmaplayer text", "ts => ts.map(t => t.textContent)")
    themes = page.locator("#themes-table tbody tr").count()
    assert len(cell_numbers) == themes * 2 and all(n.isdigit() for n in cell_numbers)  # every cell of 2 years numbered
    table = page.locator("#themes-table")
    assert table.locator("caption").inner_text().startswith("Recommendations by theme and reporting year")
    assert table.locator("tr", has_text="Neglect").locator("td").all_inner_texts()[1:] == ["1", "1", "2"]
    screenshot(page, "themes-heatmap")
    assert page.watched.console_errors == [] and page.watched.external(url) == []
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_a_count_opens_its_recommendations_from_the_keyboard(browser_page, url):
    page = browser_page
    open_page(page, url + "/themes")
    link = page.locator("#themes-table a[aria-label='1 Neglect in 2024-25']")
    link.focus()
    page.keyboard.press("Enter")
    wait_for_dash(page)
    page.wait_for_selector("#themes-records-table")
    rows = page.locator("#themes-records-table tbody tr").all_inner_texts()
    assert len(rows) == 1 and "baby-q-2024/R1" in rows[0] and "Spot neglect in babies." in rows[0]
    screenshot(page, "themes-click-through")


def test_the_filters_narrow_the_heatmap_to_a_review_kind(browser_page, url):
    page = browser_page
    open_page(page, url + "/themes")
    assert page.locator("#themes-table tbody tr", has_text="Information sharing").count() == 1  # child-c-2014, an SCR
    page.select_option("#themes-kind", "lcspr")
    page.wait_for_function("() => !document.querySelector('#themes-table').innerText.includes('Information sharing')")
    names = [row.split("\t")[0] for row in page.locator("#themes-table tbody tr").all_inner_texts()]
    assert names == ["Neglect", "Voice of the child"]  # baby-q-2024 and baby-m-2023, the two LCSPRs


def test_the_recommendation_page_shows_the_earlier_learning_with_its_sign_off(browser_page, url):
    page = browser_page
    open_page(page, url + "/recommendation/baby-q-2024--R1")
    section = page.locator("#recurrence-table")
    assert "child-p-2019/R2" in section.inner_text() and "Neglect" in section.inner_text()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
