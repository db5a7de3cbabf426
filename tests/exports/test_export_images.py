"""Images come from an installed Chromium only: found or refused in one line, never downloaded, nothing from a CDN."""
from __future__ import annotations

import time

import pytest

from domain.errors import DomainError
from monitoring.reports import images as export_images


def test_debians_chromium_is_found_without_any_setting():
    assert export_images.find_chromium({}) in export_images.CANDIDATES


def test_browser_path_when_set_is_the_only_browser_tried(tmp_path):
    assert export_images.find_chromium({"BROWSER_PATH": str(tmp_path / "missing")}) is None
    assert export_images.find_chromium({"BROWSER_PATH": "/usr/lib/chromium/chromium"}) == "/usr/lib/chromium/chromium"


def test_no_chromium_is_one_clear_line(tmp_path):
    with pytest.raises(DomainError) as error:
        export_images.require_chromium({"BROWSER_PATH": str(tmp_path / "missing")})
    assert str(error.value) == "export: no Chromium installed; apt-get install chromium"


def test_the_render_page_loads_nothing_from_the_internet():
    page = export_images._page().generate_index()
    assert "http://" not in page and "https://" not in page
    assert "mathjax" not in page.lower()
    assert export_images.PDF_TITLE in page


def test_a_browser_that_will_not_start_is_an_error_not_a_hang():
    started = time.perf_counter()
    renderer = export_images.ImageRenderer("/bin/false")
    with pytest.raises(DomainError) as error:
        renderer.open()
    assert "Chromium at /bin/false did not start" in str(error.value)
    assert time.perf_counter() - started < 10 and not renderer.is_open
    assert renderer._thread is None  # its event-loop thread is stopped
