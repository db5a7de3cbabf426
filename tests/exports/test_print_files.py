"""Figure files fit for print, opened as their readers' programs open them: pdfinfo and pdffonts on the PDFs,
rsvg-convert on the SVGs (with every text line's position read back), the PNGs' resolution; one rounding rule."""
from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from pypdf import PdfReader

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from monitoring.reports import pack as exporting
from monitoring.reports.annual_report import gather
from monitoring.reports.figures import FIGURES, FigureContext, completion_by_agency, describe_completion, percent
from monitoring.reports.print_files import finish, png_with_dpi, svg_described
from projections.read.counts import percent as read_side_percent
from tests.dashboard import data

pytestmark = pytest.mark.skipif(not all(shutil.which(t) for t in ("pdfinfo", "pdffonts", "rsvg-convert")),
                                reason="poppler-utils and librsvg2-bin: make test installs them")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    services = bootstrap(Settings(db_url=f"sqlite:///{tmp_path_factory.mktemp('print') / 's.sqlite'}", local_user="t"))
    data.seed(services.app)
    services.catch_up()
    yield gather(services.queries, 2024, board=data.BOARD, today=date.today())
    services.close()


@pytest.fixture(scope="module")
def files(report, renderer):
    """Every figure in every image format, finished as the pack finishes them."""
    jobs = [(spec, fmt) for spec in FIGURES for fmt in exporting.IMAGE_FORMATS]
    drawn = renderer.render_many([(spec.figure(report).to_dict(), fmt, exporting.SCALES[fmt]) for spec, fmt in jobs])
    return {(spec.id, fmt): finish(content, fmt, title=exporting.figure_title(spec, report), alt=spec.alt_text(report),
                                   author=report.context.place) for (spec, fmt), content in zip(jobs, drawn)}


def _run(args, stdin: bytes = b"") -> str:
    return subprocess.run(args, input=stdin, check=True, capture_output=True, timeout=60).stdout.decode()


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.id)
def test_each_figure_pdf_is_an_a4_page_with_its_title_language_and_embedded_fonts(files, report, spec, tmp_path):
    path = tmp_path / "figure.pdf"
    path.write_bytes(files[(spec.id, "pdf")])
    info = _run(["pdfinfo", str(path)])
    assert "Pages:           1" in info and "(A4)" in info
    assert f"Title:           {spec.title}: {data.BOARD}, 2024-25" in info
    assert PdfReader(io.BytesIO(files[(spec.id, "pdf")])).trailer["/Root"]["/Lang"] == "en-GB"
    fonts = _run(["pdffonts", str(path)]).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column: every font embedded


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.id)
def test_each_svg_renders_and_carries_its_title_and_text_alternative(files, report, spec):
    svg = files[(spec.id, "svg")]
    png = subprocess.run(["rsvg-convert", "--format", "png"], input=svg, check=True, capture_output=True, timeout=60).stdout
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == exporting.figure_title(spec, report)
    assert root.find(f"{SVG}desc").text == spec.alt_text(report)


def _lines(svg: bytes, classes: tuple[str, ...] = ("gtitle", "gtitle-subtitle")) -> list[tuple[str, float, float, float]]:
    """(text, x, y, font size) of every line of the title block, as a viewer honouring only absolute positions draws it."""
    lines = []
    for text in ET.fromstring(svg).iter(f"{SVG}text"):
        if text.get("class") not in classes:
            continue
        size = float(re.search(r"font-size:\s*([\d.]+)px", text.get("style", "")).group(1))
        parts = [t for t in text.iter(f"{SVG}tspan") if t.get("class") == "line"]
        assert all(t.get("dy") is None for t in parts), "a line positioned relative to another"
        for element in parts or [text]:
            words = "".join(element.itertext()).strip()
            if words:
                lines.append((words, float(element.get("x") or text.get("x") or 0), float(element.get("y") or text.get("y") or 0), size))
    return lines


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.id)
def test_no_two_lines_of_the_title_block_overlap_in_the_svg(files, spec):
    """The title, the two subtitle lines ("All boards" or the board, then "Position at ...") each get their own line."""
    lines = _lines(files[(spec.id, "svg")])
    assert any(t.startswith("Position at") for t, *_ in lines) and any(t == data.BOARD for t, *_ in lines)
    for (a, _, ya, sa), (b, _, yb, sb) in zip(lines, lines[1:]):
        assert abs(yb - ya) >= 0.9 * min(sa, sb), f"{a!r} and {b!r} overlap"


def test_the_subtitle_fix_places_each_line_where_chromium_does():
    raw = (b'<svg xmlns="http://www.w3.org/2000/svg"><text class="gtitle-subtitle" x="12" y="54" dy="0.7em" style="font-size: 10px;">'
           b'<tspan class="line" dy="0em" x="12" y="54">All boards</tspan>'
           b'<tspan class="line" dy="1.3em" x="12" y="54">Position at 31 March 2025</tspan></text></svg>')
    fixed = svg_described(raw, title="T", desc="D")
    assert [(t, y) for t, _, y, _ in _lines(fixed)] == [("All boards", 61.0), ("Position at 31 March 2025", 74.0)]


def test_pngs_carry_300_dpi(files):
    for spec in FIGURES:
        png = files[(spec.id, "png")]
        at = png.index(b"pHYs")
        assert struct.unpack(">IIB", png[at + 4:at + 13]) == (11811, 11811, 1)
        assert png.count(b"pHYs") == 1
    assert png_with_dpi(png_with_dpi(png)) == png_with_dpi(png)


def test_one_rounding_rule_half_up_as_status_prints():
    assert percent(1, 16) == read_side_percent(1, 16) == 6.3  # round() gave 6.2 (6.25 is not exact in binary)
    row = {"key": "Police", "total": 16, "not_started": 0, "in_progress": 15, "completed": 1, "signed_off": 0,
           "withdrawn": 0, "overdue": 0, "percent_complete": read_side_percent(1, 16), "percent_signed_off": 0.0}
    text = describe_completion([row], FigureContext(as_at=date(2025, 3, 31), year=2024, board="B"))
    assert "6.3% complete overall" in text


def _status_row(key: str, **counts) -> dict:
    row = {"key": key, "not_started": 0, "in_progress": 0, "completed": 0, "signed_off": 0, "withdrawn": 0, "overdue": 0,
           "percent_complete": None, "percent_signed_off": None, **counts}
    row["total"] = sum(row[s] for s in ("not_started", "in_progress", "completed", "signed_off", "withdrawn"))
    return row


def test_a_segment_too_narrow_for_its_count_shows_it_outside_the_bar():
    rows = [_status_row("Police", signed_off=96, completed=1, in_progress=2, overdue=1, withdrawn=1, percent_complete=98.0),
            _status_row("Education", signed_off=10, in_progress=5, percent_complete=66.7)]
    fig = completion_by_agency(rows, FigureContext(as_at=date(2025, 3, 31), year=2024, board="B"))
    ends = {a.y: a.text for a in fig.layout.annotations if a.y in ("Police", "Education")}
    assert ends == {"Police": "98.0% complete; Red 1, Amber 1, Green 1, Grey 1", "Education": "66.7% complete"}
    inside = {t.name: list(t.text) for t in fig.data}
    assert inside["Withdrawn (Grey)"][0] == "" and inside["Signed off (Blue)"] == ["96", "10"]
    plot_px = 800 - fig.layout.margin.l - fig.layout.margin.r
    end_px = 100 * plot_px / fig.layout.xaxis.range[1] + 6 + 7.6 * len(ends["Police"])
    assert end_px <= plot_px + fig.layout.margin.r  # the words at the bar's end fit inside the figure
