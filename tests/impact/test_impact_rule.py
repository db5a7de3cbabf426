"""domain.impact: the words, and the rule that turns plans and re-tests into the position at a date."""
from __future__ import annotations

from datetime import date

import pytest

from domain.errors import DomainError
from domain.impact import ImpactRecord, impact_as_at, parse_assurance, parse_evidenced

PLAN = ImpactRecord(date(2024, 1, 1), "plan", retest_by=date(2024, 6, 1))


def test_no_plan_is_not_tested_and_never_overdue():
    position = impact_as_at([], date(2025, 1, 1))
    assert (position.state, position.planned, position.retest_overdue) == ("not_tested", False, False)


def test_a_retest_is_overdue_from_the_day_after_its_date_until_one_is_recorded():
    late = ImpactRecord(date(2024, 7, 1), "retest", finding="partly")
    assert impact_as_at([PLAN, late], date(2024, 6, 1)).retest_overdue is False
    assert impact_as_at([PLAN, late], date(2024, 6, 2)).retest_overdue is True
    after = impact_as_at([PLAN, late], date(2024, 7, 1))
    assert (after.state, after.retest_overdue) == ("partly", False)


def test_the_latest_retest_is_the_finding_and_a_later_plan_asks_for_the_next():
    first = ImpactRecord(date(2024, 5, 1), "retest", finding="not_evidenced")
    replan = ImpactRecord(date(2024, 5, 2), "plan", retest_by=date(2024, 9, 1))
    second = ImpactRecord(date(2024, 10, 1), "retest", finding="evidenced")
    records = [PLAN, first, replan, second]
    assert impact_as_at(records, date(2024, 8, 31)).state == "not_evidenced"
    assert impact_as_at(records, date(2024, 9, 15)).retest_overdue is True
    assert impact_as_at(records, date(2024, 10, 1)).state == "evidenced"


@pytest.mark.parametrize("word, level", [("Substantial", "substantial"), ("no assurance", "none"), ("Limited assurance", "limited"), ("", "")])
def test_assurance_words_are_read_as_the_standard_levels(word, level):
    assert parse_assurance(word) == level


def test_an_unknown_assurance_word_names_the_field():
    with pytest.raises(DomainError, match="assurance: unknown value 'great'"):
        parse_assurance("great")


@pytest.mark.parametrize("word, finding", [("yes", "evidenced"), ("Partly", "partly"), ("no", "not_evidenced"), ("not evidenced", "not_evidenced")])
def test_retest_findings(word, finding):
    assert parse_evidenced(word) == finding
