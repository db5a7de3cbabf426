"""The board selector: every board together by default when there are several, one board's figures when chosen."""
from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.dashboard import data
from tests.dashboard.conftest import open_page

pytestmark = pytest.mark.browser

SOUTH = "South Vale Safeguarding Adults Board"


def two_boards(app) -> None:
    data.seed(app)
    app.register_board(SOUTH, ["Police", "Housing"], actor=data.MANAGER, on=date(2024, 1, 1))
    app.commission_review(SOUTH, "sar-jd-2024", "SAR JD (2024)", "sar", actor=data.MANAGER, on=date(2024, 2, 1))
    app.make_recommendation("sar-jd-2024", 1, "Housing refers self-neglect concerns to adult social care.", actor=data.MANAGER, on=date(2024, 2, 2))
    app.add_action("sar-jd-2024/R1", "Housing", "Train tenancy officers in self-neglect.", date(2024, 6, 30), actor=data.MANAGER, on=date(2024, 2, 2))


@pytest.fixture(scope="module")
def url(live_server, make_dashboard_services):
    return live_server(make_dashboard_services(seed=two_boards))


def selected_label(page) -> str:
    return page.evaluate("() => { const s = document.getElementById('overview-board'); return s.options[s.selectedIndex].text; }")


def test_with_several_boards_the_overview_starts_with_all_of_them(browser_page, url):
    page = browser_page
    open_page(page, url + "/")
    assert selected_label(page) == "All boards"
    assert page.locator("#card-actions").inner_text() == "11"
    assert "for all boards" in page.locator("#overview-scope").inner_text()


def test_choosing_a_board_shows_only_its_figures(browser_page, url):
    page = browser_page
    open_page(page, url + "/")
    page.get_by_label("Board", exact=True).select_option(SOUTH)
    page.locator("#overview-scope", has_text=SOUTH).wait_for()
    expect(page.locator("#card-actions")).to_have_text("1")
    expect(page.locator("#card-overdue")).to_have_text("1")
    expect(page.locator("#overview-overdue")).to_contain_text("sar-jd-2024")
    expect(page.locator("#reviews-table")).not_to_contain_text("child-c-2014")


def test_a_link_can_name_the_board(browser_page, url):
    page = browser_page
    open_page(page, url + "/?board=" + data.BOARD.replace(" ", "+"))
    assert selected_label(page) == data.BOARD
    assert page.locator("#card-actions").inner_text() == "10"
