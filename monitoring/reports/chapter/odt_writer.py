"""The chapter as an OpenDocument text (odfpy): A4, page numbers, real heading styles, en-GB, properties set.

Why odfpy: ODF is the UK government's open standard for documents, and odfpy (Apache 2.0, pure Python) is the
library LibreOffice's own documentation points to for writing it; headings are text:h with an outline level
and a "Heading N" style, so the navigator and screen readers see the structure.
"""
from __future__ import annotations

import io

from odf import dc, meta
from odf.draw import Frame, Image
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle, Footer, GraphicProperties, ListLevelProperties, MasterPage, PageLayout, PageLayoutProperties, ParagraphProperties, Style,
    TableCellProperties, TableColumnProperties, TableProperties, TextProperties,
)
from odf.svg import Desc, Title
from odf.table import Table as OdfTable, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P, PageNumber, Span

from monitoring.reports.chapter.blocks import Bullets, Chapter, Figure, Heading, Paragraph, Table, printable
from monitoring.reports.chapter.images import TEXT_WIDTH_MM, placed_height_mm
from monitoring.reports.chapter.wording import TO_COMPLETE

FONT = "Liberation Sans"


def odt_bytes(chapter: Chapter) -> bytes:
    doc = OpenDocumentText()
    styles = _styles(doc)
    title, author = printable(chapter.title), printable(chapter.author)
    doc.meta.addElement(dc.Title(text=title))
    doc.meta.addElement(dc.Creator(text=author))
    doc.meta.addElement(meta.InitialCreator(text=author))
    doc.meta.addElement(dc.Subject(text=printable(chapter.subject)))
    doc.meta.addElement(dc.Language(text="en-GB"))
    counter = {"table": 0, "figure": 0}
    for block in chapter.blocks:
        _write(doc, styles, block, counter)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _styles(doc) -> dict[str, Style]:
    default = DefaultStyle(family="paragraph")
    default.addElement(TextProperties(language="en", country="GB", fontname=FONT, fontfamily=FONT, fontsize="11pt"))
    doc.styles.addElement(default)
    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm", printorientation="portrait",
                                           margintop="2cm", marginbottom="1.5cm", marginleft="2cm", marginright="2cm"))
    doc.automaticstyles.addElement(layout)
    found: dict[str, Style] = {}

    def add(name, display, family="paragraph", where=doc.styles, **props):
        style = Style(name=name, displayname=display, family=family, **props.pop("attrs", {}))
        for element in props.values():
            style.addElement(element)
        where.addElement(style)
        found[name] = style
        return style

    add("Standard", "Default Paragraph Style", paragraph=ParagraphProperties(marginbottom="0.2cm"))
    add("LeadIn", "Lead-in", attrs={"parentstylename": "Standard"}, paragraph=ParagraphProperties(keepwithnext="always"))
    add("Footer", "Footer", attrs={"parentstylename": "Standard"}, paragraph=ParagraphProperties(textalign="center"))
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    page = P(stylename=found["Footer"], text="Page ")
    page.addElement(PageNumber(selectpage="current", text="1"))
    footer.addElement(page)
    master.addElement(footer)
    doc.masterstyles.addElement(master)
    for level, size in ((1, "20pt"), (2, "15pt"), (3, "12.5pt")):
        add(f"Heading_20_{level}", f"Heading {level}", attrs={"parentstylename": "Standard", "defaultoutlinelevel": str(level)},
            paragraph=ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"),
            text=TextProperties(fontsize=size, fontweight="bold"))
    add("Caption", "Caption", attrs={"parentstylename": "Standard"}, text=TextProperties(fontstyle="italic", fontsize="10pt"),
        paragraph=ParagraphProperties(keepwithnext="always", margintop="0.2cm"))  # a table's caption stays with it
    add("Table_20_Contents", "Table Contents", attrs={"parentstylename": "Standard"}, text=TextProperties(fontsize="8pt"),
        paragraph=ParagraphProperties(marginbottom="0cm"))
    add("Table_20_Heading", "Table Heading", attrs={"parentstylename": "Table_20_Contents"},
        text=TextProperties(fontsize="8pt", fontweight="bold"))
    add("ToComplete", "To complete", family="text", text=TextProperties(backgroundcolor="#ffff00", fontweight="bold"))
    add("Highlight", "Highlight", family="text", text=TextProperties(backgroundcolor="#ffff00"))
    bullets = ListStyle(name="Bullets", displayname="Bullets")
    level = ListLevelStyleBullet(level=1, bulletchar="•")
    level.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.5cm"))
    bullets.addElement(level)
    doc.styles.addElement(bullets)
    found["Bullets"] = bullets
    add("Grid", "Grid", family="table", where=doc.automaticstyles, table=TableProperties(width=f"{TEXT_WIDTH_MM / 10}cm", align="margins", marginbottom="0.3cm"))
    add("Grid.Cell", "Grid cell", family="table-cell", where=doc.automaticstyles,
        cell=TableCellProperties(border="0.5pt solid #000000", padding="0.08cm"))
    add("Frame", "Figure frame", family="graphic", where=doc.automaticstyles,
        graphic=GraphicProperties(wrap="none", verticalpos="top", horizontalpos="center"))
    return found


def _write(doc, styles, block, counter) -> None:
    text = doc.text
    if isinstance(block, Heading):
        text.addElement(H(outlinelevel=block.level, stylename=styles[f"Heading_20_{block.level}"], text=printable(block.text)))
    elif isinstance(block, Paragraph):
        text.addElement(_paragraph(styles, block))
    elif isinstance(block, Bullets):
        items = List(stylename=styles["Bullets"])
        for item in block.items:
            entry = ListItem()
            entry.addElement(P(stylename=styles["Standard"], text=printable(item)))
            items.addElement(entry)
        text.addElement(items)
    elif isinstance(block, Table):
        counter["table"] += 1
        _table(doc, styles, block, counter["table"])
    elif isinstance(block, Figure):
        counter["figure"] += 1
        _figure(doc, styles, block, counter["figure"])


def _paragraph(styles, block: Paragraph) -> P:
    words = printable(block.text)
    if not (block.to_complete and words.startswith(TO_COMPLETE)):
        # A lead-in ("Decided and done in 2024-25:") stays on the page of the list or table it introduces.
        return P(stylename=styles["LeadIn" if words.endswith(":") else "Standard"], text=words)
    paragraph = P(stylename=styles["Standard"])
    paragraph.addElement(Span(stylename=styles["ToComplete"], text=TO_COMPLETE))
    paragraph.addElement(Span(stylename=styles["Highlight"], text=words[len(TO_COMPLETE):]))
    return paragraph


def _table(doc, styles, block: Table, number: int) -> None:
    doc.text.addElement(P(stylename=styles["Caption"], text=printable(block.caption)))
    table = OdfTable(name=f"Table{number}", stylename=styles["Grid"])
    for index, share in enumerate(block.widths(), 1):
        style = Style(name=f"Table{number}.C{index}", family="table-column")
        style.addElement(TableColumnProperties(columnwidth=f"{TEXT_WIDTH_MM * share / 10:.2f}cm",
                                               relcolumnwidth=f"{round(share * 10000)}*"))
        doc.automaticstyles.addElement(style)
        table.addElement(TableColumn(stylename=style))
    header = TableHeaderRows()  # repeated at the top of each page the table runs onto
    header.addElement(_row(styles, block.headers, "Table_20_Heading"))
    table.addElement(header)
    for values in block.rows:
        table.addElement(_row(styles, values, "Table_20_Contents"))
    doc.text.addElement(table)


def _row(styles, values, paragraph_style: str) -> TableRow:
    row = TableRow()
    for value in values:
        cell = TableCell(stylename=styles["Grid.Cell"], valuetype="string")
        cell.addElement(P(stylename=styles[paragraph_style], text=printable(value)))
        row.addElement(cell)
    return row


def _figure(doc, styles, block: Figure, number: int) -> None:
    holder = P(stylename=styles["Standard"])
    if block.png:
        href = doc.addPicture(f"Pictures/figure-{number}.png", mediatype="image/png", content=block.png)
        frame = Frame(name=f"Figure{number}", stylename=styles["Frame"], anchortype="as-char",
                      width=f"{TEXT_WIDTH_MM / 10:.2f}cm", height=f"{placed_height_mm(block.png) / 10:.2f}cm")
        frame.addElement(Image(href=href))
        frame.addElement(Title(text=printable(block.title)))
        frame.addElement(Desc(text=printable(block.alt)))
        holder.addElement(frame)
    else:
        holder.addText(f"[Figure not drawn here: {printable(block.alt)}]")
    doc.text.addElement(holder)
    doc.text.addElement(P(stylename=styles["Caption"], text=f"{printable(block.title)}. {printable(block.caption)}"))
    doc.text.addElement(P(stylename=styles["Standard"], text=f"Text alternative: {printable(block.alt)}"))
