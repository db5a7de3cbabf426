"""Write the tracker back as boards keep it: one row per action, in the columns `scr-monitor import` reads.

Reads only through projections.queries. Importing the file into an empty store gives the same `status` figures:
each action's status, and the date it took that status, come from its history as at the chosen date.
"""
from __future__ import annotations

import os
import tempfile
from datetime import date, datetime
from pathlib import Path

from domain.errors import DomainError
from domain.statuses import RAG_COLOURS, RAG_MEANING, REVIEW_TYPES

# (column as the import names it, header, width)
COLUMNS = [
    ("board", "Board", 28), ("review", "Review", 22), ("review_code", "Review code", 16), ("review_type", "Review type", 22),
    ("recommendation_no", "Recommendation no", 10), ("recommendation", "Recommendation", 48), ("priority", "Priority", 9),
    ("agency", "Agency", 22), ("action", "Action", 48), ("lead", "Lead", 24), ("success_measure", "Success measure", 32),
    ("target_date", "Target date", 12), ("status", "Status", 12), ("status_date", "Status date", 12),
    ("agreed_date", "Agreed date", 12), ("notes", "Notes", 40), ("evidence", "Evidence", 40), ("themes", "Themes", 24),
    ("rag", "RAG", 18),
]
STATUS_WORDS = {"not_started": "Not started", "in_progress": "In progress", "completed": "Completed",
                "signed_off": "Signed off", "withdrawn": "Withdrawn"}
# Events that set an action's status, and those whose text is its latest note (as the import reads notes).
STATUS_EVENTS = {"Agreed", "ProgressReported", "Completed", "SignedOff", "SignOffRefused", "Withdrawn", "Reopened"}
NOTE_FIELDS = {"ProgressReported": "note", "SignOffRefused": "reason", "Withdrawn": "reason", "Reopened": "reason"}
DATE_FORMAT = "dd/mm/yyyy"
WRAPPED = {"recommendation", "action", "success_measure", "notes", "evidence"}


def tracker_rows(queries, *, as_at: date, board: str | None = None, today: date | None = None) -> list[dict]:
    """One dict per action, keyed by the import's column names, in review / recommendation / action order."""
    today = today or date.today()
    reviews = {r["code"]: r for r in queries.reviews(board=board, as_at=as_at)}
    recommendations = {r["reference"]: r for r in queries.recommendations(board=board, as_at=as_at)}
    rag_words = {b["name"]: b.get("rag_words") or {} for b in queries.boards()}
    actions = sorted(queries.actions(as_at=as_at, board=board),
                     key=lambda a: (a["board"], a["review_code"], a["recommendation_number"], a["number"]))
    rows, previous = [], None
    for action in actions:
        review = reviews.get(action["review_code"], {})
        rec = recommendations.get(action["recommendation_reference"], {})
        first = action["recommendation_reference"] != previous
        previous = action["recommendation_reference"]
        rows.append({
            "board": action["board"], "review": review.get("title", action.get("review_title")),
            "review_code": action["review_code"], "review_type": REVIEW_TYPES.get(review.get("review_type"), review.get("review_type")),
            "recommendation_no": action["recommendation_number"], "recommendation": rec.get("text") if first else None,
            "priority": ("Yes" if rec.get("priority") else "No") if first else None,
            "agency": action["agency"], "action": action["text"], "lead": action.get("lead"),
            "success_measure": action.get("measure"), "target_date": action["target_date"],
            "status": STATUS_WORDS[action["status"]], "agreed_date": action["agreed_on"],
            "themes": "; ".join(rec.get("themes") or []), "rag": action["rag"],
            "rag_word": rag_words.get(action["board"], {}).get(action["rag"]) or RAG_MEANING[action["rag"]],
            **_status_date_notes_evidence(queries, action, as_at, today),
        })
    return rows


def _status_date_notes_evidence(queries, action: dict, as_at: date, today: date) -> dict:
    """From the row where it says enough (today's position of a not-started or done action); else from history,
    which a 10,000-action export cannot afford to read for every action."""
    status = action["status"]
    if status == "not_started" and action["reschedules"] == 0 and action["last_update"] == action["agreed_on"]:
        return {"status_date": action["agreed_on"], "notes": None, "evidence": None}
    if as_at >= today and status in ("completed", "signed_off"):
        on = action["completed_on"] if status == "completed" else action["signed_off_on"]
        if on is not None and on == action["last_update"]:
            return {"status_date": on, "notes": None, "evidence": action["evidence"]}
    found = _from_history(queries.history(action["id"]), as_at, action["agreed_on"])
    if status not in ("in_progress", "withdrawn"):
        found["notes"] = None  # the column is the latest progress note, or a withdrawal's reason (as the import reads it)
    return found


def _from_history(events: list[dict], as_at: date, agreed_on: date) -> dict:
    """The date the action took its status as at `as_at`, its latest note and its latest evidence."""
    found = {"status_date": agreed_on, "notes": None, "evidence": None}
    for event in events:
        if event["effective"] is None or event["effective"] > as_at:
            continue
        name, details = event["event"], event["details"]
        if name in STATUS_EVENTS:
            found["status_date"] = event["effective"]
        if name in NOTE_FIELDS:
            found["notes"] = details.get(NOTE_FIELDS[name])
        if name == "Completed":
            found["evidence"] = details.get("evidence")
    return found


def write_tracker(rows: list[dict], out: str | Path, *, as_at: date, board: str | None = None) -> Path:
    """Write the XLSX next to `out` and move it into place, so a failed export never leaves half a file."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise DomainError("out", f"{out.name} must end in .xlsx")
    if not out.parent.is_dir():
        raise DomainError("out", f"cannot write {out}: the folder {out.parent} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".tracker-", suffix=".xlsx", dir=out.parent)
        os.close(handle)
    except OSError as error:
        raise DomainError("out", f"cannot write {out}: {error.strerror or error}") from None
    try:
        _workbook(rows, as_at, board).save(temporary)
        os.replace(temporary, out)
    except OSError as error:
        raise DomainError("out", f"cannot write {out}: {error.strerror or error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return out


def _workbook(rows: list[dict], as_at: date, board: str | None):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(f"Tracker {as_at.isoformat()}")
    sheet.freeze_panes = "A2"
    for index, (_, _, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    fills = {band: PatternFill("solid", fgColor="FF" + colour.lstrip("#").upper()) for band, colour in RAG_COLOURS.items()}
    fonts = {band: Font(bold=True, color="000000" if band == "Amber" else "FFFFFF") for band in RAG_COLOURS}

    def cell(value, **style):
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            made.data_type = "s"  # text stays text: "=..." typed into a field is never a formula
        for name, setting in style.items():
            setattr(made, name, setting)
        return made

    sheet.append([cell(header, font=bold) for _, header, _ in COLUMNS])
    for row in rows:
        cells = []
        for column, _, _ in COLUMNS:
            value = row.get(column)
            if column == "rag":
                cells.append(cell(f"{value}: {row['rag_word']}", fill=fills[value], font=fonts[value]))
            elif isinstance(value, date):
                cells.append(cell(datetime(value.year, value.month, value.day), number_format=DATE_FORMAT))
            else:
                cells.append(cell(value, alignment=wrap) if column in WRAPPED else cell(value))
        sheet.append(cells)
    _key_sheet(workbook.create_sheet("Key"), as_at, board, len(rows), fills, fonts, cell)
    return workbook


def _key_sheet(sheet, as_at, board, count, fills, fonts, cell) -> None:
    """What the figures are and what the colours mean (colour is never the only signal)."""
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 60
    sheet.append(["As at", as_at.strftime("%d/%m/%Y")])
    sheet.append(["Board", board or "all boards"])
    sheet.append(["Actions", count])
    sheet.append([])
    sheet.append(["Band", "Meaning (this product's default words)"])
    for band, meaning in RAG_MEANING.items():
        sheet.append([cell(band, fill=fills[band], font=fonts[band]), meaning])
