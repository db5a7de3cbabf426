"""Which column is which: one line per column in HEADERS, with the spellings boards' trackers and the published
templates use, matched forgiving case, spaces, underscores and punctuation.

Why a table: the assurance, impact and themes work adds columns; adding one is one line here (and reading it in
rows.py). Columns the product does not hold yet are listed as IGNORED, so a file that has them imports with a note
rather than a silent drop.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from domain.names import nearest_any
from monitoring.trackers.importing.problems import Problem


@dataclass(frozen=True)
class Column:
    """A field the import reads, and the headers that name it. `many`: several such columns are joined."""

    field: str
    spellings: tuple[str, ...]
    required: bool = False
    many: bool = False


def column(field: str, *spellings: str, required: bool = False, many: bool = False) -> Column:
    return Column(field, (field, *spellings), required, many)


# Only spellings that cannot mean another column ("Lead agency" is the agency, "Lead" the lead's role).
HEADERS: tuple[Column, ...] = (
    column("reference", "Reference", "Action reference", "Action ref"),
    column("ref", "Ref", "Ref.", "No.", "No", "Rec", "#"),  # a reference when shaped CODE/Rn/An, else the number
    column("board", "Partnership", "Safeguarding board", "Safeguarding partnership", "LSCB", "Board name"),
    column("review", "Review name", "Review title", "Case review", "Case", "Case name", "Name of review", required=True),
    column("review_code", "Code", "Review ref", "Review reference"),
    column("review_type", "Type", "Type of review"),
    column("recommendation_no", "Recommendation number", "Recommendation num", "Rec no", "Rec number", "Rec num",
           "Recommendation ref", "Rec ref", "Recommendation #", required=True),
    column("recommendation", "Recommendation text", "Rec text", "Recommendations"),
    column("priority", "Priority recommendation", "Prioritised", "Prioritized"),
    column("agency", "Lead agency", "Responsible agency", "Agency responsible", "Organisation", "Organization",
           "Partner agency", "Lead organisation", "Lead organization", "Responsibility", required=True),
    column("action", "Actions", "Action text", "Agreed action", "Action required", "Action to be taken", "Action taken",
           "SMART action", "SMART actions", required=True),
    column("lead", "Lead officer", "Lead role", "Action lead", "Responsible officer", "Lead person", "Owner", "Action owner"),
    column("success_measure", "Success measures", "Measure", "Measure of success", "Success criteria",
           "Expected outcome", "How will we know"),
    column("target_date", "Target", "Due date", "Due", "Deadline", "Target completion date", "Completion by",
           "By when", "Timescale", "Timescales", "Target date for completion", required=True),
    column("status", "Current status", "Progress status", "Action status"),
    column("rag", "RAG", "RAG status", "RAG rating", "Progress indicator (RAG)", "Progress indicator"),
    column("status_date", "Date of status", "Status as at", "Last updated", "Date updated", "Updated on", "Status updated"),
    column("completion_date", "Completion date", "Date completed", "Date of completion"),
    column("completion_outcome", "Date of completion and outcome"),
    column("agreed_date", "Date agreed", "Agreed", "Agreed on", "Date added", "Date set"),
    column("notes", "Note", "Progress note", "Progress notes", "Progress", "Latest progress", "Progress update",
           "Update", "Comments", "Comment", "Reason", "Key milestones", "Agency response",
           "Progress presented to Committee", many=True),
    column("evidence", "Evidence of completion", "Completion evidence", "Evidence of impact", "Supporting evidence",
           many=True),
    column("themes", "Theme", "Key themes"),
    # Assurance and impact (domain.impact; read in importing/impact.py).
    column("recommendation_kind", "Recommendation type", "Type of recommendation", "Kind of recommendation", "Recommendation kind"),
    column("recommendation_scope", "Scope of recommendation", "Scope", "Recommendation scope"),
    column("addressee", "Addressed to", "National body", "Addressee (national)"),
    column("assurance", "Assurance level", "Assurance", "Assessment of progress", "Level of assurance"),
    column("assurance_comment", "Critical Friend comments", "Critical Friend comment", "Critical-friend comment", "Sub-group comment"),
    column("impact_expected", "Expected impact", "Impact expected", "What is expected to change", "Expected change"),
    column("impact_measure", "Impact measure", "Measure of impact", "How impact will be measured"),
    column("baseline", "Baseline value", "Baseline measure"),
    column("baseline_date", "Baseline date", "Date of baseline"),
    column("impact_target", "Target value", "Impact target", "Target measure"),
    column("retest_by", "Re-test by", "Retest by", "Re-test due", "Re-test date", "Retest date", "Re-audit date", "Date to re-test"),
    column("retest_on", "Re-tested on", "Date re-tested", "Last re-test", "Re-test done"),
    column("retest_result", "Re-test result", "Retest result", "Re-audit result", "Re-test findings", "Result of re-test"),
    column("impact_evidenced", "Impact evidenced", "Impact evidenced?", "Evidence of improvement"),
)

# Columns for fields the product does not hold yet: read by the issue that adds the field, ignored with a note until then.
IGNORED: dict[str, str] = {}  # all read since issue 15 (assurance, critical-friend comment, scope)

# Columns `export-tracker` writes for people that no import reads back (a count of evidence documents): no note.
WRITTEN_ONLY = frozenset({"documents"})

REQUIRED = tuple(c.field for c in HEADERS if c.required)
COLUMNS = tuple(c.field for c in HEADERS)
MANY = frozenset(c.field for c in HEADERS if c.many)


def normalise(name) -> str:
    """`Rec. No (e.g. 3)` -> `recno`; `Target_Date ` -> `targetdate`; `Recommendation #` -> `recommendationno`."""
    raw = str(name or "")
    raw = re.sub(r"\((?!rag\))[^)]*\)", "", raw, flags=re.IGNORECASE)  # "(e.g. 3)" is a hint; "(RAG)" names the column
    raw = raw.replace("#", "no").lower()
    return "".join(ch for ch in raw if ch.isalnum())


NAMES: dict[str, str] = {normalise(s): c.field for c in HEADERS for s in c.spellings}  # normalised spelling -> field
IGNORED_NAMES: dict[str, str] = {normalise(h): why for h, why in IGNORED.items()}
SPELLINGS: dict[str, str] = {s: c.field for c in HEADERS for s in c.spellings if s != c.field}


def column_for(header) -> str | None:
    return NAMES.get(normalise(header))


def looks_like_header(cells) -> bool:
    """A header row names at least three of our columns (a title row above it names none)."""
    return len({column_for(c) for c in cells if column_for(c)}) >= 3


@dataclass
class Header:
    """The header row as the file has it: field -> cell index (or indexes), and the file's own words for each."""

    columns: dict[str, int]
    names: dict[str, str]  # field -> the header as the file spells it
    extra: dict[str, list[int]]  # field -> further columns joined to the first (notes, evidence)
    ignored: list[str]  # headers of columns for fields the product does not hold yet


def map_header(cells, row: int) -> tuple[Header, list[Problem]]:
    """The header, and any problems: required columns missing (with the headers found and the nearest), one named twice."""
    header = Header({}, {}, {}, [])
    problems = []
    for index, cell in enumerate(cells):
        field = column_for(cell)
        shown = " ".join(str(cell or "").split())
        if field is None:
            if normalise(cell) in IGNORED_NAMES:
                header.ignored.append(f"{shown!r} ignored: the product does not hold {IGNORED_NAMES[normalise(cell)]} yet")
            elif shown and normalise(cell) not in WRITTEN_ONLY:  # never left out without a word: a misspelt "Completeion date" would otherwise vanish
                header.ignored.append(f"{shown!r} not read: it is not a column the import knows (the README lists the headers it reads)")
            continue
        if field in header.columns:
            if field in MANY:
                header.extra.setdefault(field, []).append(index)
                header.names[field] += f" / {shown}"
                continue
            problems.append(Problem(row, f"{shown!r}", f"and {header.names[field]!r} both name the {field} column"))
            continue
        header.columns[field] = index
        header.names[field] = shown
    missing = [c for c in REQUIRED if c not in header.columns and not (c == "recommendation_no" and "ref" in header.columns)]
    if missing:
        problems.append(Problem(row, "header", _missing(missing, cells)))
    return header, problems


def _missing(missing: list[str], cells) -> str:
    found = [" ".join(str(c).split()) for c in cells if str(c or "").strip()]
    known = [s for s, f in SPELLINGS.items()]
    hints = []
    for field in missing:
        unused = [h for h in found if column_for(h) is None]
        near = nearest_any(field.replace("_", " "), unused) or next(
            (h for h in unused if SPELLINGS.get(nearest_any(h, known) or "") == field), None)
        hints.append(f"{field.replace('_', ' ')}" + (f" (nearest header: {near!r})" if near else ""))
    listed = ", ".join(repr(h) for h in found)
    plural = "s" if len(missing) > 1 else ""
    return f"missing required column{plural} {', '.join(hints)}; the headers found are {listed}"
