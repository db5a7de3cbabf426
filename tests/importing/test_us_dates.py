"""A US-ordered date (12/31/2025, as some exports write it) is refused saying how to write it day first."""
from __future__ import annotations

import pytest

from monitoring.trackers.importing.cells import CellError, parse_date


def test_a_us_ordered_date_is_refused_saying_how_to_write_it():
    with pytest.raises(CellError) as refused:
        parse_date("12/31/2025")
    assert str(refused.value) == "'12/31/2025' is not a real date: dates are read day first (DD/MM/YYYY), so 31 December 2025 is 31/12/2025"


def test_a_date_that_is_wrong_either_way_is_only_said_not_real():
    with pytest.raises(CellError) as refused:
        parse_date("31/13/2025")
    assert str(refused.value) == "'31/13/2025' is not a real date"
