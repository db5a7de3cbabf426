"""Which column is which: header names matched forgiving case, spaces, underscores and punctuation."""
from __future__ import annotations

import re

from monitoring.trackers.importing.problems import Problem

REQUIRED = ("review", "recommendation_no", "agency", "action", "target_date")
OPTIONAL = ("board", "review_code", "review_type", "recommendation", "priority", "lead", "success_measure",
            "notes", "status", "status_date", "agreed_date", "evidence", "themes")
COLUMNS = REQUIRED + OPTIONAL

# Spellings seen on boards' trackers. Only names that cannot mean another column ("Lead agency" is the agency,
# "Lead" the lead's role); "RAG" is left out on purpose: it is derived, never imported.
SYNONYMS = {
    "board": ["partnership", "safeguardingboard", "safeguardingpartnership", "lscb", "boardname"],
    "review": ["reviewname", "reviewtitle", "casereview", "case", "casename"],
    "review_code": ["code", "reviewref", "reviewreference"],
    "review_type": ["type", "typeofreview"],
    "recommendation_no": ["recommendationnumber", "recommendationnum", "recno", "recnumber", "recnum",
                          "recommendationref", "recref"],
    "recommendation": ["recommendationtext", "rectext", "recommendations"],
    "priority": ["priorityrecommendation", "prioritised", "prioritized"],
    "agency": ["leadagency", "responsibleagency", "agencyresponsible", "organisation", "organization", "partneragency"],
    "action": ["actions", "actiontext", "agreedaction", "actionrequired", "actiontobetaken", "actiontaken"],
    "lead": ["leadofficer", "leadrole", "actionlead", "responsibleofficer", "leadperson", "owner", "actionowner"],
    "success_measure": ["successmeasures", "measure", "measureofsuccess", "successcriteria", "expectedoutcome",
                        "howwillweknow"],
    "target_date": ["target", "duedate", "due", "deadline", "targetcompletiondate", "completionby", "bywhen",
                    "timescale", "timescales"],
    "status": ["currentstatus", "progressstatus", "actionstatus"],
    "status_date": ["dateofstatus", "statusasat", "lastupdated", "dateupdated", "updatedon", "statusupdated"],
    "agreed_date": ["dateagreed", "agreed", "agreedon", "dateadded", "dateset"],
    "notes": ["note", "progressnote", "progressnotes", "progress", "latestprogress", "progressupdate", "update",
              "comments", "comment", "reason"],
    "evidence": ["evidenceofcompletion", "completionevidence", "evidenceofimpact"],
    "themes": ["theme", "keythemes"],
}

NAMES: dict[str, str] = {}  # normalised spelling -> column, filled below


def normalise(name) -> str:
    """`Rec. No (e.g. 3)` -> `recno`; `Target_Date ` -> `targetdate`; `Recommendation #` -> `recommendationno`."""
    raw = re.sub(r"\(.*?\)", "", str(name or "")).replace("#", "no").lower()
    return "".join(ch for ch in raw if ch.isalnum())


for _column in COLUMNS:
    NAMES[normalise(_column)] = _column
    for _spelling in SYNONYMS.get(_column, []):
        NAMES[_spelling] = _column


def column_for(header) -> str | None:
    return NAMES.get(normalise(header))


def looks_like_header(cells) -> bool:
    """A header row names at least three of our columns (a title row above it names none)."""
    return len({column_for(c) for c in cells if column_for(c)}) >= 3


def map_header(cells, row: int) -> tuple[dict[str, int], list[Problem]]:
    """Column name -> cell index, and any problems: required columns missing, a column named twice."""
    found: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(cells):
        column = column_for(cell)
        if column is None:
            continue
        if column in found:
            first = str(cells[found[column]]).strip()
            problems.append(Problem(row, "header", f"{str(cell).strip()!r} and {first!r} both name the {column} column"))
            continue
        found[column] = index
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        problems.append(Problem(row, "header", f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"))
    return found, problems
