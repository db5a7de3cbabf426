"""Everything the chapter says, read once through the read API for one board as at the end of the year."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from monitoring.reports.annual_report import AnnualReport, year_bounds

EARLIEST = date(1900, 1, 1)  # the record "so far": every effective date there is, up to the as-at date


@dataclass(frozen=True)
class YearData:
    board: str
    start: date
    as_at: date
    reviews: list[dict]          # queries.reviews(as_at): stage, stage dates and statutory clocks then
    recommendations: list[dict]  # queries.recommendations(as_at)
    closed_before: set[str]      # recommendations no longer open the day before the year began
    actions: list[dict]          # queries.actions(as_at): status and target date then
    by_review: dict[str, dict]   # queries.status(by="review", as_at) rows, by review code
    totals: dict                 # queries.status(as_at) totals
    record: list[dict]           # queries.year_record(EARLIEST, as_at): every decision and event so far
    stage_notes: dict[tuple[str, str], str]
    retests: list[dict]          # queries.retests(as_at): what each re-test found (issue 15's impact plans)
    not_evidenced: list[dict]    # queries.recommendations_impact(complete_not_evidenced=True, as_at)
    impact_plans: list[dict]     # queries.recommendations_impact(as_at): each recommendation's plan and re-test date
    assurance_words: dict[str, str]  # the board's own words for assurance levels, where it renamed them

    def in_year(self) -> list[dict]:
        return [e for e in self.record if e["effective"] >= self.start]

    def review_title(self, code: str) -> str:
        return next((r["title"] for r in self.reviews if r["code"] == code), code)


def read_year(queries, report: AnnualReport, board: str) -> YearData:
    start, _ = year_bounds(report.year)
    as_at = report.as_at
    before = start - timedelta(days=1)
    by_review = queries.status(by="review", board=board, as_at=as_at)
    return YearData(
        board=board, start=start, as_at=as_at,
        reviews=queries.reviews(board=board, as_at=as_at),
        recommendations=queries.recommendations(board=board, as_at=as_at),
        closed_before={r["reference"] for r in queries.recommendations(board=board, as_at=before) if r["status"] != "open"},
        actions=queries.actions(board=board, as_at=as_at),
        by_review={row["key"]: row for row in by_review["rows"]},
        totals=by_review["totals"],
        record=queries.year_record(EARLIEST, as_at, board=board),
        stage_notes=queries.stage_notes(board=board, as_at=as_at),
        retests=[{**r, "on": date.fromisoformat(r["on"])} for r in queries.retests(board=board, as_at=as_at)],
        not_evidenced=queries.recommendations_impact(board=board, as_at=as_at, complete_not_evidenced=True),
        impact_plans=queries.recommendations_impact(board=board, as_at=as_at),
        assurance_words=next((dict(b.get("assurance_words") or {}) for b in queries.boards() if b["name"] == board), {}),
    )
