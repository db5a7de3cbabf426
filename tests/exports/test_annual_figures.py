"""Annual-report figures are pure functions of hand-made rows: print-ready frame, words beside colours, empty states."""
from __future__ import annotations

from datetime import date

import pytest

from monitoring.reports import figures as af
from monitoring.reports.annual_report import gather
from tests.exports.fakes import BOARD, FakeQueries, sample_queries

CTX = af.FigureContext(as_at=date(2025, 3, 31), year=2024, board=BOARD, generated_on=date(2026, 11, 22))


@pytest.fixture(scope="module")
def report():
    return gather(sample_queries(), 2024, board=BOARD, today=date(2026, 11, 22))


@pytest.fixture(scope="module")
def empty_report():
    return gather(FakeQueries([], []), 2010, board=BOARD, today=date(2026, 11, 22))


def _texts(fig) -> str:
    layout = fig.layout
    return " ".join([layout.title.text or "", layout.title.subtitle.text or ""] + [a.text or "" for a in layout.annotations])


def status(key, **counts):
    row = {"key": key, "total": 0, "not_started": 0, "in_progress": 0, "completed": 0, "signed_off": 0, "withdrawn": 0,
           "overdue": 0, "percent_complete": None, "percent_signed_off": None}
    row.update(counts)
    row["total"] = sum(row[s] for s in ("not_started", "in_progress", "completed", "signed_off", "withdrawn"))
    return row


@pytest.mark.parametrize("spec", af.FIGURES, ids=lambda s: s.id)
def test_every_figure_prints_title_board_as_at_and_source(spec, report):
    fig = spec.figure(report)
    text = _texts(fig)
    assert spec.title in fig.layout.title.text
    assert BOARD in fig.layout.title.subtitle.text and "31 March 2025" in fig.layout.title.subtitle.text
    assert "reporting year 2024-25" in fig.layout.title.subtitle.text
    assert "Source: scr-monitor" in text and "produced 22 November 2026" in text


@pytest.mark.parametrize("spec", af.FIGURES, ids=lambda s: s.id)
def test_every_figure_is_sized_for_a4_and_readable(spec, report):
    fig = spec.figure(report)
    assert fig.layout.width == 800  # 2,400 px at scale 3: 300 dpi across A4's text width
    assert 300 <= fig.layout.height <= 1100
    assert fig.layout.font.size >= 12


@pytest.mark.parametrize("spec", af.FIGURES, ids=lambda s: s.id)
def test_a_year_with_no_data_gives_an_empty_state_that_says_so(spec, empty_report):
    fig = spec.figure(empty_report)
    assert not fig.data
    assert "No " in _texts(fig) and "Source:" in _texts(fig)
    assert spec.alt_text(empty_report).startswith("No ")


def test_rag_bands_carry_their_word_and_a_distinct_pattern():
    fig = af.completion_by_agency([status("Police", not_started=2, in_progress=3, completed=1, signed_off=4, withdrawn=1, overdue=2,
                                          percent_complete=50.0)], CTX)
    names = [t.name for t in fig.data]
    assert names == ["Overdue (Red)", "On track (Amber)", "Completed, awaiting sign-off (Green)", "Signed off (Blue)", "Withdrawn (Grey)"]
    assert len({t.marker.pattern.shape for t in fig.data}) == 5
    assert [t.x[0] for t in fig.data] == [2, 3, 1, 4, 1]  # amber = open (5) less overdue (2)
    assert fig.layout.showlegend


def test_a_board_that_renames_a_band_sees_its_own_word():
    ctx = af.FigureContext(as_at=CTX.as_at, year=2024, board=BOARD, rag_words={**af.RAG_MEANING, "Green": "On track"})
    fig = af.completion_by_agency([status("Police", completed=1, percent_complete=100.0)], ctx)
    assert fig.data[0].name == "On track (Green)"


def test_completion_labels_each_bar_with_its_percentage_complete():
    rows = [status("Education", signed_off=1, in_progress=3, percent_complete=25.0), status("Police", signed_off=4, percent_complete=100.0)]
    labels = {a.y: a.text for a in af.completion_by_agency(rows, CTX).layout.annotations if a.y in ("Education", "Police")}
    assert labels == {"Education": "25.0% complete", "Police": "100.0% complete"}


def test_completion_by_review_shows_review_titles_not_codes():
    rows = [{**status("child-r-2019", signed_off=1, percent_complete=100.0), "title": "Child R (2019)"}]
    assert list(af.completion_by_review(rows, CTX).data[0].y) == ["Child R (2019)"]


def test_overdue_actions_are_banded_by_how_long_they_are_overdue():
    rows = [{"agency": "Police", "days_overdue": d} for d in (1, 30, 31, 200)] + [{"agency": "Education", "days_overdue": 95}]
    fig = af.overdue_at_year_end(rows, CTX)
    counts = {t.name: dict(zip(t.y, t.x)) for t in fig.data}
    assert counts["Overdue 1 to 30 days"] == {"Education": 0, "Police": 2}
    assert counts["Overdue 31 to 90 days"]["Police"] == 1
    assert counts["Overdue 91 to 180 days"]["Education"] == 1
    assert counts["Overdue over 180 days"]["Police"] == 1
    assert "5 actions were overdue" in af.describe_overdue(rows, CTX)


def test_time_to_complete_draws_agencies_and_names_the_all_agencies_median():
    rows = [{"agency": "Police", "completed": 4, "median_days": 80.0, "mean_days": 90.0, "p90_days": 150.0},
            {"agency": "Education", "completed": 0, "median_days": None, "mean_days": None, "p90_days": None},
            {"agency": af.ALL_AGENCIES, "completed": 4, "median_days": 80.0, "mean_days": 90.0, "p90_days": 150.0}]
    fig = af.time_to_complete(rows, CTX)
    assert list(fig.data[0].y) == ["Police"]
    assert any("All agencies: median 80 days" in (t.name or "") for t in fig.data)
    assert "Police (80 days)" in af.describe_time_to_complete(rows, CTX)


def test_monthly_trend_puts_percent_complete_above_every_month():
    rows = [{"month_end": date(2024, m, 30), **status("x", signed_off=m, in_progress=10 - m, percent_complete=10.0 * m)} for m in (4, 5, 6)]
    fig = af.monthly_trend(rows, CTX)
    assert [a.text for a in fig.layout.annotations if a.x and "<br>" in str(a.x)] == ["40.0%", "50.0%", "60.0%"]
    assert "from 40.0% to 60.0%" in af.describe_trend(rows, CTX)


def test_recommendations_are_stacked_by_implementation_with_words():
    rows = [{"review_code": "child-r-2019", "review_title": "Child R (2019)", "implementation": s}
            for s in ("implemented", "implemented", "not started", "closed")]
    fig = af.recommendations_implemented(rows, CTX)
    assert {t.name: t.x[0] for t in fig.data} == {"Closed by the board": 1, "Implemented (all actions signed off)": 2, "Not started": 1}
    assert any(a.text == "3 of 4 done" for a in fig.layout.annotations)


def test_alt_text_gives_the_numbers_a_sighted_reader_sees(report):
    text = af.figure_by_id("completion-by-agency").alt_text(report)
    assert "7 actions by agency" in text and "33.3% complete overall" in text and "1 overdue" in text
    assert "Police" in text


def test_the_year_in_progress_says_year_to_date():
    ctx = af.FigureContext(as_at=date(2026, 11, 22), year=2026, board=None)
    fig = af.completion_by_agency([status("Police", completed=1, percent_complete=100.0)], ctx)
    assert "All boards" in fig.layout.title.subtitle.text and "(year to date)" in fig.layout.title.subtitle.text


def test_registry_columns_exist_in_the_rows_they_describe(report):
    for spec in (*af.FIGURES, *af.TABLES):
        rows = spec.table(report)
        assert rows, spec.id
        missing = {c.key for c in spec.columns} - set(rows[0])
        assert not missing, (spec.id, missing)
    assert len({s.id for s in (*af.FIGURES, *af.TABLES)}) == len(af.FIGURES) + len(af.TABLES)
