"""The pack's figures in the chapter: each image with its text alternative as alt text, its caption, and its
numbers as a real table (a screen reader and a copy-paste both get the data, not a picture of it)."""
from __future__ import annotations

from datetime import date

from monitoring.reports.annual_report import AnnualReport
from monitoring.reports.chapter.blocks import Block, Figure, Heading, Paragraph, Table, printable
from monitoring.reports.chapter.wording import uk_date
from monitoring.reports.figures import FIGURES, Column


def figures_section(report: AnnualReport, pngs: dict[str, bytes]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Figures"), Paragraph(
        "Each figure is followed by its numbers as a table. The figures are also in the pack as PNG, SVG and PDF, "
        "and their data as CSV and XLSX.")]
    for spec in FIGURES:
        rows = spec.table(report)
        columns = printed_columns(spec.columns)
        blocks.append(Heading(3, spec.title))
        blocks.append(Figure(spec.title, pngs.get(spec.id), printable(spec.alt_text(report)), printable(spec.caption)))
        if rows:
            blocks.append(Table(f"{spec.title}: the numbers", tuple(c.header for c in columns),
                                tuple(tuple(cell(c, row.get(c.key), report) for c in columns) for row in rows)))
        else:
            blocks.append(Paragraph(f"{spec.title}: no numbers to show for {uk_date(report.as_at)}."))
    return blocks


LEFT_OUT = ("review_code",)  # the tracker's own code: the review's title or the reference beside it says which review


def printed_columns(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """The columns the chapter prints: the data files keep them all; the page leaves out internal codes, so a
    table of eleven columns still fits A4 portrait with its words whole."""
    return tuple(c for c in columns if c.key not in LEFT_OUT)


def cell(column: Column, value, report: AnnualReport) -> str:
    """A value as the chapter prints it: UK dates, percentages with their sign, RAG with its word."""
    if value is None:
        return ""
    if column.kind == "rag":
        return report.context.band(value)
    if column.kind == "percent":
        return f"{value:.1f}%"
    if column.kind == "number" and isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, date):
        return uk_date(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        return printable("; ".join(map(str, value)))
    if column.key == "status":
        return str(value).replace("_", " ")
    return printable(value)
