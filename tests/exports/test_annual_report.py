"""Gathering a reporting year: the as-at date, the Working Together 2018 tables, read only through queries."""
from __future__ import annotations

from datetime import date

import pytest

from domain.errors import DomainError
from monitoring.reports.annual_report import gather, months_before, report_as_at
from tests.exports.fakes import BOARD, sample_queries

TODAY = date(2026, 11, 22)


def test_a_finished_year_is_reported_as_at_31_march():
    assert report_as_at(2024, TODAY) == date(2025, 3, 31)


def test_the_year_in_progress_is_reported_as_at_today():
    assert report_as_at(2026, TODAY) == TODAY
    assert report_as_at(2026, date(2026, 4, 1)) == date(2026, 4, 1)


def test_a_year_not_yet_begun_is_refused_with_the_field_named():
    with pytest.raises(DomainError) as error:
        report_as_at(2027, TODAY)
    assert error.value.field == "year" and "1 April 2027" in error.value.reason


def test_every_query_is_asked_as_at_the_end_of_the_year():
    queries = sample_queries()
    gather(queries, 2024, board=BOARD, today=TODAY)
    assert ("status", "agency", BOARD, date(2025, 3, 31)) in queries.calls
    assert ("status", "review", BOARD, date(2025, 3, 31)) in queries.calls
    assert ("actions", BOARD, date(2025, 3, 31)) in queries.calls
    assert ("monthly_trend", 2024, BOARD) in queries.calls


def test_overdue_at_year_end_lists_only_overdue_actions():
    report = gather(sample_queries(), 2024, board=BOARD, today=TODAY)
    assert [a["reference"] for a in report.overdue] == ["child-r-2019/R1/A2"]


def test_little_progress_lists_overdue_and_open_actions_silent_for_three_months():
    report = gather(sample_queries(), 2024, board=BOARD, today=TODAY)
    reasons = {r["reference"]: r["reason"] for r in report.little_progress}
    assert set(reasons) == {"child-r-2019/R1/A2", "baby-m-2021/R1/A1", "baby-m-2021/R2/A2"}
    assert reasons["child-r-2019/R1/A2"].startswith("Overdue by 90 days")
    assert "since it was agreed on 2024-06-01" in reasons["baby-m-2021/R1/A1"]
    # baby-m-2021/R1/A2 reported progress on 1 March 2025: recent, not listed; completed actions never are.


def test_progress_reported_after_the_year_end_does_not_count_for_that_year():
    queries = sample_queries()
    report = gather(queries, 2024, board=BOARD, today=TODAY)
    row = next(r for r in report.little_progress if r["reference"] == "baby-m-2021/R2/A2")
    assert row["last_progress_on"] == date(2024, 10, 1)  # its latest progress (10 June 2025) came after 31 March
    # asked once, for the only action whose row's date is later than the year's end
    assert [c for c in queries.calls if c[0] in ("history", "last_progress")] == [
        ("last_progress", ("id-baby-m-2021/R2/A2",), date(2025, 3, 31))]


def test_impact_table_gives_decisions_actions_taken_and_improvements_evidenced():
    report = gather(sample_queries(), 2024, board=BOARD, today=TODAY)
    rows = {r["reference"]: r for r in report.impact}
    assert rows["child-r-2019/R1"]["actions_taken"] == [
        "A1 (Police): Do the thing child-r-2019/R1/A1 [signed off]",
        "A2 (Education): Do the thing child-r-2019/R1/A2 [in progress]",
    ]
    assert rows["child-r-2019/R1"]["improvements"] == ["A1 (Police): Referrals now reach CSC within a day."]
    assert rows["baby-m-2021/R2"]["decision"] == "Closed with a statement of impact"
    assert rows["baby-m-2021/R2"]["impact_evidenced"] == "Yes"
    assert rows["child-r-2019/R2"]["impact_evidenced"] == "No: not yet evidenced"


def test_totals_rows_are_labelled_for_people():
    report = gather(sample_queries(), 2024, board=BOARD, today=TODAY)
    assert report.agency_totals["key"] == "All agencies" and report.agency_totals["total"] == 7
    assert report.review_totals["key"] == "All reviews"
    assert {r["title"] for r in report.by_review} == {"Child R (2019)", "Baby M (2021)"}


@pytest.mark.parametrize("day, expected", [
    (date(2025, 3, 31), date(2024, 12, 31)),
    (date(2025, 5, 31), date(2025, 2, 28)),
    (date(2024, 5, 31), date(2024, 2, 29)),
    (date(2025, 2, 15), date(2024, 11, 15)),
])
def test_three_months_before_keeps_to_the_end_of_shorter_months(day, expected):
    assert months_before(day, 3) == expected
