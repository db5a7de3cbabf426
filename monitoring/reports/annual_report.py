"""The annual report's data for one reporting year (1 April to 31 March), read only through services.queries.

`gather(queries, year, board=..., today=...)` returns an AnnualReport: plain rows that the dashboard's Annual
report page and the export pack (monitoring.reports.pack) turn into figures, CSV and XLSX. For a year still in
progress the report is "as at" today; otherwise as at 31 March.
"""
from __future__ import annotations

from domain.calendar import reporting_year as year_bounds  # noqa: F401 - the chapter reads it from here
from domain.calendar import year_label

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from monitoring.reports.figures import FigureContext
from monitoring.reports.figures.improved import improved_rows
from domain.errors import DomainError
from domain.impact import IMPACT_MEANING
from domain.statuses import OPEN_STATUSES, RAG_MEANING

STALE_MONTHS = 3  # "little or no evidence of progress": open with no progress reported for this long
DECISIONS = {"open": "Accepted; open", "closed": "Closed with a statement of impact", "rejected": "Rejected",
             "superseded": "Superseded"}


def report_as_at(year: int, today: date) -> date:
    """31 March at the end of the year, or today for the year in progress; a year not yet begun is a mistake."""
    start, end = year_bounds(year)
    if today < start:
        raise DomainError("year", f"the reporting year {year_label(year)} begins on 1 April {year}, after today ({today.isoformat()})")
    return min(end, today)


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class AnnualReport:
    """One board's (or every board's) reporting year, as plain rows."""

    year: int
    board: str | None
    as_at: date
    generated_on: date
    rag_words: dict[str, str]
    by_agency: list[dict]
    agency_totals: dict
    by_review: list[dict]
    review_totals: dict
    trend: list[dict]
    overdue: list[dict]
    time_to_complete: list[dict]
    slippage: list[dict]
    recommendations: list[dict]
    impact: list[dict]
    little_progress: list[dict]
    review_titles: dict[str, str] = field(default_factory=dict)
    recurring_learning: list[dict] = field(default_factory=list)  # themes of the year's recommendations (issue 17)
    improved: list[dict] = field(default_factory=list)  # completed, signed off, impact evidenced (issue 15)
    not_evidenced: list[dict] = field(default_factory=list)  # complete but impact not evidenced (issue 15)

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def is_empty(self) -> bool:
        return not self.agency_totals.get("total") and not self.recommendations

    @cached_property
    def context(self) -> FigureContext:
        return FigureContext(as_at=self.as_at, year=self.year, board=self.board, generated_on=self.generated_on,
                             rag_words=self.rag_words)


def gather(queries, year: int, *, today: date, board: str | None = None) -> AnnualReport:
    """Read everything the annual report shows for `year` (and `board`, or every board)."""
    as_at = report_as_at(year, today)
    rag_words = _rag_words(queries, board)
    titles = {r["code"]: r["title"] for r in queries.reviews(board=board)}
    by_agency = queries.status(by="agency", board=board, as_at=as_at)
    by_review = queries.status(by="review", board=board, as_at=as_at)
    actions = as_they_stood(queries, queries.actions(board=board, as_at=as_at), as_at)
    recommendations = [{**r, "review_title": titles.get(r["review_code"], r["review_code"])}
                       for r in queries.recommendations(board=board, as_at=as_at)]
    overdue = [a for a in actions if a["overdue"]]
    documents = queries.document_counts(board=board, as_at=as_at)  # evidence documents per action (issue 16)
    return AnnualReport(
        year=year, board=board, as_at=as_at, generated_on=today, rag_words=rag_words,
        by_agency=by_agency["rows"], agency_totals={**by_agency["totals"], "key": "All agencies"},
        by_review=[{**row, "title": titles.get(row["key"], row["key"])} for row in by_review["rows"]],
        review_totals={**by_review["totals"], "key": "All reviews", "title": "All reviews"},
        trend=queries.monthly_trend(year, board=board),
        overdue=overdue,
        time_to_complete=queries.time_to_complete(board=board, as_at=as_at, year=year),
        slippage=queries.slippage(board=board, as_at=as_at),
        recommendations=recommendations,
        impact=impact_table(recommendations, actions, titles, documents),
        little_progress=little_progress(actions, as_at, titles),
        review_titles=titles,
        recurring_learning=queries.recurring_learning(year, board=board, as_at=as_at),
        improved=improved_rows(by_agency["totals"]),
        not_evidenced=[{**r, "review_title": titles.get(r["review_code"], r["review_code"]), "impact": IMPACT_MEANING[r["impact"]]}
                       for r in queries.recommendations_impact(board=board, as_at=as_at, complete_not_evidenced=True)],
    )


def _rag_words(queries, board: str | None) -> dict[str, str]:
    words = dict(RAG_MEANING)
    if board:
        for row in queries.boards():
            if row["name"] == board:
                words.update({band: word for band, word in (row.get("rag_words") or {}).items() if band in words and word})
    return words


def impact_table(recommendations: list[dict], actions: list[dict], titles: dict[str, str], documents: dict | None = None) -> list[dict]:
    """Working Together 2018's table: per recommendation, the decision, the actions taken, the improvements evidenced."""
    by_recommendation: dict[str, list[dict]] = defaultdict(list)
    for action in actions:
        by_recommendation[action["recommendation_reference"]].append(action)
    rows = []
    for rec in recommendations:
        taken = sorted(by_recommendation.get(rec["reference"], []), key=lambda a: a["number"])
        improvements = [f"{rec['reference']}: {rec['impact']}"] if rec.get("impact") else []
        improvements += [f"{a['reference'].split('/')[-1]} ({a['agency']}): {a['impact']}"
                         for a in taken if a["status"] == "signed_off" and a.get("impact")]
        rows.append({
            "review_code": rec["review_code"], "review_title": titles.get(rec["review_code"], rec["review_code"]),
            "reference": rec["reference"], "text": rec["text"], "priority": "Yes" if rec.get("priority") else "No",
            "decision": DECISIONS.get(rec["status"], rec["status"]), "implementation": rec["implementation"],
            "actions_taken": [_action_line(a, (documents or {}).get(a["id"], 0)) for a in taken],
            "improvements": improvements,
            "impact_evidenced": "Yes" if improvements else "No: not yet evidenced",
        })
    return rows


def _action_line(action: dict, documents: int = 0) -> str:
    number = action["reference"].split("/")[-1]
    supported = f"; {documents} document{'s' if documents != 1 else ''}" if documents else ""  # counts, never the files
    return f"{number} ({action['agency']}): {action['text']} [{action['status'].replace('_', ' ')}{supported}]"


def little_progress(actions: list[dict], as_at: date, titles: dict[str, str]) -> list[dict]:
    """Overdue actions, and open actions with no progress reported for three months or more, at `as_at` (the
    actions as they stood then: as_they_stood)."""
    stale_before = months_before(as_at, STALE_MONTHS)
    rows = []
    for action in (a for a in actions if a["status"] in OPEN_STATUSES):
        last = action["last_progress_on"]
        since = last or action["agreed_on"]
        reasons = []
        if action["overdue"]:
            reasons.append(f"overdue by {action['days_overdue']} days")
        if since <= stale_before:
            what = "reported since" if last else "reported since it was agreed on"
            reasons.append(f"no progress {what} {since.isoformat()} ({(as_at - since).days} days)")
        if reasons:
            rows.append({**action, "review_title": titles.get(action["review_code"], action["review_code"]),
                         "last_progress_on": last, "days_without_progress": (as_at - since).days,
                         "reason": "; ".join(reasons).capitalize()})
    rows.sort(key=lambda r: (-r["days_overdue"], -r["days_without_progress"], r["reference"]))
    return rows


NOW_ONLY = ("version", "last_update")  # how an action stands today: no part of a year's report, moved by every write


def as_they_stood(queries, actions: list[dict], as_at: date) -> list[dict]:
    """The actions as they stood at `as_at`, with the last progress reported by then. What only says how they
    stand today is left out: the report never shows it, and keeping it would make a note written today change a
    closed year's report (and redraw its page: dashboard/pages/annual_report.py keeps it for the same report)."""
    progress = _progress_as_at(queries, actions, as_at)
    return [{**{k: v for k, v in a.items() if k not in NOW_ONLY}, "last_progress_on": progress[a["id"]]} for a in actions]


def _progress_as_at(queries, actions: list[dict], as_at: date) -> dict:
    """The latest progress reported by the as-at date; the history is asked (once, for all) only for the actions
    whose row shows progress later than that (a past year's report)."""
    found = {a["id"]: a.get("last_progress_on") for a in actions}
    later = [ident for ident, on in found.items() if on is not None and on > as_at]
    if later:
        found.update({r["id"]: r["last_progress_on"] for r in queries.last_progress(later, as_at=as_at)})
    return found


def as_plain(value: Any) -> Any:
    """Dates as ISO text and lists as lines, for CSV cells and HTML."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "\n".join(map(str, value))
    return value

