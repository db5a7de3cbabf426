"""The tracker as an XLSX workbook: real date cells, RAG fills with their words, a frozen header and filters, and a
page set-up that prints (landscape A4, fitted to the width, header row on every page)."""
from __future__ import annotations

from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from domain.statuses import RAG_COLOURS, RAG_MEANING
from monitoring.trackers.layout import COLUMNS, DATE_FORMAT, PAGE_HEADER, WRAPPED, rag_text, sheet_title

A4 = 9  # the paper size code in SpreadsheetML
LINE_POINTS = 15  # one line of the default 11-point font
MAX_ROW_POINTS = 409  # the tallest row a worksheet may have


def tracker_workbook(rows: list[dict], as_at: date, board: str | None) -> Workbook:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(as_at))
    sheet.freeze_panes = "A2"
    for index, (_, _, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    _print_setup(sheet, as_at)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    fills = {band: PatternFill("solid", fgColor="FF" + colour.lstrip("#").upper()) for band, colour in RAG_COLOURS.items()}
    fonts = {band: Font(bold=True, color="000000" if band == "Amber" else "FFFFFF") for band in RAG_COLOURS}

    def cell(value, **style):
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            made.data_type = "s"  # text stays text: "=..." typed into a field is never a formula
        for name, setting in style.items():
            setattr(made, name, setting)
        return made

    sheet.row_dimensions[1].height = header_height()
    sheet.append([cell(header, font=bold, alignment=wrap) for _, header, _ in COLUMNS])
    for number, row in enumerate(rows, start=2):
        sheet.row_dimensions[number].height = row_height({**row, "rag": rag_text(row)})
        cells = []
        for column, _, _ in COLUMNS:
            value = row.get(column)
            if column == "rag":
                cells.append(cell(rag_text(row), fill=fills[value], font=fonts[value], alignment=wrap))
            elif isinstance(value, date):
                cells.append(cell(datetime(value.year, value.month, value.day), number_format=DATE_FORMAT, alignment=top))
            else:
                cells.append(cell(value, alignment=wrap if column in WRAPPED else top))
        sheet.append(cells)
    _key_sheet(workbook.create_sheet("Key"), as_at, board, len(rows), fills, fonts, cell)
    return workbook


def row_height(values: dict) -> float:
    """Points for a row whose wrapped cells show every line: spreadsheet programs do not all grow rows on opening
    (LibreOffice keeps an XLSX row's height, so wrapped text would print over the next row)."""
    lines = 1
    for column, _, width in COLUMNS:
        value = values.get(column)
        if column in WRAPPED and isinstance(value, str) and value:
            per_line = max(int(width * 1.2) - 2, 1)  # proportional type fits a little more than the width in characters
            lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in value.split("\n")))
    return min(LINE_POINTS * lines + 3, MAX_ROW_POINTS)


def header_height() -> float:
    """Points for the header row: every header wraps (a long one such as "Scope of recommendation" in a narrow
    column needs two or three lines), word by word, in bold; a row kept at one line cut them off in print."""
    lines = 1
    for _, header, width in COLUMNS:
        per_line = max(int(width * 1.1) - 1, 1)
        count, used = 1, 0
        for word in header.split():
            length = len(word)
            if used and used + 1 + length > per_line:
                count, used = count + 1, 0
            extra = -(-length // per_line) - 1  # a word longer than the column breaks inside it
            count, used = count + extra, (length - extra * per_line) + (used + 1 if used else 0)
        lines = max(lines, count)
    return min(LINE_POINTS * lines + 3, MAX_ROW_POINTS)


def _print_setup(sheet, as_at: date, title_rows: bool = True) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.oddHeader.center.text = PAGE_HEADER.format(as_at=as_at.strftime("%d/%m/%Y"))
    sheet.oddFooter.center.text = "Page &P of &N"


def _key_sheet(sheet, as_at: date, board, count, fills, fonts, cell) -> None:
    """What the figures are and what the colours mean (colour is never the only signal)."""
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 60
    _print_setup(sheet, as_at, title_rows=False)
    sheet.append([cell("As at"), cell(datetime(as_at.year, as_at.month, as_at.day), number_format=DATE_FORMAT)])
    sheet.append(["Board", board or "all boards"])
    sheet.append(["Actions", count])
    sheet.append([])
    sheet.append(["Band", "Meaning (this product's default words)"])
    for band, meaning in RAG_MEANING.items():
        sheet.append([cell(band, fill=fills[band], font=fonts[band]), meaning])
