"""The chapter's content for one board's reporting year: plain blocks built from the read API as at 31 March
(or today, for the year in progress), in the order a board's yearly report reads."""
from __future__ import annotations

from dataclasses import replace

from monitoring.reports.annual_report import AnnualReport
from monitoring.reports.chapter.blocks import Block, Chapter, Heading, Paragraph, printable
from monitoring.reports.chapter.care_act import care_act_section
from monitoring.reports.chapter.figures_section import figures_section
from monitoring.reports.chapter.implementation import implementation_section
from monitoring.reports.chapter.progress import progress_section
from monitoring.reports.chapter.timeliness import timeliness_section
from monitoring.reports.chapter.wording import uk_date
from monitoring.reports.chapter.year_data import read_year


def chapter_title(report: AnnualReport) -> str:
    return f"Case reviews and their action plans, {report.label}"


def build_chapter(queries, report: AnnualReport, board: str, pngs: dict[str, bytes] | None = None) -> Chapter:
    """`report` must be the board's own (gathered with board=board); `pngs` are its figures as PNG, by figure id."""
    if report.board != board:
        report = replace(report, board=board)  # never print one board's chapter over another's figures
    data = read_year(queries, report, board)
    blocks: list[Block] = [Heading(1, chapter_title(report)), _introduction(report, board)]
    blocks += timeliness_section(data, report.label)
    blocks += implementation_section(data, report.label)
    blocks += progress_section(data, report.label)
    blocks += care_act_section(data, report.label)
    blocks += figures_section(report, pngs or {})
    return Chapter(chapter_title(report), printable(board), report.label, report.as_at, tuple(blocks))


def _introduction(report: AnnualReport, board: str) -> Paragraph:
    period = f"1 April {report.year} to 31 March {report.year + 1}"
    position = (f"The position is as at {uk_date(report.as_at)}: the year is still in progress."
                if report.context.in_progress else f"The position is as at {uk_date(report.as_at)}, the end of the year.")
    return Paragraph(
        f"This chapter of {printable(board)}'s yearly report covers the reporting year {period}. It records the "
        "decisions and actions taken to implement the recommendations of its case reviews, the resulting improvements, "
        f"and the areas with little or no evidence of progress, as Working Together to Safeguard Children asks. {position} "
        "Every figure comes from the board's action-plan tracker (scr-monitor); paragraphs marked \"To complete\" are "
        "where the tracker holds no record, for the author to fill in.")
