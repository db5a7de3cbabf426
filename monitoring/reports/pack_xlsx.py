"""The annual report's workbook: an About sheet, then a sheet per figure's data and per table.

Formatted header, frozen header row and first column, real numbers and dates, RAG words with their fills.
"""
from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from domain.statuses import RAG_COLOURS
from monitoring.reports.annual_report import AnnualReport
from monitoring.reports.cells import cell
from monitoring.reports.figures import FIGURES, TABLES, long_date

HEADER_FILL = PatternFill("solid", fgColor="1D4F91")
HEADER_FONT = Font(bold=True, color="FFFFFF")
DARK_TEXT_BANDS = {"Amber"}  # black text on amber, white on the darker bands (contrast AA)
NUMBER_FORMATS = {"int": "0", "number": "0.0", "percent": "0.0", "date": "dd mmm yyyy"}
WIDE = {"text", "list"}
SHEETS = {  # sheet names (Excel allows 31 characters)
    "completion-by-agency": "Completion by agency", "completion-by-review": "Completion by review",
    "monthly-trend": "Monthly trend", "overdue-at-year-end": "Overdue at year end",
    "time-to-complete": "Time to complete", "target-date-slippage": "Target-date slippage",
    "recommendations-implemented": "Recommendations implemented",
    "recommendations-and-impact": "Actions taken and impact", "little-or-no-progress": "Little or no progress",
    "completed-and-improved": "Completed and improved", "complete-not-evidenced": "Complete, impact not evidenced",
}


def workbook_bytes(report: AnnualReport) -> bytes:
    book = Workbook()
    _about(book.active, report)
    for spec in (*FIGURES, *TABLES):
        _sheet(book.create_sheet(sheet_name(spec)), spec, report)
    for sheet in book.worksheets:  # text stays text: "=..." typed into a field is never a formula
        for row in sheet.iter_rows():
            for target in row:
                target.data_type = "s" if target.data_type == "f" else target.data_type
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_name(spec) -> str:
    return SHEETS.get(spec.id) or spec.title[:31]


def _about(sheet, report: AnnualReport) -> None:
    sheet.title = "About"
    rows = [
        ("Annual report", f"Reporting year {report.label} (1 April {report.year} to 31 March {report.year + 1})"),
        ("Board", report.board or "All boards"),
        ("Position at", long_date(report.as_at) + (" (year to date)" if report.context.in_progress else "")),
        ("Produced", long_date(report.generated_on)),
        ("Source", "scr-monitor action-plan tracker; as-at figures use effective dates"),
        ("Note", "No actions or recommendations were recorded for this year." if report.is_empty else
         "Percentages leave withdrawn actions out of the denominator; overdue = past target and not complete."),
    ]
    for label, value in rows:
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    sheet.append(["Sheet", "What it shows"])
    for c in sheet[sheet.max_row]:
        c.fill, c.font = HEADER_FILL, HEADER_FONT
    for spec in (*FIGURES, *TABLES):
        sheet.append([sheet_name(spec), spec.caption])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 110
    for row in sheet.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _sheet(sheet, spec, report: AnnualReport) -> None:
    columns = spec.columns
    sheet.append([c.header for c in columns])
    for header in sheet[1]:
        header.fill, header.font = HEADER_FILL, HEADER_FONT
        header.alignment = Alignment(wrap_text=True, vertical="center")
    for row in spec.table(report):
        sheet.append([_value(c, row.get(c.key), report) for c in columns])
        for c, target in zip(columns, sheet[sheet.max_row]):
            _style(target, c, row.get(c.key))
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(columns, start=1):
        longest = max([len(column.header)] + [len(str(v.value or "")) for v in sheet[get_column_letter(index)][1:]])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 10), 60 if column.kind in WIDE else 24)


def _value(column, value, report: AnnualReport):
    if value is None:
        return None
    if column.kind in NUMBER_FORMATS and column.kind != "date":
        return value
    if column.kind == "date":
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    return cell(column, value, report, lines="\n")


def _style(target, column, raw) -> None:
    if column.kind in NUMBER_FORMATS:
        target.number_format = NUMBER_FORMATS[column.kind]
    if column.kind in WIDE:
        target.alignment = Alignment(wrap_text=True, vertical="top")
    if column.kind == "rag" and raw in RAG_COLOURS:
        target.fill = PatternFill("solid", fgColor=RAG_COLOURS[raw].lstrip("#").upper())
        target.font = Font(bold=True, color="1A1A1A" if raw in DARK_TEXT_BANDS else "FFFFFF")
