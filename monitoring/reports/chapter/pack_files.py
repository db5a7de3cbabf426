"""The chapters a pack holds: one .docx and one .odt for each board in it, each with that board's own figures.

A one-board pack reuses the PNGs it has just drawn; a pack of every board draws each board's figures as well
(the pack's own figures are of all boards together, and a board publishes only its own).
"""
from __future__ import annotations

from monitoring.reports.annual_report import AnnualReport, gather
from monitoring.reports.chapter.content import build_chapter
from monitoring.reports.chapter.docx_writer import docx_bytes
from monitoring.reports.chapter.odt_writer import odt_bytes
from monitoring.reports.figures import FIGURES
from monitoring.reports.print_files import png_with_dpi

CHAPTER_FORMATS = ("docx", "odt")
PNG_SCALE = 3  # as the pack's PNGs: 2,400 px across, 300 dpi at A4 text width


def chapter_name(board: str) -> str:
    """`chapter-northshire-safeguarding-children-partnership`: a file name any system accepts."""
    slug = "-".join("".join(ch.lower() if ch.isalnum() else " " for ch in board).split())
    return f"chapter-{slug or 'board'}"


def boards_in(queries, report: AnnualReport) -> list[str]:
    return [report.board] if report.board else [b["name"] for b in queries.boards()]


def chapter_files(queries, report: AnnualReport, formats, renderer=None, pngs: dict[str, bytes] | None = None,
                  tick=None) -> dict[str, bytes]:
    """{file name: bytes} for every board's chapter in the asked formats (docx, odt)."""
    wanted = [f for f in CHAPTER_FORMATS if f in formats]
    files: dict[str, bytes] = {}
    if not wanted:
        return files
    for board in boards_in(queries, report):
        own = report if report.board == board else gather(queries, report.year, board=board, today=report.generated_on)
        images = pngs if own is report and pngs else board_pngs(own, renderer)
        chapter = build_chapter(queries, own, board, images)
        for fmt in wanted:
            files[f"{chapter_name(board)}.{fmt}"] = docx_bytes(chapter) if fmt == "docx" else odt_bytes(chapter)
            if tick:
                tick(f"{chapter_name(board)}.{fmt}")
    return files


def board_pngs(report: AnnualReport, renderer) -> dict[str, bytes]:
    """The board's figures as PNG (none without a renderer: the text alternatives then stand in)."""
    if renderer is None:
        return {}
    rendered = renderer.render_many([(spec.figure(report).to_dict(), "png", PNG_SCALE) for spec in FIGURES])
    return {spec.id: png_with_dpi(content) for spec, content in zip(FIGURES, rendered)}
