"""An imported plan's figures for past dates, checked against numbers worked by hand from the tracker.

The Child C tracker (tests/importing/trackers.py), by status date:
  R1/A1 Police          agreed 10/01/2024, target 30/06/2024, signed off 20/05/2024
  R1/A2 Acute Trust     agreed 10/01/2024, target 30/09/2024, in progress 15/04/2024
  R2/A1 Education       agreed 01/02/2024, target 31/12/2024, completed 15/01/2025
  R2/A2 Education       agreed 01/02/2024, target 31/12/2024, withdrawn 01/03/2024
  R2/A3 Social Care     agreed 01/02/2024, target 31/03/2024, not started
  R3/A1 Acute Trust     agreed 01/09/2024, target 31/03/2025, signed off 20/03/2025
"""
from __future__ import annotations

from datetime import date

import pytest

from monitoring.trackers.importing import import_tracker
from tests.importing.trackers import CHILD_C, write_xlsx

FIELDS = ("total", "not_started", "in_progress", "completed", "signed_off", "withdrawn", "overdue",
          "percent_complete", "percent_signed_off")


@pytest.fixture
def imported(services, tmp_path):
    import_tracker(services.app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager")
    services.catch_up()
    return services.queries


def figures(row):
    return tuple(row[f] for f in FIELDS)


@pytest.mark.parametrize("as_at, expected", [
    # Nothing agreed yet.
    (date(2024, 1, 9), (0, 0, 0, 0, 0, 0, 0, None, None)),
    # Five agreed, one withdrawn on 1 March; A3's target is 31 March, not yet before the as-at date.
    (date(2024, 3, 31), (5, 4, 0, 0, 0, 1, 0, 0.0, 0.0)),
    # A3 now overdue; A1 signed off on 20 May; A2 in progress since 15 April: 1 of 4 complete.
    (date(2024, 6, 30), (5, 2, 1, 0, 1, 1, 1, 25.0, 25.0)),
    # Year end 2024-25: R3/A1 agreed and signed off, R2/A1 completed; A2 (target 30/09/2024) and A3 overdue.
    (date(2025, 3, 31), (6, 1, 1, 1, 2, 1, 2, 60.0, 40.0)),
])
def test_status_as_at_past_dates_matches_the_hand_worked_figures(imported, as_at, expected):
    assert figures(imported.status(as_at=as_at)["totals"]) == expected


def test_by_agency_at_the_year_end_matches_the_hand_worked_figures(imported):
    rows = {r["key"]: figures(r) for r in imported.status(by="agency", as_at=date(2025, 3, 31))["rows"]}

    assert rows == {
        "Acute Trust": (2, 0, 1, 0, 1, 0, 1, 50.0, 50.0),
        "Children's Social Care": (1, 1, 0, 0, 0, 0, 1, 0.0, 0.0),
        "Education": (2, 0, 0, 1, 0, 1, 0, 100.0, 0.0),
        "Police": (1, 0, 0, 0, 1, 0, 0, 100.0, 100.0),
    }
