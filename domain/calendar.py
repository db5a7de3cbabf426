"""Working days in England and the statutory clocks that run in them."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n)))


def add_months(start: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 Aug + 6 months = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


NOTIFICATION_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
PUBLICATION_MONTHS = 6


def reporting_year(year: int) -> tuple[date, date]:
    """English boards report 1 April to 31 March; `2024` is 1 April 2024 to 31 March 2025."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def reporting_year_of(day: date) -> int:
    """The reporting year a day falls in: 31 March 2025 is in 2024 (1 April 2024 to 31 March 2025)."""
    return day.year if day.month >= 4 else day.year - 1


def long_date(day: date) -> str:
    """A date as UK readers write it: 31 March 2026."""
    return f"{day.day} {day:%B %Y}"


def year_label(year: int) -> str:
    """The reporting year as annual reports name it: 2024-25."""
    return f"{year}-{(year + 1) % 100:02d}"
