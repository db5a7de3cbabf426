"""An aggregate's full history as a timeline: who, effective date, recorded time, what changed and why."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from dash import dcc, html

from dashboard.components import day, moment, section
from dashboard.notices_view import notices_section
from domain.evidence import KINDS, size_text

NOTICE_PREFIX = "Notice"
# Details shown first, in the words a sub-group uses; any others follow as they come.
LABELS = {
    "note": "Progress note", "evidence": "Evidence", "impact": "Impact", "reason": "Reason",
    "target_date": "Target date", "stage": "Stage", "text": "Text", "agency": "Agency",
    "title": "Document", "kind": "Kind", "size": "Size", "filename": "File name", "sha256": "SHA-256", "numbers": "Documents",
}
# Where the record sits, already on the page: not news in a history entry.
HIDDEN = {"board", "review_code", "recommendation_number", "number", "key"}  # key: a notice's idempotency key


def is_notice(row: Mapping) -> bool:
    return str(row.get("event", "")).startswith(NOTICE_PREFIX)


LATEST = 25  # entries a page shows before "Show all": an action reported on weekly for two years has a hundred
ALL = "all"  # the page's ?history= value that shows every entry


def timeline(history: Sequence[Mapping], *, title: str = "History", shown: int | None = None, all_href: str | None = None,
             total: int | None = None) -> html.Section:
    """Every event, newest first, then the notices sent on their own (one entry a notice, queued and sent). With
    `shown`, only that many of the newest, and a link to `all_href` (the page with ?history=all) for the rest;
    `total` is how many there are when `history` holds only the newest and the notices (queries.history(latest=))."""
    newest = list(reversed(history))
    total = len(newest) if total is None else total
    events = [_entry(row) for row in newest[:shown]]
    parts = [html.Ol(events or [html.Li("No changes recorded yet.")], className="timeline", id="timeline")]
    if shown is not None and total > shown:
        parts.append(html.P([f"Showing the latest {shown} of {total} changes. ",
                             dcc.Link(f"Show all {total} changes", href=all_href, id="timeline-all") if all_href else None],
                            id="timeline-more"))
    return html.Div([section(title, *parts, id="history"), notices_section(history)])


def timeline_rows(queries, ref_or_id: str, shown: int | None) -> dict:
    """The timeline's arguments for a record: its newest `shown` changes (all when None), its notices and how many
    changes it has, read without reading them all."""
    if shown is None:
        return {"history": queries.history(ref_or_id), "shown": None}
    return {"history": queries.history(ref_or_id, latest=shown), "shown": shown, "total": queries.history_count(ref_or_id)}


def entries_shown(query: Mapping) -> int | None:
    """How many entries a page shows, from its address: all with ?history=all, else the latest LATEST."""
    return None if query.get("history") == ALL else LATEST


def _entry(row: Mapping) -> html.Li:
    details = {k: v for k, v in (row.get("details") or {}).items() if k not in HIDDEN}
    ordered = [k for k in LABELS if k in details] + [k for k in details if k not in LABELS]
    return html.Li(
        [
            html.P([html.Strong(row.get("change") or row.get("event")), " by ", row.get("actor") or "unknown"], className="mb-1"),
            html.P(
                [f"Effective {day(row.get('effective'))}", html.Span(" · "), f"recorded {moment(row.get('recorded_at'))}"],
                className="timeline-when mb-1",
            ),
            html.Dl(
                [part for key in ordered for part in (html.Dt(_label(key)), html.Dd(_document_text(key, details[key])))],
                className="timeline-details mb-0",
            ) if ordered else None,
        ],
        className="timeline-entry notice" if is_notice(row) else "timeline-entry",
    )


def _document_text(key: str, value) -> str:
    """An evidence document's size and kind as people read them (domain.evidence); everything else as _text."""
    if key == "size" and isinstance(value, int):
        return size_text(value)
    if key == "kind" and value in KINDS:
        return KINDS[value].label
    return _text(value)


def _label(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").capitalize()


def _text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" == value[7]:
        try:
            return day(value)  # dates in the record are ISO; people read 31 Dec 2024
        except ValueError:
            return value
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)
