"""The export pack: every file exists and opens, an empty year still gives a pack, nothing is ever half-written."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from html import escape

import openpyxl
import pytest

from monitoring.reports.figures import FIGURES, TABLES
from domain.errors import DomainError
from monitoring.reports import pack as exporting
from monitoring.reports.annual_report import gather
from tests.exports.conftest import files_under, pdf_pages, png_size, svg_root, svg_text
from tests.exports.fakes import BOARD, FakeQueries, sample_queries

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def report():
    return gather(sample_queries(), 2024, board=BOARD, today=TODAY)


@pytest.fixture(scope="module")
def pack(tmp_path_factory, report, renderer):
    out = tmp_path_factory.mktemp("packs") / "annual-2024"
    exporting.export_pack(report, out, exporting.FORMATS, renderer)
    return out


def test_every_figure_is_written_as_png_svg_and_pdf(pack):
    expected = {f"figures/{spec.id}.{fmt}" for spec in FIGURES for fmt in ("png", "svg", "pdf")}
    assert expected <= files_under(pack)


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.id)
def test_png_is_print_resolution(pack, spec):
    width, height = png_size((pack / "figures" / f"{spec.id}.png").read_bytes())
    assert width == 2400 and height >= 900  # scale 3 of an 800 x 300+ figure


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.id)
def test_svg_parses_and_carries_title_and_source(pack, spec):
    text = svg_text((pack / "figures" / f"{spec.id}.svg").read_bytes())
    assert spec.title in text and "Source:" in text and BOARD in text


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.id)
def test_pdf_is_one_page(pack, spec):
    assert pdf_pages((pack / "figures" / f"{spec.id}.pdf").read_bytes()) == 1


def test_every_figure_and_table_has_its_data_as_csv_with_headers(pack):
    for spec in (*FIGURES, *TABLES):
        data = (pack / "data" / f"{spec.id}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with its byte-order mark
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows[0] == [c.header for c in spec.columns]
    agencies = list(csv.DictReader(io.StringIO((pack / "data" / "completion-by-agency.csv").read_text("utf-8-sig"))))
    assert agencies[-1]["Agency"] == "All agencies" and agencies[-1]["Actions"] == "7"
    overdue = list(csv.DictReader(io.StringIO((pack / "data" / "overdue-at-year-end.csv").read_text("utf-8-sig"))))
    assert overdue[0]["RAG"] == "Overdue (Red)"


def test_workbook_has_a_sheet_per_table_with_frozen_header_and_rag_fills(pack):
    book = openpyxl.load_workbook(pack / "annual-report-2024-25.xlsx")
    assert len(book.sheetnames) == 1 + len(FIGURES) + len(TABLES)
    sheet = book["Completion by agency"]
    assert sheet.freeze_panes == "B2" and sheet["A1"].font.bold and sheet["A1"].fill.fgColor.rgb.endswith("1D4F91")
    police = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "Police")
    assert police[1:4] == (3, 0, 1)  # real numbers: actions, not started, in progress
    rag = book["Little or no progress"]["G2"]
    assert rag.value == "Overdue (Red)" and rag.fill.fgColor.rgb.endswith("B21F1F")
    impact = book["Actions taken and impact"]
    assert impact["F1"].value == "Actions taken" and "\n" in impact["F2"].value


def test_index_shows_every_figure_with_caption_and_alt_text(pack, report):
    html = (pack / "index.html").read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'lang="en-GB"' in html
    for spec in FIGURES:
        assert f'<img src="figures/{spec.id}.svg" alt="' in html
        assert escape(spec.caption) in html and escape(spec.alt_text(report)) in html
    assert "Areas with little or no evidence of progress" in html
    assert "http://" not in html and "https://" not in html  # nothing from the internet


def test_manifest_and_zip_hold_the_whole_pack(pack):
    manifest = json.loads((pack / "pack.json").read_text("utf-8"))
    assert manifest["as_at"] == "2025-03-31" and manifest["board"] == BOARD and manifest["reporting_year"] == "2024-25"
    with zipfile.ZipFile(pack / "annual-report-2024-25.zip") as zf:
        inside = {name.split("/", 1)[1] for name in zf.namelist()}
        assert zf.testzip() is None
    assert inside == files_under(pack) - {"annual-report-2024-25.zip"}


def test_a_year_with_no_data_gives_a_pack_whose_figures_say_so(tmp_path, renderer):
    report = gather(FakeQueries([], []), 2010, board=BOARD, today=TODAY)
    out = tmp_path / "empty"
    exporting.export_pack(report, out, ("svg", "csv", "xlsx"), renderer)
    assert "No actions recorded" in svg_text((out / "figures" / "completion-by-agency.svg").read_bytes())
    assert "No recommendations recorded" in svg_text((out / "figures" / "recommendations-implemented.svg").read_bytes())
    assert "No actions or recommendations were recorded" in (out / "index.html").read_text("utf-8")
    assert json.loads((out / "pack.json").read_text())["empty"] is True


def test_data_only_formats_need_no_browser(tmp_path, report):
    out = tmp_path / "data-only"
    exporting.export_pack(report, out, ("csv", "xlsx"), renderer=None)
    assert not (out / "figures").exists() and (out / "annual-report-2024-25.xlsx").exists()
    assert '<img' not in (out / "index.html").read_text("utf-8")


def test_an_unwritable_destination_is_one_clear_error_and_leaves_nothing(tmp_path, report):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DomainError) as error:
        exporting.export_pack(report, blocker / "pack", ("csv",))
    assert error.value.field == "out" and "cannot" in error.value.reason
    with pytest.raises(DomainError):
        exporting.export_pack(report, "/proc/scr-monitor-pack", ("csv",))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_folder_holding_other_files_is_never_overwritten(tmp_path, report):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "minutes.docx").write_text("keep me")
    with pytest.raises(DomainError) as error:
        exporting.export_pack(report, out, ("csv",))
    assert "not empty" in error.value.reason
    assert files_under(out) == {"minutes.docx"} and len(list(tmp_path.iterdir())) == 1


def test_exporting_again_replaces_an_earlier_pack_whole(tmp_path, report):
    out = tmp_path / "pack"
    exporting.export_pack(report, out, ("csv", "xlsx"))
    (out / "data" / "stale.csv").write_text("from last time")
    exporting.export_pack(report, out, ("csv",))
    assert "data/stale.csv" not in files_under(out) and not (out / "annual-report-2024-25.xlsx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]  # no staging folders left behind


def test_a_failure_while_building_leaves_no_partial_pack(tmp_path, report):
    class Broken:
        def render_many(self, jobs, on_done=None):
            raise DomainError("export", "Chromium crashed")

    with pytest.raises(DomainError):
        exporting.export_pack(report, tmp_path / "new" / "pack", ("png", "csv"), Broken())
    assert list(tmp_path.iterdir()) == []  # the staging folder and the parent it created are gone


@pytest.mark.parametrize("text, expected", [
    (None, exporting.FORMATS), ("xlsx,png", ("png", "xlsx")), (" SVG , .pdf", ("svg", "pdf")),
])
def test_formats_are_read_forgivingly(text, expected):
    assert exporting.parse_formats(text) == expected


def test_an_unknown_format_is_named():
    with pytest.raises(DomainError) as error:
        exporting.parse_formats("png,jpeg")
    assert error.value.field == "formats" and "jpeg" in error.value.reason


def test_pack_zip_for_the_dashboard_holds_the_figures(report, renderer):
    name, data = exporting.pack_zip(report, ("png", "csv"), renderer)
    assert name == "annual-report-2024-25.zip"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert "annual-report-2024-25/figures/monthly-trend.png" in names
        assert png_size(zf.read("annual-report-2024-25/figures/monthly-trend.png"))[0] == 2400
    assert svg_root  # (imported for the SVG checks above)


def test_the_destination_is_checked_before_any_work(tmp_path):
    exporting.check_destination(tmp_path / "new" / "pack")  # creatable: fine, and nothing is created
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "file").write_text("x")
    for bad in (tmp_path / "file", tmp_path / "file" / "pack", "/proc/annual-report"):
        with pytest.raises(DomainError) as error:
            exporting.check_destination(bad)
        assert error.value.field == "out"
