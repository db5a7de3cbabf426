"""Figure files fit for print and for assistive technology, finished after Chromium has drawn them.

- PDF: the figure placed at the top of a portrait A4 page within 15 mm margins (Chromium prints it at its screen size), with its own
  title, the board as author, and en-GB as the document's language (pypdf).
- SVG: <title> and <desc> (the text alternative) first inside the root element, and every line of multi-line
  text at its own absolute position: plotly writes each line's position twice (an absolute y and a relative dy)
  and SVG viewers that honour only one (rsvg, LibreOffice) drew "All boards" over "Position at 31 March ...".
- PNG: a pHYs chunk saying 300 dots per inch, so a word processor places the 2,400 px image at 8 inches.
"""
from __future__ import annotations

import io
import re
import struct
import zlib
from html import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, ContentStream, DictionaryObject, NameObject, RectangleObject, TextStringObject

A4 = (595.28, 841.89)  # points
MARGIN = 42.52  # 15 mm
LANGUAGE = "en-GB"
DPI = 300


def finish(content: bytes, fmt: str, *, title: str, alt: str, author: str) -> bytes:
    if fmt == "pdf":
        return pdf_on_a4(content, title=title, author=author)
    if fmt == "svg":
        return svg_described(content, title=title, desc=alt)
    if fmt == "png":
        return png_with_dpi(content)
    return content


def pdf_on_a4(content: bytes, *, title: str, author: str) -> bytes:
    """The figure's page made an A4 page: its drawing scaled and moved by one `cm` wrapped around the original
    content (no operator is parsed: pypdf's page merge parsed every one and took six times as long)."""
    writer = PdfWriter()
    page = writer.add_page(PdfReader(io.BytesIO(content)).pages[0])
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    page_w, page_h = A4  # portrait, as the pages of the report it goes into
    scale = min((page_w - 2 * MARGIN) / width, (page_h - 2 * MARGIN) / height)
    left = (page_w - width * scale) / 2
    bottom = page_h - MARGIN - height * scale  # at the top of the page, as a figure on a printed page sits
    drawing = ContentStream(None, writer)
    drawing.set_data(b"q %.5f 0 0 %.5f %.3f %.3f cm\n" % (scale, scale, left, bottom) + page.get_contents().get_data() + b"\nQ\n")
    page.replace_contents(drawing)
    page.compress_content_streams(level=1)  # the quickest deflate: the drawing is mostly compressed images
    box = RectangleObject([0, 0, page_w, page_h])
    page.mediabox = page.cropbox = page.trimbox = page.artbox = page.bleedbox = box
    writer.add_metadata({"/Title": title, "/Author": author, "/Subject": "Annual report figure",
                         "/Creator": "scr-monitor"})
    writer.root_object[NameObject("/Lang")] = TextStringObject(LANGUAGE)
    writer.root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_TEXT = re.compile(r"<text\b[^>]*>.*?</text>", re.S)
_FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)px")
_OPENING_DY = re.compile(r' dy="([-\d.]+)em"')
_LINE = re.compile(r'<tspan class="line" dy="([-\d.]+)em" x="([^"]*)" y="([-\d.]+)">')


def svg_described(content: bytes, *, title: str, desc: str) -> bytes:
    text = content.decode("utf-8")
    text = _TEXT.sub(_absolute_lines, text)
    root_end = text.index(">", text.index("<svg")) + 1
    head = text[:root_end]
    if 'role="img"' not in head:
        head = head[:-1] + ' role="img" aria-labelledby="figure-title figure-desc" lang="en-GB">'
    described = f'<title id="figure-title">{escape(title)}</title><desc id="figure-desc">{escape(desc)}</desc>'
    return (head + described + text[root_end:]).encode("utf-8")


def _absolute_lines(match: re.Match) -> str:
    """Each line of a multi-line text at its own absolute y, with no dy left for a viewer to apply or ignore.

    Plotly gives the <text> a dy (0.7em: the baseline below the top) and each line tspan an absolute y plus a dy
    (k x 1.3em). Viewers differ on which of these they add up; the line's place is the sum of all three."""
    element = match.group(0)
    if 'class="line"' not in element:
        return element
    size = _FONT_SIZE.search(element)
    em = float(size.group(1)) if size else 14.0
    opening = element[:element.index(">") + 1]
    shift = _OPENING_DY.search(opening)
    baseline = float(shift.group(1)) * em if shift else 0.0

    def line(m: re.Match) -> str:
        y = float(m.group(3)) + baseline + float(m.group(1)) * em
        return f'<tspan class="line" x="{m.group(2)}" y="{y:.2f}">'

    return _OPENING_DY.sub("", opening, count=1) + _LINE.sub(line, element[len(opening):])


def png_with_dpi(content: bytes, dpi: int = DPI) -> bytes:
    """The PNG with one pHYs chunk (pixels per metre) straight after IHDR; any earlier pHYs is replaced."""
    if content[:8] != b"\x89PNG\r\n\x1a\n":
        return content
    per_metre = round(dpi / 0.0254)
    body = struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", len(body)) + b"pHYs" + body + struct.pack(">I", zlib.crc32(b"pHYs" + body) & 0xFFFFFFFF)
    chunks, at = [], 8
    while at < len(content):
        length = struct.unpack(">I", content[at:at + 4])[0]
        kind = content[at + 4:at + 8]
        end = at + 12 + length
        if kind != b"pHYs":
            chunks.append(content[at:end])
        if kind == b"IHDR":
            chunks.append(chunk)
        at = end
    return content[:8] + b"".join(chunks)
