"""Pure rules: overdue, RAG, working days, statutory clocks, review codes."""
from __future__ import annotations

from datetime import date

import pytest

from domain.calendar import add_months, add_working_days, is_working_day, reporting_year, working_days_between
from domain.errors import DomainError
from domain.review import Review, code_from_name, statutory_deadlines
from domain.statuses import is_overdue, rag

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    "status,target,as_at,overdue,band",
    [
        ("not_started", date(2025, 3, 30), date(2025, 3, 31), True, "Red"),
        ("in_progress", date(2025, 3, 31), date(2025, 3, 31), False, "Amber"),
        ("completed", date(2024, 1, 1), date(2025, 3, 31), False, "Green"),
        ("signed_off", date(2024, 1, 1), date(2025, 3, 31), False, "Blue"),
        ("withdrawn", date(2024, 1, 1), date(2025, 3, 31), False, "Grey"),
    ],
)
def test_overdue_and_rag_follow_the_domain_definitions(status, target, as_at, overdue, band):
    assert is_overdue(status, target, as_at) is overdue
    assert rag(status, target, as_at) == band


def test_working_days_skip_weekends_and_english_bank_holidays_at_christmas():
    # Tue 23 Dec 2025 + 5 working days: 24, 29, 30, 31 Dec and 2 Jan (25, 26 Dec and 1 Jan are bank holidays).
    assert add_working_days(date(2025, 12, 23), 5) == date(2026, 1, 2)
    assert not is_working_day(date(2025, 12, 26))


def test_working_days_skip_good_friday_and_easter_monday():
    # Thu 17 Apr 2025 + 1 working day is Tue 22 Apr (Good Friday 18th, Easter Monday 21st).
    assert add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)
    assert working_days_between(date(2025, 4, 17), date(2025, 4, 22)) == 1


def test_six_months_from_the_end_of_august_is_the_end_of_february():
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)


def test_the_reporting_year_runs_april_to_march():
    assert reporting_year(2024) == (date(2024, 4, 1), date(2025, 3, 31))


def test_statutory_deadlines_of_a_practice_review_in_working_days():
    deadlines = {
        d.name: d
        for d in statutory_deadlines(
            "lcspr", date(2025, 12, 22), date(2025, 12, 31), {"rapid_review": date(2026, 1, 20), "decision": date(2026, 1, 20)}
        )
    }
    assert deadlines["notification"].due == date(2025, 12, 31)  # 23, 24, 29, 30, 31 Dec
    assert deadlines["notification"].state(TODAY) == "met"
    assert deadlines["rapid review"].due == date(2026, 1, 15)
    assert deadlines["rapid review"].state(TODAY) == "met late"
    assert deadlines["publication"].due == date(2026, 7, 20)
    assert deadlines["publication"].state(TODAY) == "late"
    assert deadlines["publication"].state(date(2026, 7, 20)) == "pending"


def test_a_review_starts_its_clocks_from_the_date_the_local_authority_became_aware():
    review = Review.commission(
        board="B", code="Child-C-2014", title="Child C (2014)", review_type="LCSPR", actor="m",
        on=date(2025, 1, 6), today=TODAY, aware_on=date(2025, 1, 6),
    )
    assert review.code == "child-c-2014" and review.review_type == "lcspr"
    assert [d.name for d in review.deadlines()] == ["notification", "rapid review", "publication"]
    assert review.deadlines()[0].due == date(2025, 1, 13)


def test_an_unknown_review_type_is_refused_naming_the_field():
    with pytest.raises(DomainError, match="^type: unknown value 'inquiry'"):
        Review.commission(board="B", code="x", title="X", review_type="inquiry", actor="m", on=date(2025, 1, 6), today=TODAY)


def test_a_review_cannot_be_moved_to_the_stage_it_is_at():
    review = Review.commission(board="B", code="x", title="X", review_type="scr", actor="m", on=date(2025, 1, 6), today=TODAY)
    with pytest.raises(DomainError, match="^stage: the review is already at stage notified"):
        review.move_to_stage(stage="notified", note="", actor="m", on=date(2025, 1, 7), today=TODAY)


def test_a_review_name_becomes_its_code():
    assert code_from_name("Child C (2014)") == "child-c-2014"
    assert code_from_name("  Siblings A & B  (2023) ") == "siblings-a-b-2023"
