"""The tracker as an OpenDocument spreadsheet (.ods, the UK government's open standard for sharing documents):
the same columns, real date cells, RAG fills with their words, and the same print set-up as the XLSX."""
from __future__ import annotations

from datetime import date

from odf.namespaces import LOEXTNS
from odf.number import DateStyle, Day, Month, Text, Year
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    MasterPage, PageLayout, PageLayoutProperties, ParagraphProperties, Style, TableCellProperties, TableColumnProperties,
    TextProperties,
)
from odf.style import Footer, FooterStyle, Header, HeaderFooterProperties, HeaderStyle
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import P, PageCount, PageNumber

from domain.statuses import RAG_COLOURS, RAG_MEANING
from monitoring.trackers.layout import COLUMNS, PAGE_HEADER, WRAPPED, rag_text, sheet_title

CM_PER_CHARACTER = 0.21  # a spreadsheet column "width in characters" of the default font, in centimetres


class OdsTracker:
    """Builds the document: styles once, then one row per action."""

    def __init__(self, as_at: date) -> None:
        self.doc = OpenDocumentSpreadsheet()
        self.as_at = as_at
        self._page()
        self.date = self._date_style()
        self.text = self._cell_style("text", wrap=False)
        self.wrapped = self._cell_style("wrapped", wrap=True)
        self.bold = self._cell_style("bold", wrap=True, bold=True)
        self.rag = {band: self._cell_style(f"rag-{band}", wrap=True, bold=True, fill=colour,
                                           colour="#000000" if band == "Amber" else "#ffffff")
                    for band, colour in RAG_COLOURS.items()}

    def _page(self) -> None:
        layout = PageLayout(name="landscape-a4")
        properties = PageLayoutProperties(printorientation="landscape", pagewidth="29.7cm", pageheight="21cm",
                                          margintop="1cm", marginbottom="1cm", marginleft="1cm", marginright="1cm", printpageorder="ttb")
        properties.setAttrNS(LOEXTNS, "scale-to-X", "1")  # fit to one page wide, as many pages down as it takes
        properties.setAttrNS(LOEXTNS, "scale-to-Y", "0")
        layout.addElement(properties)
        for holder in (HeaderStyle(), FooterStyle()):  # without these LibreOffice prints no header or footer
            holder.addElement(HeaderFooterProperties(minheight="0.5cm", margintop="0.2cm", marginbottom="0.2cm"))
            layout.addElement(holder)
        self.doc.automaticstyles.addElement(layout)
        master = MasterPage(name="Default", pagelayoutname=layout)
        header, footer = Header(), Footer()
        header.addElement(P(text=PAGE_HEADER.format(as_at=self.as_at.strftime("%d/%m/%Y"))))
        page = P(text="Page ")
        page.addElement(PageNumber())
        page.addText(" of ")
        page.addElement(PageCount())
        footer.addElement(page)
        master.addElement(header)
        master.addElement(footer)
        self.doc.masterstyles.addElement(master)
        self.table_style = Style(name="tracker-table", family="table", masterpagename="Default")
        self.doc.automaticstyles.addElement(self.table_style)

    def _date_style(self) -> Style:
        number = DateStyle(name="uk-date")
        for part in (Day(style="long"), Text(text="/"), Month(style="long"), Text(text="/"), Year(style="long")):
            number.addElement(part)
        self.doc.automaticstyles.addElement(number)
        style = Style(name="date", family="table-cell", datastylename=number)
        style.addElement(TableCellProperties(verticalalign="top"))
        self.doc.automaticstyles.addElement(style)
        return style

    def _cell_style(self, name, *, wrap, bold=False, fill=None, colour=None) -> Style:
        style = Style(name=name, family="table-cell")
        cell = TableCellProperties(verticalalign="top", wrapoption="wrap" if wrap else "no-wrap")
        if fill:
            cell.setAttribute("backgroundcolor", fill)
        style.addElement(cell)
        text = {"fontweight": "bold"} if bold else {}
        if colour:
            text["color"] = colour
        if text:
            style.addElement(TextProperties(**text))
        style.addElement(ParagraphProperties())
        self.doc.automaticstyles.addElement(style)
        return style

    def value(self, value, style=None) -> TableCell:
        """A cell: dates as date cells, numbers as numbers, everything else as text (never a formula)."""
        if value is None or value == "":
            return TableCell()
        if isinstance(value, date):
            made = TableCell(valuetype="date", datevalue=value.isoformat(), stylename=self.date)
            made.addElement(P(text=value.strftime("%d/%m/%Y")))
            return made
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        if isinstance(value, (int, float)):
            made = TableCell(valuetype="float", value=value, stylename=style or self.text)
            made.addElement(P(text=str(value)))
            return made
        made = TableCell(valuetype="string", stylename=style or self.text)
        for line in str(value).split("\n"):
            made.addElement(P(text=line))
        return made

    def tracker(self, rows: list[dict]) -> None:
        table = Table(name=sheet_title(self.as_at), stylename=self.table_style)
        for index, (_, _, width) in enumerate(COLUMNS):
            style = Style(name=f"column-{index}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width * CM_PER_CHARACTER:.2f}cm"))
            self.doc.automaticstyles.addElement(style)
            table.addElement(TableColumn(stylename=style))
        header = TableHeaderRows()  # repeated at the top of every printed page
        heading = TableRow()
        for _, title, _ in COLUMNS:
            heading.addElement(self.value(title, self.bold))
        header.addElement(heading)
        table.addElement(header)
        for row in rows:
            line = TableRow()
            for column, _, _ in COLUMNS:
                if column == "rag":
                    line.addElement(self.value(rag_text(row), self.rag[row["rag"]]))
                else:
                    line.addElement(self.value(row.get(column), self.wrapped if column in WRAPPED else None))
            table.addElement(line)
        self.doc.spreadsheet.addElement(table)

    def key(self, board: str | None, count: int) -> None:
        table = Table(name="Key")
        for label, value in (("As at", self.as_at), ("Board", board or "all boards"), ("Actions", count), (None, None),
                             ("Band", "Meaning (this product's default words)")):
            line = TableRow()
            line.addElement(self.value(label))
            line.addElement(self.value(value))
            table.addElement(line)
        for band, meaning in RAG_MEANING.items():
            line = TableRow()
            line.addElement(self.value(band, self.rag[band]))
            line.addElement(self.value(meaning))
            table.addElement(line)
        self.doc.spreadsheet.addElement(table)


def save_ods(rows: list[dict], path, as_at: date, board: str | None) -> None:
    document = OdsTracker(as_at)
    document.tracker(rows)
    document.key(board, len(rows))
    document.doc.save(str(path))
