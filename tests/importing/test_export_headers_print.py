"""The exported tracker's header row is tall enough for its longest wrapped header ("Scope of recommendation" in a
12-character column): a one-line header row printed "Recommend", "Scope of" and "Document" cut off."""
from __future__ import annotations

from datetime import date

import openpyxl

from monitoring.trackers.export import write_tracker
from monitoring.trackers.layout import COLUMNS
from monitoring.trackers.tracker_xlsx import LINE_POINTS


def test_the_header_row_holds_every_header_wrapped_word_by_word(tmp_path):
    out = write_tracker([], tmp_path / "t.xlsx", as_at=date(2025, 3, 31))
    sheet = openpyxl.load_workbook(out).worksheets[0]

    widths = {header: width for _, header, width in COLUMNS}
    assert widths["Scope of recommendation"] < len("recommendation")  # a word wider than its column: three lines
    assert sheet.row_dimensions[1].height >= 3 * LINE_POINTS
    assert all(cell.alignment.wrap_text for cell in sheet[1])
