"""The chapter as a Word document (python-docx): A4, page numbers, real heading styles, en-GB, properties set.

Why python-docx: the well-kept library for writing .docx from Python (MIT, pure Python over lxml); Word's own
styles ("Heading 1", "List Bullet", "Caption") are used, so Word's navigation pane and screen readers see the
structure. What it has no call for (alt text, repeated header rows, the document's language) is set on the
document's public XML element (`Document.element`, `styles.element`) with its own `OxmlElement`.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from monitoring.reports.chapter.blocks import Bullets, Chapter, Figure, Heading, Paragraph, Table, printable
from monitoring.reports.chapter.images import TEXT_WIDTH_MM
from monitoring.reports.chapter.wording import TO_COMPLETE

LANGUAGE = "en-GB"


def docx_bytes(chapter: Chapter) -> bytes:
    doc = Document()
    _page(doc)
    _language(doc)
    _fonts(doc)
    props = doc.core_properties
    title, author = printable(chapter.title), printable(chapter.author)
    props.title, props.author, props.subject, props.language = title, author, printable(chapter.subject), LANGUAGE
    props.last_modified_by, props.comments = author, f"Position at {chapter.as_at.isoformat()}; produced by scr-monitor."
    previous = None
    for block in chapter.blocks:
        after_table = len(doc.paragraphs) if isinstance(previous, Table) and isinstance(block, (Paragraph, Bullets)) else None
        _write(doc, block)
        if after_table is not None:
            _space_before(doc, after_table)
        previous = block
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    footer = section.footer
    footer.paragraphs[0].text = "Page "
    footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER  # as the .odt's footer
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer.part.element.find(qn("w:p")).append(field)  # the footer part's public XML: python-docx has no field call


def _fonts(doc) -> None:
    """A sans-serif body (Arial, or Liberation Sans where Arial is missing) at 11 pt, as the figures use."""
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    doc.styles["Caption"].paragraph_format.keep_with_next = True  # a table's caption stays with it


def _language(doc) -> None:
    """en-GB for every run: spelling, hyphenation and a screen reader's voice follow the document's language."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)


def _write(doc, block) -> None:
    if isinstance(block, Heading):
        doc.add_heading(printable(block.text), level=block.level)
    elif isinstance(block, Paragraph):
        _paragraph(doc, block)
    elif isinstance(block, Bullets):
        for item in block.items:
            doc.add_paragraph(printable(item), style="List Bullet")
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Figure):
        _figure(doc, block)


def _space_before(doc, index: int) -> None:
    """Room between a table and the paragraph or list after it (Word's tables have no space below of their own)."""
    paragraphs = doc.paragraphs
    if index < len(paragraphs):
        paragraphs[index].paragraph_format.space_before = Pt(8)


def _paragraph(doc, block: Paragraph) -> None:
    text = printable(block.text)
    paragraph = doc.add_paragraph()
    if block.to_complete and text.startswith(TO_COMPLETE):
        lead = paragraph.add_run(TO_COMPLETE)
        lead.bold = True
        lead.font.highlight_color = WD_COLOR_INDEX.YELLOW
        rest = paragraph.add_run(text[len(TO_COMPLETE):])
        rest.font.highlight_color = WD_COLOR_INDEX.YELLOW
    else:
        paragraph.add_run(text)
    if text.endswith(":"):  # a lead-in stays on the page of the list or table it introduces
        paragraph.paragraph_format.keep_with_next = True


def _table(doc, block: Table) -> None:
    doc.add_paragraph(printable(block.caption), style="Caption")
    table = doc.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.autofit = False  # a fixed layout: Word and LibreOffice both take the grid's column widths
    for column, share in zip(table.columns, block.widths()):
        column.width = Mm(TEXT_WIDTH_MM * share)
    for cell, header, share in zip(table.rows[0].cells, block.headers, block.widths()):
        cell.width = Mm(TEXT_WIDTH_MM * share)  # rows added later take their widths from the grid
        run = cell.paragraphs[0].add_run(printable(header))
        run.bold = True
        run.font.size = Pt(8)
    for values in block.rows:
        for cell, value in zip(table.add_row().cells, values):
            cell.paragraphs[0].add_run(printable(value)).font.size = Pt(8)
    tbl = doc.element.body.findall(qn("w:tbl"))[-1]
    _mark_header_row(tbl)
    _caption(tbl, printable(block.caption))
    _cell_margins(tbl)


CELL_MARGIN_TWIPS = 45  # 0.08 cm, as the .odt's cells: Word's default 0.19 cm each side broke headers mid-word


def _cell_margins(tbl) -> None:
    """Narrow left and right cell margins, so a ten-column table's headers ("Completed", "Overdue") fit whole."""
    tblpr = tbl.find(qn("w:tblPr"))
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    # CT_TblPr's order: ... tblLayout, tblCellMar, tblLook, tblCaption, tblDescription
    anchor = next((tblpr.find(qn(f"w:{name}")) for name in ("tblLook", "tblCaption", "tblDescription")
                   if tblpr.find(qn(f"w:{name}")) is not None), None)
    (anchor.addprevious(margins) if anchor is not None else tblpr.append(margins))


def _mark_header_row(tbl) -> None:
    """The first row repeats at the top of every page the table runs onto, and is a header row to a screen reader."""
    first = tbl.find(qn("w:tr"))
    trpr = first.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        first.insert(0, trpr)
    trpr.append(OxmlElement("w:tblHeader"))
    trpr.append(OxmlElement("w:cantSplit"))


def _caption(tbl, caption: str) -> None:
    tblpr = tbl.find(qn("w:tblPr"))
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption[:255])
    later = next((tblpr.find(qn(f"w:{name}")) for name in ("tblDescription", "tblPrChange")
                  if tblpr.find(qn(f"w:{name}")) is not None), None)
    (later.addprevious(element) if later is not None else tblpr.append(element))  # after tblLook, as the schema orders


def _figure(doc, block: Figure) -> None:
    alt = printable(block.alt)
    if block.png:
        doc.add_picture(io.BytesIO(block.png), width=Mm(TEXT_WIDTH_MM))
        described = doc.element.body.xpath(".//wp:docPr")[-1]
        described.set("descr", alt)
        described.set("title", printable(block.title))
    else:
        doc.add_paragraph(f"[Figure not drawn here: {alt}]")
    doc.add_paragraph(f"{printable(block.title)}. {printable(block.caption)}", style="Caption")
    doc.add_paragraph(f"Text alternative: {alt}")
