"""Tracker files as boards keep them: a title row, merged recommendation cells, date cells, stray spaces."""
from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl

BOARD = "North Shire Safeguarding Children Partnership"

# Header spellings as they turn up on real trackers (matched to the contract's column names).
ODD_HEADERS = {
    "board": "Board", "review": " Review ", "review_code": "Review code", "review_type": "Type of review",
    "recommendation_no": "Rec. No", "recommendation": "Recommendation", "priority": "Priority?",
    "agency": "Lead Agency", "action": "Action", "lead": "Lead officer", "success_measure": "Success Measure",
    "target_date": "Target date", "status": "Status", "status_date": "Status_Date", "agreed_date": "Date agreed",
    "notes": "Progress notes", "evidence": "Evidence", "themes": "Themes",
}

# The plan whose as-at figures are worked by hand in test_as_at_figures.py.
CHILD_C = [
    dict(review="Child C (2014)", recommendation_no=1, recommendation="Agencies share information at the point of referral.",
         priority="Yes", agency="Police", action="Train officers in referral thresholds", lead="DI, Public Protection",
         target_date=date(2024, 6, 30), status="Signed off", status_date=date(2024, 5, 20), agreed_date=date(2024, 1, 10),
         evidence="Training register: 412 of 420 officers", themes="information sharing; neglect"),
    dict(review="Child C (2014)", recommendation_no=1, agency="Acute Trust", action="Audit referrals from the emergency department",
         target_date=date(2024, 9, 30), status="In progress", status_date=date(2024, 4, 15), agreed_date=date(2024, 1, 10),
         notes="Audit half done"),
    dict(review="Child C (2014)", recommendation_no=2, recommendation="Schools check the attendance of children on plans.",
         priority="No", agency="Education", action="Revise the attendance policy", target_date=date(2024, 12, 31),
         status="Completed", status_date=date(2025, 1, 15), agreed_date=date(2024, 2, 1), evidence="Policy v3 adopted"),
    dict(review="Child C (2014)", recommendation_no=2, agency="Education", action="Old attendance action",
         target_date=date(2024, 12, 31), status="Superseded", status_date=date(2024, 3, 1), agreed_date=date(2024, 2, 1),
         notes="Superseded by the revised policy"),
    dict(review="Child C (2014)", recommendation_no=2, agency="Children's Social Care", action="Check every plan names a school contact",
         target_date=date(2024, 3, 31), status="Not started", agreed_date=date(2024, 2, 1)),
    dict(review="Child C (2014)", recommendation_no=3, recommendation="Health visitors record the voice of the child.",
         agency="Acute Trust", action="Add the child's voice to the health visiting template", target_date=date(2025, 3, 31),
         status="Closed", status_date=date(2025, 3, 20), agreed_date=date(2024, 9, 1), themes="voice of the child"),
]


def write_xlsx(path: Path, rows: list[dict], *, columns=None, headers=ODD_HEADERS, board: str | None = BOARD,
               title: bool = True, merge: bool = True, sheet_title: str = "Action plan", extra_sheets=()) -> Path:
    """An XLSX tracker: real date cells, the recommendation text merged down over its actions."""
    columns = columns or _columns(rows, board)
    workbook = openpyxl.Workbook()
    for name in extra_sheets:  # e.g. a "Read me" sheet in front of the tracker
        workbook.create_sheet(name, 0).append(["Notes for agencies: update your rows before each meeting."])
    sheet = workbook["Sheet"]
    sheet.title = sheet_title
    if title:
        sheet.append([f"{board or 'Board'} - case review action plan tracker"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
        sheet.append([])
    sheet.append([headers.get(c, c) for c in columns])
    first = sheet.max_row + 1
    for row in rows:
        values = {"board": board, **row}
        sheet.append([_cell(values.get(c)) for c in columns])
    if merge:
        _merge_recommendations(sheet, rows, columns, first)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[dict], *, columns=None, headers=ODD_HEADERS, board: str | None = BOARD,
              encoding: str = "utf-8-sig", date_format: str = "%d/%m/%Y") -> Path:
    """A CSV as Excel saves it: CRLF line ends, UK dates, a byte-order mark unless told otherwise."""
    columns = columns or _columns(rows, board)
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([headers.get(c, c) for c in columns])
        for row in rows:
            values = {"board": board, **row}
            writer.writerow([_text(values.get(c), date_format) for c in columns])
    return path


def _columns(rows, board):
    names = ["board"] if board else []
    for row in rows:
        names += [c for c in row if c not in names]
    return names


def _cell(value):
    return datetime(value.year, value.month, value.day) if isinstance(value, date) else value


def _text(value, date_format):
    if isinstance(value, date):
        return value.strftime(date_format)
    return "" if value is None else value


def _merge_recommendations(sheet, rows, columns, first):
    """Merge the recommendation cell over the rows of each recommendation, as boards' trackers do."""
    column = columns.index("recommendation") + 1 if "recommendation" in columns else None
    if column is None:
        return
    start = 0
    for index in range(1, len(rows) + 1):
        same = index < len(rows) and rows[index].get("recommendation_no") == rows[start].get("recommendation_no") \
            and rows[index].get("review") == rows[start].get("review")
        if not same:
            if index - start > 1:
                sheet.merge_cells(start_row=first + start, start_column=column, end_row=first + index - 1, end_column=column)
            start = index
