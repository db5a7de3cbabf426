"""Figures are pure functions from query rows to go.Figure: the bands, their words and the text alternative."""
from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from dashboard import figures
from monitoring.reports.figures import drawn
from domain.statuses import RAG_COLOURS

AS_AT = date(2025, 3, 31)


def row(key, *, not_started=0, in_progress=0, completed=0, signed_off=0, withdrawn=0, overdue=0, percent_complete=None):
    total = not_started + in_progress + completed + signed_off + withdrawn
    return {"key": key, "total": total, "not_started": not_started, "in_progress": in_progress, "completed": completed,
            "signed_off": signed_off, "withdrawn": withdrawn, "overdue": overdue, "percent_complete": percent_complete,
            "percent_signed_off": None}


ROWS = [
    row("Police", not_started=1, in_progress=3, completed=2, signed_off=3, withdrawn=1, overdue=2, percent_complete=55.6),
    row("Education", in_progress=1, signed_off=1, percent_complete=50.0),
]


def trace(figure: go.Figure, band: str) -> go.Bar:
    return next(t for t in figure.data if t.name.endswith(f"({band})"))


def test_rag_counts_split_open_actions_into_overdue_and_on_track():
    assert figures.rag_counts(ROWS[0]) == {"Red": 2, "Amber": 2, "Green": 2, "Blue": 3, "Grey": 1}


def test_completion_by_agency_stacks_one_bar_per_band_with_counts_per_agency():
    figure = figures.completion_by_agency(ROWS, AS_AT, "North Shire")
    assert figure.layout.barmode == "stack"
    assert [t.name for t in figure.data] == ["Overdue (Red)", "On track (Amber)", "Completed, awaiting sign-off (Green)",
                                             "Signed off (Blue)", "Withdrawn (Grey)"]
    assert list(trace(figure, "Red").y) == ["Police", "Education"]
    assert list(trace(figure, "Red").x) == [2, 0]
    assert list(trace(figure, "Blue").x) == [3, 1]
    assert "North Shire" in figure.layout.title.text and "31 March 2025" in figure.layout.title.text


def test_every_segment_carries_its_word_and_the_accessible_colour():
    figure = figures.completion_by_agency(ROWS, AS_AT)
    red = trace(figure, "Red")
    assert list(red.text) == ["Overdue: 2", ""]
    assert red.marker.color == RAG_COLOURS["Red"]
    assert red.marker.pattern.shape  # a second channel besides colour
    assert trace(figure, "Amber").textfont.color == "#1a1a1a"  # dark text on amber for contrast


def test_a_boards_own_words_replace_the_defaults():
    figure = figures.completion_by_agency(ROWS, AS_AT, rag_words={"Green": "Done, to assure"})
    green = trace(figure, "Green")
    assert green.name == "Done, to assure (Green)"
    assert list(green.text) == ["Done, to assure: 2", ""]


def test_bands_with_no_actions_are_left_out_of_the_legend():
    figure = figures.completion_by_agency([row("Education", signed_off=2)], AS_AT)
    assert [t.name for t in figure.data] == ["Signed off (Blue)"]


def test_progress_by_review_notes_each_reviews_percent_complete():
    figure = figures.progress_by_review([row("child-c-2014", completed=1, in_progress=1, percent_complete=50.0),
                                         row("baby-m-2020", in_progress=2, percent_complete=0.0)], AS_AT)
    notes = {a.y: a.text for a in figure.layout.annotations}
    assert notes == {"child-c-2014": " 50.0% complete", "baby-m-2020": " 0.0% complete"}
    assert list(trace(figure, "Amber").y) == ["child-c-2014", "baby-m-2020"]


def test_no_rows_draw_an_empty_chart_and_say_so():
    assert figures.completion_by_agency([], AS_AT).data == ()
    assert figures.describe_rag_stacked([], "agency", AS_AT) == "No actions to show by agency as at 31 March 2025."


def test_the_text_alternative_counts_every_band_and_names_the_most_overdue():
    sentence = figures.describe_rag_stacked(ROWS, "agency", AS_AT)
    assert sentence == ("12 actions across 2 agencies as at 31 March 2025: 2 overdue (Red), 3 on track (Amber), "
                        "2 completed, awaiting sign-off (Green), 4 signed off (Blue), 1 withdrawn (Grey). "
                        "Most overdue: Police with 2.")


def test_figures_accept_iso_strings_for_the_as_at_date():
    assert "1 April 2024" in figures.completion_by_agency(ROWS, "2024-04-01").layout.title.text


def test_a_page_gets_the_figure_drawn_once_for_the_same_rows_and_drawn_again_for_others():
    first = drawn.figure(figures.completion_by_agency, ROWS, AS_AT, "North Shire")
    assert first == figures.completion_by_agency(ROWS, AS_AT, "North Shire").to_plotly_json()
    assert drawn.figure(figures.completion_by_agency, [dict(r) for r in ROWS], AS_AT, "North Shire") is first
    other = drawn.figure(figures.completion_by_agency, ROWS[:1], AS_AT, "North Shire")
    titled = drawn.figure(figures.progress_by_review, ROWS, AS_AT, "North Shire", title="The ten most overdue")
    assert other is not first and other != first
    assert titled["layout"]["title"]["text"] == "The ten most overdue"
