"""The yearly report's chapter, opened as its readers' programs open it: LibreOffice converts the .docx and the
.odt to PDF and to text; the page size, headings, statutory sections and every number are checked against
`status --as-at` for 31 March."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from odf import opendocument
from odf import teletype
from odf.namespaces import DCNS, TABLENS, TEXTNS
from odf.svg import Desc
from odf.text import H

from monitoring.bootstrap import bootstrap
from monitoring.cli.main import main
from monitoring.config import Settings
from monitoring.demo.data_set import load_demo
from monitoring.reports.chapter import Chapter, docx_bytes, odt_bytes
from monitoring.reports.chapter.blocks import Bullets, Figure, Heading, Paragraph, Table, word_mm

BOARD = "Northshire Safeguarding Children Partnership"
STEM = "chapter-northshire-safeguarding-children-partnership"
YEAR_END = "2025-03-31"
SOFFICE = shutil.which("soffice")

needs_office = pytest.mark.skipif(SOFFICE is None or shutil.which("pdfinfo") is None,
                                  reason="LibreOffice Writer and poppler-utils: make test installs them")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The demo store, and what the demo lacks: a late review with a recorded reason, one late with none,
    and a safeguarding adults review's finding the board decided not to implement."""
    url = f"sqlite:///{tmp_path_factory.mktemp('chapter') / 'store.sqlite'}"
    services = bootstrap(Settings(db_url=url, local_user="tester"), clock=date.today)
    load_demo(services)
    services.close()
    for command in (
        ["review", "add", "--board", BOARD, "--code", "child-z-2024", "--title", "Child Z (2024)", "--type", "lcspr",
         "--aware", "2024-05-01", "--notified", "2024-05-15", "--on", "2024-05-01"],
        ["review", "stage", "child-z-2024", "rapid_review", "--note", "Police disclosure awaited from the CPS",
         "--on", "2024-06-20"],
        ["review", "stage", "child-z-2024", "decision", "--on", "2024-07-01"],
        ["review", "add", "--board", BOARD, "--code", "adult-p-2024", "--title", "Adult P (2024)", "--type", "sar",
         "--aware", "2024-04-10", "--on", "2024-04-10"],
        ["review", "stage", "adult-p-2024", "completed", "--on", "2024-11-01"],
        ["recommendation", "add", "adult-p-2024", "--number", "1", "--text", "Agencies escalate concerns about self-neglect",
         "--agency", "Police", "--on", "2024-11-05"],
        ["recommendation", "add", "adult-p-2024", "--number", "2", "--text", "Commission a housing-led outreach service",
         "--agency", "Police", "--on", "2024-11-05"],
        ["action", "add", "adult-p-2024/R1", "--agency", "Police", "--text", "Brief neighbourhood teams on self-neglect",
         "--target", "2025-01-31", "--on", "2024-11-10"],
        ["recommendation", "reject", "adult-p-2024/R2", "--reason", "The national guidance it relied on was withdrawn",
         "--on", "2024-12-02"],
    ):
        assert main([*command, "--db", url]) == 0, command
    return url


@pytest.fixture(scope="module")
def pack(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("chapter-pack") / "pack"
    assert main(["export", "--db", store, "--year", "2024", "--out", str(out), "--board", BOARD,
                 "--formats", "png,svg,pdf,docx,odt"]) == 0
    return out


def _convert(source: Path, to: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    profile = f"file:///tmp/lo-test-{os.getpid()}-{to.split(':')[0]}"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile}", "--convert-to", to, "--outdir",
                    str(folder), str(source)], check=True, capture_output=True, timeout=240)
    return folder / f"{source.stem}.{to.split(':')[0]}"


@pytest.fixture(scope="module", params=["docx", "odt"])
def converted(request, pack, tmp_path_factory):
    """(format, PDF path, the PDF's text with whitespace made single spaces) for each chapter file."""
    folder = tmp_path_factory.mktemp(f"converted-{request.param}")
    pdf = _convert(pack / f"{STEM}.{request.param}", "pdf", folder)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60).stdout
    return request.param, pdf, text, " ".join(text.split())


def _status(store, capsys, by: str) -> dict:
    capsys.readouterr()
    assert main(["status", "--db", store, "--by", by, "--board", BOARD, "--as-at", YEAR_END, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def _pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True, timeout=60).stdout


@needs_office
def test_each_chapter_converts_to_an_a4_pdf_with_title_author_and_page_numbers(converted):
    _, pdf, text, _ = converted
    info = _pdfinfo(pdf)
    assert "(A4)" in info
    assert "Title:           Case reviews and their action plans, 2024-25" in info
    assert f"Author:          {BOARD}" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 3 and "Page 2" in text and f"Page {pages}" in text
    # A picture of the first two pages for a person to look at (artifacts/chapter/), as the issue asks.
    fmt = converted[0]
    folder = Path(__file__).resolve().parents[2] / "artifacts" / "chapter"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(folder / fmt)], check=True, timeout=60)
    first = sorted(folder.glob(f"{fmt}-*1.png"))  # pdftoppm pads the page number to the page count's width
    assert first and first[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@needs_office
def test_the_chapter_has_the_statutory_sections_and_care_act_items(converted):
    _, _, _, flat = converted
    for heading in ("Reviews in the year and their statutory timeliness", "Implementing the reviews' recommendations",
                    "Areas with little or no evidence of progress", "Safeguarding adults reviews (Care Act 2014, Schedule 2)",
                    "(d) Findings of the safeguarding adults reviews concluded in the year",
                    "(e) Safeguarding adults reviews ongoing at the end of the year",
                    "(f) What the board has done in the year to implement their findings",
                    "(g) Findings the board decided not to implement, and its reasons", "Figures"):
        assert heading in flat, heading
    assert "Adult P (2024), concluded on 1 November 2024: 2 findings." in flat
    assert "R1: Agencies escalate concerns about self-neglect." in flat
    assert "Adult P (2024), R2, rejected on 2 December 2024: The national guidance it relied on was withdrawn." in flat


@needs_office
def test_late_stages_say_by_how_many_working_days_and_the_reason_or_ask_for_it(converted):
    _, _, _, flat = converted
    # Aware Wednesday 1 May 2024: notify by 9 May (5 working days; 6 May a bank holiday), 4 working days late on
    # 15 May; rapid review by 23 May (15), 19 working days late on 20 June (27 May a bank holiday).
    assert ("Child Z (2024) (Local Child Safeguarding Practice Review), rapid review (15 working days): due by 23 May 2024, "
            "met on 20 June 2024, late by 19 working days. Reason recorded: Police disclosure awaited from the CPS.") in flat
    assert ("notification to the National Panel (5 working days): due by 9 May 2024, met on 15 May 2024, late by 4 working "
            "days. No reason for the delay was recorded.") in flat
    assert "To complete: say why the notification to the National Panel (5 working days) for Child Z (2024) was late." in flat


@needs_office
def test_every_number_in_the_text_equals_status_as_at_the_years_end(converted, store, capsys):
    _, _, _, flat = converted
    totals = _status(store, capsys, "board")["totals"]
    said = re.search(r"was monitoring (\d+) actions \((\d+) withdrawn\)\. Of those not withdrawn, ([\d.]+)% were complete "
                     r"\(completed or signed off\) and ([\d.]+)% signed off; (\d+) actions? (?:was|were) overdue", flat)
    assert said, "the overview sentence"
    assert [int(said[1]), int(said[2]), float(said[3]), float(said[4]), int(said[5])] == [
        totals["total"], totals["withdrawn"], totals["percent_complete"], totals["percent_signed_off"], totals["overdue"]]
    by_review = {row["key"]: row for row in _status(store, capsys, "review")["rows"]}
    titles = {"adult-k-2022": "Adult K (2022)", "baby-m-2021": "Baby M (2021)", "child-t-2022": "Child T (2022)",
              "adult-p-2024": "Adult P (2024)"}
    for code, title in titles.items():
        row = by_review[code]
        plan = re.search(re.escape(title) + r" \([^)]*\) .*?The action plan held (\d+) actions?: ([\d.]+)% complete, "
                         r"([\d.]+)% signed off and (\d+) overdue", flat)
        assert plan, title
        assert [int(plan[1]), float(plan[2]), float(plan[3]), int(plan[4])] == [
            row["total"], row["percent_complete"], row["percent_signed_off"], row["overdue"]]


@needs_office
def test_no_table_header_word_is_broken_across_two_lines(converted, pack):
    """A ten-column table's headers ("Completed", "Signed off", "Overdue") each fit their column whole: with Word's
    default cell margins the .docx printed "Complete / d" and "Overdu / e"."""
    _, _, text, _ = converted
    words = {w for table in Document(str(pack / f"{STEM}.docx")).tables for cell in table.rows[0].cells
             for w in cell.text.split() if len(w) >= 4}
    lines = [line.split() for line in text.splitlines() if line.strip()]
    broken = [(a[-1], b[0]) for a, b in zip(lines, lines[1:]) if a[-1] + b[0] in words]
    assert not broken, broken


@needs_office
def test_the_chapter_converts_to_plain_text_too(pack, tmp_path):
    for fmt in ("docx", "odt"):
        text = _convert(pack / f"{STEM}.{fmt}", "txt:Text (encoded):UTF8", tmp_path / fmt).read_text(encoding="utf-8-sig")
        assert "Case reviews and their action plans, 2024-25" in text and "Areas with little or no evidence of progress" in text


def test_the_docx_has_real_headings_en_gb_properties_alt_text_and_repeated_header_rows(pack):
    document = Document(str(pack / f"{STEM}.docx"))
    props = document.core_properties
    assert (props.title, props.author, props.language) == ("Case reviews and their action plans, 2024-25", BOARD, "en-GB")
    styles = {p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= styles
    xml = document.styles.element.xml
    assert 'w:lang w:val="en-GB"' in xml
    body = document.element.body.xml
    assert body.count("<w:tblHeader/>") == len(document.tables) > 0
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    alts = [d.get("descr") for d in document.element.body.xpath(".//wp:docPr")]
    assert alts == _pack_alt_texts(pack)


# CT_TblPr's children in the order ECMA-376 (Part 1, 17.4.60) gives them.
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
               "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
               "tblDescription", "tblPrChange")


def test_the_docx_tables_are_laid_out_as_words_schema_orders_with_room_below(pack):
    """Word opens only what its schema allows: table properties in its order (a caption before tblLook is not);
    narrow cell margins as the .odt's; a paragraph or list after a table keeps a gap from it."""
    document = Document(str(pack / f"{STEM}.docx"))
    order = [qn(f"w:{tag}") for tag in TBLPR_ORDER]
    body = list(document.element.body)
    for index, tbl in enumerate(body):
        if tbl.tag != qn("w:tbl"):
            continue
        tags = [child.tag for child in tbl.find(qn("w:tblPr"))]
        assert tags == sorted(tags, key=order.index), tags
        margins = tbl.find(qn("w:tblPr")).find(qn("w:tblCellMar"))
        assert margins is not None and {int(m.get(qn("w:w"))) for m in margins} == {45}
        after = body[index + 1]
        ppr = after.find(qn("w:pPr")) if after.tag == qn("w:p") else None
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        if after.tag == qn("w:p") and (style is None or style.get(qn("w:val")) == "ListBullet"):  # body text, a list
            spacing = ppr.find(qn("w:spacing")) if ppr is not None else None
            assert spacing is not None and int(spacing.get(qn("w:before"))) > 0, "no room under a table"


def test_each_table_column_is_wide_enough_for_its_header_words(pack):
    """Checked without an office suite: each column of every table holds its header's longest word at 8 pt bold."""
    document = Document(str(pack / f"{STEM}.docx"))
    for table in document.tables:
        grid = [int(col.get(qn("w:w"))) * 25.4 / 1440 for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        for width, cell in zip(grid, table.rows[0].cells):
            longest = max(word_mm(w, bold=True) for w in cell.text.split())
            assert width >= longest + 1.6, (cell.text, round(width, 1), round(longest, 1))


def test_the_chapters_sentences_name_reviews_by_title_not_by_the_trackers_code(pack):
    """The areas with little progress list 'Baby M (2021) R5/A2', not 'baby-m-2021/R5/A2' (the figures' tables
    keep the references of the pack's data)."""
    text = [p.text for p in Document(str(pack / f"{STEM}.docx")).paragraphs]
    coded = [t for t in text if re.search(r"[a-z]-\d{4}/R\d", t)]
    assert not coded, coded[:2]
    assert any(re.match(r"[A-Z][^:]*: overdue: [A-Z][a-z]+ [A-Z] \(\d{4}\) R\d+/A\d+", t) for t in text)


def test_counts_of_none_and_one_read_as_plain_english(pack):
    text = " ".join(p.text for p in Document(str(pack / f"{STEM}.docx")).paragraphs)
    assert ("2 recommendations were open at some time in 2024-25; at 31 March 2025 none of them was implemented or "
            "closed.") in text
    assert "What is planned: 1 action remains open at 31 March 2025, due by 31 January 2025; it is overdue." in text
    assert " 0 of them " not in text and "1 of them overdue" not in text


def _pack_alt_texts(pack) -> list[str]:
    """The figures' text alternatives as the pack lists them (the same board and date as its chapter)."""
    return [figure["alt"] for figure in json.loads((pack / "pack.json").read_text())["figures"]]


def test_the_odt_has_outline_headings_en_gb_header_rows_and_described_figures(pack):
    document = opendocument.load(str(pack / f"{STEM}.odt"))
    headings = document.text.getElementsByType(H)
    levels = {h.getAttrNS(TEXTNS, "outline-level") for h in headings}
    assert {"1", "2", "3"} <= levels
    languages = [e for e in document.meta.childNodes if e.qname == (DCNS, "language")]
    assert languages and str(languages[0]) == "en-GB"
    tables = [e for e in document.text.childNodes if e.qname == (TABLENS, "table")]
    assert tables and all(any(c.qname == (TABLENS, "table-header-rows") for c in t.childNodes) for t in tables)
    descs = document.text.getElementsByType(Desc)
    assert [teletype.extractText(d) for d in descs] == _pack_alt_texts(pack)


def _tiny_png() -> bytes:
    """A 1 x 1 white PNG, made by hand (no imaging library needed)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def test_control_characters_never_break_either_document():
    dirty = "Agency\x00 A\x07 said\x1b: done\ufffe"
    chapter = Chapter("Title\x0b", "Board\x01", "2024-25", date(2025, 3, 31),
                      (Heading(1, dirty), Paragraph(dirty), Bullets((dirty,)), Table(dirty, ("A\x02",), ((dirty,),)),
                       Figure(dirty, _tiny_png(), dirty, dirty), Figure(dirty, None, dirty, dirty)))
    document = Document(io.BytesIO(docx_bytes(chapter)))
    assert document.paragraphs[0].text == "Agency A said: done"
    assert [d.get("descr") for d in document.element.body.xpath(".//wp:docPr")] == ["Agency A said: done"]
    assert "Text alternative: Agency A said: done" in [p.text for p in document.paragraphs]
    odt = opendocument.load(io.BytesIO(odt_bytes(chapter)))
    assert teletype.extractText(odt.text.getElementsByType(H)[0]) == "Agency A said: done"
    assert [teletype.extractText(d) for d in odt.text.getElementsByType(Desc)] == ["Agency A said: done"]


def test_formats_docx_and_odt_write_the_chapters_with_their_figures_and_no_figure_files(store, tmp_path):
    out = tmp_path / "chapters"
    assert main(["export", "--db", store, "--year", "2024", "--out", str(out), "--board", BOARD, "--formats", "docx,odt"]) == 0
    names = {p.name for p in out.iterdir()}
    assert {f"{STEM}.docx", f"{STEM}.odt", "index.html", "pack.json", "annual-report-2024-25.zip"} <= names
    assert "figures" not in names and "data" not in names
    document = Document(str(out / f"{STEM}.docx"))
    assert len(document.inline_shapes) == len(json.loads((out / "pack.json").read_text())["figures"])
    assert json.loads((out / "pack.json").read_text())["chapters"] == [f"{STEM}.docx", f"{STEM}.odt"]
    assert f'<a href="{STEM}.odt">{STEM}.odt</a>' in (out / "index.html").read_text(encoding="utf-8")


def test_an_unknown_format_is_one_line_exit_2_and_nothing_written(store, tmp_path, capsys):
    out = tmp_path / "never"
    capsys.readouterr()
    assert main(["export", "--db", store, "--year", "2024", "--out", str(out), "--formats", "docx,doc"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "formats" in err[0] and "doc" in err[0] and "docx" in err[0]
    assert not out.exists()


def test_a_board_with_nothing_recorded_gets_a_chapter_that_says_so(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    assert main(["board", "add", "Quiet Board", "--agency", "Police", "--on", "2024-01-01", "--db", url]) == 0
    out = tmp_path / "pack"
    assert main(["export", "--db", url, "--year", "2024", "--out", str(out), "--board", "Quiet Board", "--formats", "docx"]) == 0
    text = [p.text for p in Document(str(out / "chapter-quiet-board.docx")).paragraphs]
    assert "No review of Quiet Board reached a stage between 1 April 2024 and 31 March 2025." in text
    assert "At 31 March 2025, Quiet Board had no action to monitor (0 actions withdrawn)." in text
    assert "No review of Quiet Board had a recommendation open in 2024-25." in text


def test_a_clock_still_late_at_the_years_end_is_reported_when_no_stage_was_reached_in_the_year(tmp_path):
    """A review decided in 2023 and never published: late all through 2024-25 though it reached no stage then."""
    url = f"sqlite:///{tmp_path / 'slow.sqlite'}"
    for command in (
        ["board", "add", "Slow Board", "--agency", "Police", "--on", "2023-01-01"],
        ["review", "add", "--board", "Slow Board", "--code", "child-q-2023", "--title", "Child Q (2023)", "--type", "lcspr",
         "--aware", "2023-05-02", "--notified", "2023-05-04", "--on", "2023-05-02"],
        ["review", "stage", "child-q-2023", "rapid_review", "--on", "2023-05-19"],
        ["review", "stage", "child-q-2023", "decision", "--on", "2023-06-01"],
    ):
        assert main([*command, "--db", url]) == 0, command
    out = tmp_path / "pack"
    assert main(["export", "--db", url, "--year", "2024", "--out", str(out), "--board", "Slow Board", "--formats", "docx"]) == 0
    text = [p.text for p in Document(str(out / "chapter-slow-board.docx")).paragraphs]
    assert "No review of Slow Board reached a stage between 1 April 2024 and 31 March 2025." in text
    assert ("Child Q (2023) (Local Child Safeguarding Practice Review), publication (6 months from the decision): due by "
            "1 December 2023, not met by 31 March 2025, late by 335 working days at that date. No reason for the delay was "
            "recorded.") in text
    assert "To complete: say why the publication (6 months from the decision) for Child Q (2023) is late." in text
