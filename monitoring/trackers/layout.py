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
    # Assurance and impact (issue 15): the sign-off's level and comment per action; the recommendation's on its first row.
    ("assurance", "Assurance level", 12), ("assurance_comment", "Critical Friend comments", 20),
    ("recommendation_kind", "Recommendation type", 12), ("recommendation_scope", "Scope of recommendation", 12),
    ("addressee", "Addressed to", 14), ("impact_expected", "Expected impact", 20), ("impact_measure", "Impact measure", 18),
    ("baseline", "Baseline value", 10), ("baseline_date", "Baseline date", 11), ("impact_target", "Target value", 10),
    ("retest_by", "Re-test by", 11), ("retest_on", "Re-tested on", 11), ("retest_result", "Re-test result", 20),
    ("impact_evidenced", "Impact evidenced", 10),
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
