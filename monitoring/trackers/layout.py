"""The exported tracker's columns and print set-up, shared by the XLSX and ODS writers.

Why these widths: the sheet prints landscape on A4, fitted to the page width with the header repeated on every
page, so the columns are narrow and wrap their text; RAG and board are wide enough that their words are never cut.
"""
from __future__ import annotations

from datetime import date

# (field as the import reads it, header, width in characters)
COLUMNS = [
    ("reference", "Reference", 17), ("board", "Board", 22), ("review", "Review", 16), ("review_code", "Review code", 14),
    ("review_type", "Review type", 13), ("recommendation_no", "Recommendation no", 17), ("recommendation", "Recommendation", 30),
    ("priority", "Priority", 8), ("agency", "Agency", 16), ("action", "Action", 30), ("lead", "Lead", 14),
    ("success_measure", "Success measure", 18), ("target_date", "Target date", 11), ("status", "Status", 12),
    ("status_date", "Status date", 11), ("agreed_date", "Agreed date", 11), ("notes", "Notes", 24),
    ("evidence", "Evidence", 20), ("themes", "Themes", 14), ("rag", "RAG", 18),
    ("documents", "Documents", 10),  # evidence documents supporting the action (a count; the import ignores it)
]
DATE_FORMAT = "dd/mm/yyyy"
WRAPPED = {"board", "review", "review_type", "recommendation", "agency", "action", "lead", "success_measure", "notes",
           "evidence", "themes", "rag"}
PAGE_HEADER = "Case review action plan tracker as at {as_at}"


def sheet_title(as_at: date) -> str:
    return f"Tracker {as_at.isoformat()}"


def rag_text(row: dict) -> str:
    """Colour is never the only signal: the band and its word."""
    return f"{row['rag']}: {row['rag_word']}"
