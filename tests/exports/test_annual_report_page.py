"""The Annual report page in Chromium: accessible, offline, and every download button delivers its file."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from monitoring.reports.figures import FIGURES, TABLES
from tests.dashboard.conftest import (  # noqa: F401 - the dashboard's browser fixtures, shared
    axe_violations,
    base_url,
    browser_page,
    dashboard_services,
    describe,
    live_server,
    make_dashboard_services,
    open_page,
    screenshot,
)
from tests.dashboard.data import BOARD
from tests.exports.conftest import pdf_pages, png_size, svg_text

pytestmark = pytest.mark.browser

YEAR_2024 = "/annual-report?year=2024"


def _new_page(browser):
    """A page that accepts downloads and records console errors and every request."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.errors, page.requests = [], []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    return context, page


@pytest.fixture
def page(browser):
    context, page = _new_page(browser)
    yield page
    context.close()


@pytest.fixture(scope="module")
def report_page(browser, base_url):
    """The 2024-25 page, opened once for the tests that only read it and click its download buttons."""
    context, page = _new_page(browser)
    open_page(page, base_url + YEAR_2024)
    yield page
    context.close()


def download(page, button) -> tuple[str, bytes]:
    with page.expect_download(timeout=60_000) as pending:
        button.click()
    return pending.value.suggested_filename, Path(pending.value.path()).read_bytes()


def test_the_page_is_accessible_offline_with_every_control_labelled(report_page, base_url):
    page = report_page
    screenshot(page, "annual-report-2024")
    assert page.errors == []
    assert [u for u in page.requests if not u.startswith(base_url)] == []
    assert page.get_by_label("Reporting year").input_value() == "2024"
    assert page.get_by_label("Board").input_value() == BOARD
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_every_figure_has_its_caption_text_alternative_and_buttons(report_page):
    page = report_page
    assert "as at 31 March 2025" in page.locator("#annual-scope").inner_text()
    for spec in FIGURES:
        section = page.locator(f"#section-{spec.id}")
        assert section.locator("h2").inner_text() == spec.title
        alt = section.locator("[role=img]").get_attribute("aria-label")
        assert alt and len(alt) > 40
        assert alt in section.locator("figcaption").inner_text()
        for label in ("Download data (CSV)", "Download PNG", "Download SVG"):
            assert section.get_by_role("button", name=f"{label}: {spec.title}").count() == 1
    for spec in TABLES:
        assert page.locator(f"#table-{spec.id} caption").inner_text() == spec.title


def test_rag_cells_in_the_tables_carry_their_word(report_page):
    page = report_page
    cells = page.locator("#table-little-or-no-progress .rag").all_inner_texts()
    assert cells and all(":" in c for c in cells)  # "Red: Overdue", never a bare colour
    assert any(c.startswith("Red: ") for c in cells)


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.id)
def test_each_figure_downloads_as_png_svg_and_csv(report_page, spec):
    page = report_page
    section = page.locator(f"#section-{spec.id}")
    name, data = download(page, section.get_by_role("button", name=f"Download PNG: {spec.title}"))
    assert name == f"annual-report-2024-25-{spec.id}.png" and png_size(data)[0] == 2400
    name, data = download(page, section.get_by_role("button", name=f"Download SVG: {spec.title}"))
    assert name.endswith(".svg") and spec.title in svg_text(data)
    name, data = download(page, section.get_by_role("button", name=f"Download data (CSV): {spec.title}"))
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert name.endswith(".csv") and header == [c.header for c in spec.columns]


def test_the_whole_pack_downloads_as_one_zip(report_page):
    page = report_page
    name, data = download(page, page.get_by_role("button", name="Download the whole pack (zip)"))
    assert name == "annual-report-2024-25.zip"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        for spec in FIGURES:
            for fmt in ("png", "svg", "pdf"):
                assert f"annual-report-2024-25/figures/{spec.id}.{fmt}" in names
        assert pdf_pages(zf.read("annual-report-2024-25/figures/monthly-trend.pdf")) == 1
        assert {"annual-report-2024-25/index.html", "annual-report-2024-25/annual-report-2024-25.xlsx"} <= names


def test_choosing_another_year_redraws_the_figures_as_at_its_end(page, base_url):
    open_page(page, base_url + YEAR_2024)
    page.get_by_label("Reporting year").select_option("2023")
    page.wait_for_function("() => document.querySelector('#annual-scope').innerText.includes('2023-24')")
    assert "as at 31 March 2024" in page.locator("#annual-scope").inner_text()
    assert "31 March 2024" in page.locator("#section-completion-by-agency [role=img]").get_attribute("aria-label")
