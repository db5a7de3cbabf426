"""The annual report page keeps a year's drawn sections for the same report: what it sends is what it would draw
afresh, and a change to the year's numbers is drawn again (dashboard/pages/annual_report.py)."""
from __future__ import annotations

import sys
from datetime import date

import pytest
from plotly.io.json import to_json_plotly

from dashboard.app import create_app
from monitoring.reports.annual_report import gather
from tests.dashboard.conftest import make_dashboard_services  # noqa: F401 - the seeded board's fixture
from tests.dashboard.data import BOARD, CHAIR, POLICE_LEAD
from tests.conftest import TODAY


@pytest.fixture
def page_in_request(make_dashboard_services):  # noqa: F811
    services = make_dashboard_services()
    app = create_app(services, local_user=CHAIR)
    page = sys.modules["pages.annual_report"]
    page._drawn_pages.clear()
    with app.server.test_request_context("/"):
        yield services, page


def test_the_kept_sections_send_exactly_what_drawing_them_afresh_sends(page_in_request):
    services, page = page_in_request
    first, kept = page.content(2024, BOARD), page.content(2024, BOARD)
    afresh = page._sections(gather(services.queries, 2024, board=BOARD, today=TODAY))
    assert kept is first
    assert to_json_plotly(kept) == to_json_plotly(afresh)
    assert "Reporting year 2024-25 for " + BOARD in to_json_plotly(kept)


def test_a_note_after_the_year_leaves_the_year_drawn_and_a_change_within_it_is_drawn_again(page_in_request):
    services, page = page_in_request
    before = page.content(2024, BOARD)
    services.app.report_progress("child-c-2014/R1/A3", "Third briefing booked", actor=POLICE_LEAD, on=TODAY)
    services.catch_up()
    assert page.content(2024, BOARD) is before  # the 2024-25 figures did not change
    services.app.complete_action("baby-m-2023/R1/A1", "Pathway in use since March", actor=POLICE_LEAD, on=date(2025, 3, 1))
    services.catch_up()
    after = page.content(2024, BOARD)
    assert after is not before
    assert to_json_plotly(after) == to_json_plotly(page._sections(gather(services.queries, 2024, board=BOARD, today=TODAY)))
    assert to_json_plotly(after) != to_json_plotly(before)


def test_each_board_and_year_is_kept_apart(page_in_request):
    _services, page = page_in_request
    assert to_json_plotly(page.content(2024, BOARD)) != to_json_plotly(page.content(2025, BOARD))
    assert "for all boards" in to_json_plotly(page.content(2024, ""))
