"""Changing the overview's as-at date shows the figures `scr-monitor status --as-at` prints for that date."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.dashboard.conftest import ROOT, open_page, screenshot
from tests.dashboard.data import YEAR_END

pytestmark = pytest.mark.browser


def cli_status(services, *args) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "monitoring", "status", "--db", services.settings.db_url, "--format", "json", *args],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    return json.loads(result.stdout)


def cards(page) -> dict:
    return {name: page.locator(f"#card-{name}").inner_text() for name in ("actions", "percent-complete", "percent-signed-off", "overdue")}


def percent(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


def agency_table(page) -> dict[str, list[str]]:
    rows = page.locator("#chart-by-agency").locator("xpath=ancestor::figure").locator("tbody tr")
    table = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_text_contents()  # inside a closed <details>: text, not rendered
        table[cells[0]] = cells[1:]
    return table


def test_changing_the_as_at_date_shows_the_figures_of_scr_monitor_status(browser_page, base_url, dashboard_services):
    page = browser_page
    open_page(page, base_url + "/")
    today = cards(page)
    field = page.get_by_label("As at", exact=True)
    field.fill(YEAR_END.isoformat())
    field.press("Enter")
    page.locator("#overview-scope", has_text="31 Mar 2025").wait_for()
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    page.wait_for_load_state("networkidle")
    screenshot(page, "overview-as-at-2025-03-31")

    expected = cli_status(dashboard_services, "--as-at", YEAR_END.isoformat())["totals"]
    shown = cards(page)
    assert shown == {
        "actions": str(expected["total"]), "percent-complete": percent(expected["percent_complete"]),
        "percent-signed-off": percent(expected["percent_signed_off"]), "overdue": str(expected["overdue"]),
    }
    assert shown != today  # the seeded plans stood differently at the year end

    by_agency = cli_status(dashboard_services, "--as-at", YEAR_END.isoformat(), "--by", "agency")["rows"]
    table = agency_table(page)
    assert sorted(table) == [r["key"] for r in by_agency]
    for row in by_agency:
        assert table[row["key"]][0] == str(row["total"])
        assert table[row["key"]][-2:] == [percent(row["percent_complete"]), percent(row["percent_signed_off"])]


def test_a_future_as_at_date_is_refused_beside_the_field_and_the_figures_stay(browser_page, base_url):
    page = browser_page
    open_page(page, base_url + "/")
    before = cards(page)
    field = page.get_by_label("As at", exact=True)
    field.fill("2027-01-01")
    field.press("Enter")
    feedback = page.locator("#overview-as-at-feedback")
    feedback.wait_for()
    assert "in the future" in feedback.inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    assert cards(page) == before
