"""Write the tracker back as boards keep it: one row per action, in the columns `scr-monitor import` reads.

Reads only through projections.queries. Importing the file into an empty store gives the same `status` figures:
each action's status, and the date it took that status, come from its history as at the chosen date.
"""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from domain.errors import DomainError
from domain.statuses import RAG_MEANING, REVIEW_TYPES
from monitoring.trackers.tracker_ods import save_ods
from monitoring.trackers.tracker_xlsx import tracker_workbook

KIND_WORDS = {"overview": "Overview", "single_agency": "Single agency"}
ASSURANCE_WORDS = {"substantial": "Substantial", "reasonable": "Reasonable", "limited": "Limited", "none": "None", "not_graded": None}
FINDING_WORDS = {"evidenced": "Yes", "partly": "Partly", "not_evidenced": "No"}
STATUS_WORDS = {"not_started": "Not started", "in_progress": "In progress", "completed": "Completed",
                "signed_off": "Signed off", "withdrawn": "Withdrawn"}
# Events that set an action's status, and those whose text is its latest note (as the import reads notes).
STATUS_EVENTS = {"Agreed", "ProgressReported", "Completed", "SignedOff", "SignOffRefused", "Withdrawn", "Reopened"}
NOTE_FIELDS = {"ProgressReported": "note", "SignOffRefused": "reason", "Withdrawn": "reason", "Reopened": "reason"}
WRITERS = {".xlsx": lambda rows, path, as_at, board: tracker_workbook(rows, as_at, board).save(path), ".ods": save_ods}


def tracker_rows(queries, *, as_at: date, board: str | None = None, today: date | None = None) -> list[dict]:
    """One dict per action, keyed by the import's column names, in review / recommendation / action order."""
    today = today or date.today()
    reviews = {r["code"]: r for r in queries.reviews(board=board, as_at=as_at)}
    recommendations = {r["reference"]: r for r in queries.recommendations(board=board, as_at=as_at)}
    rag_words = {b["name"]: b.get("rag_words") or {} for b in queries.boards()}
    documents = queries.document_counts(board=board)  # evidence documents supporting each action, not the files
    impact = impact_columns(queries, as_at=as_at, board=board)
    actions = sorted(queries.actions(as_at=as_at, board=board),
                     key=lambda a: (a["board"], a["review_code"], a["recommendation_number"], a["number"]))
    rows, previous = [], None
    for action in actions:
        review = reviews.get(action["review_code"], {})
        rec = recommendations.get(action["recommendation_reference"], {})
        first = action["recommendation_reference"] != previous
        previous = action["recommendation_reference"]
        rows.append({
            "reference": action["reference"], "board": action["board"], "review": review.get("title", action.get("review_title")),
            "review_code": action["review_code"], "review_type": REVIEW_TYPES.get(review.get("review_type"), review.get("review_type")),
            "recommendation_no": action["recommendation_number"], "recommendation": rec.get("text") if first else None,
            "priority": ("Yes" if rec.get("priority") else "No") if first else None,
            "agency": action["agency"], "action": action["text"], "lead": action.get("lead"),
            "success_measure": action.get("measure"), "target_date": action["target_date"],
            "status": STATUS_WORDS[action["status"]], "agreed_date": action["agreed_on"],
            "themes": "; ".join(rec.get("themes") or []), "rag": action["rag"], "documents": documents.get(action["id"], 0),
            "rag_word": rag_words.get(action["board"], {}).get(action["rag"]) or RAG_MEANING[action["rag"]],
            **_status_date_notes_evidence(queries, action, as_at, today),
            "assurance": ASSURANCE_WORDS.get(action.get("assurance") or ""),
            "assurance_comment": action.get("assurance_comment") if action.get("assurance") else None,
            **(impact.get(action["recommendation_reference"], {}) if first else {}),
        })
    return rows


def impact_columns(queries, *, as_at: date, board: str | None) -> dict[str, dict]:
    """Each recommendation's kind, scope, impact plan and latest re-test as at `as_at`, in the import's columns."""
    columns = {}
    for r in queries.recommendations_impact(board=board, as_at=as_at):
        tested = r["impact"] != "not_tested"
        columns[r["reference"]] = {
            "recommendation_kind": KIND_WORDS[r["kind"]], "recommendation_scope": r["scope"].capitalize(),
            "addressee": r["addressee"], "impact_expected": r["plan_expected"], "impact_measure": r["plan_measure"],
            "baseline": r["plan_baseline"], "baseline_date": _day(r["plan_baseline_on"]), "impact_target": r["plan_target"],
            "retest_by": _day(r["retest_by"]), "retest_on": _day(r["last_retest_on"]),
            "retest_result": _last_result(queries, r["reference"], board, as_at) if tested else None,
            "impact_evidenced": FINDING_WORDS.get(r["impact"]),
        }
    return columns


def _last_result(queries, reference: str, board: str | None, as_at: date) -> str | None:
    found = queries.retests(recommendation=reference, board=board, as_at=as_at)
    return found[-1]["result"] if found else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


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
    """Write the XLSX or ODS (by the file's extension) next to `out` and move it into place, so a failed export
    never leaves half a file."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in WRITERS:
        raise DomainError("out", f"{out.name} must end in .xlsx or .ods")
    if not out.parent.is_dir():
        raise DomainError("out", f"cannot write {out}: the folder {out.parent} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".tracker-", suffix=suffix, dir=out.parent)
        os.close(handle)
    except OSError as error:
        raise DomainError("out", f"cannot write {out}: {error.strerror or error}") from None
    try:
        WRITERS[suffix](rows, temporary, as_at, board)
        os.replace(temporary, out)
    except OSError as error:
        raise DomainError("out", f"cannot write {out}: {error.strerror or error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return out
