"""The one input policy (domain.text), and every aggregate's text fields held to it at the command guard."""
from __future__ import annotations

import time
from datetime import date
from types import SimpleNamespace

import pytest

from domain.action import Action
from domain.board import Board
from domain.errors import DomainError
from domain.recommendation import Recommendation
from domain.review import Review
from domain.statuses import RED
from domain.text import KINDS, LINE, NAME, NOTE, TEXT, checked, for_read_model, without_controls
from domain.user import User
from projections.rows import readable

TODAY = date(2026, 11, 22)
ON = date(2024, 1, 10)


def refusal(change) -> DomainError:
    with pytest.raises(DomainError) as caught:
        change()
    return caught.value


# --- domain.text on its own -----------------------------------------------------------------------

def test_a_nul_is_refused_with_the_field_named_and_the_character_described():
    error = refusal(lambda: checked("evidence", "audit\x00report", NOTE))
    assert error.field == "evidence"
    assert "control character (NUL)" in error.reason


@pytest.mark.parametrize("char", ["\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\ufffe"])
def test_every_other_control_character_is_refused_in_every_kind(char):
    for kind in KINDS:
        assert refusal(lambda: checked("note", f"a{char}b", kind)).field == "note"


def test_an_undecodable_byte_from_a_terminal_is_refused_as_not_text():
    assert "not valid text" in refusal(lambda: checked("text", "caf\udce9", LINE)).reason


def test_tabs_and_line_breaks_are_kept_in_multi_line_fields():
    assert checked("note", "first line\r\n\tsecond", NOTE) == "first line\r\n\tsecond"
    assert checked("text", "1. Audit\n2. Train", TEXT) == "1. Audit\n2. Train"


@pytest.mark.parametrize("value", ["Police\nCID", "Police\tCID", "Police\u2028CID"])
def test_one_line_fields_refuse_tabs_and_line_breaks(value):
    assert "one line" in refusal(lambda: checked("agency", value, NAME)).reason


def test_a_trailing_line_break_on_a_one_line_field_is_not_a_second_line():
    assert checked("agency", "Police\n", NAME) == "Police\n"


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_takes_its_limit_and_refuses_one_more(kind):
    assert checked("field", "x" * kind.max_length, kind) == "x" * kind.max_length
    reason = refusal(lambda: checked("field", "x" * (kind.max_length + 1), kind)).reason
    assert f"the limit is {kind.max_length:,}" in reason


def test_limits_run_from_names_to_notes():
    assert NAME.max_length < LINE.max_length < TEXT.max_length < NOTE.max_length


def test_a_required_blank_is_refused_and_an_optional_none_passes():
    assert "required" in refusal(lambda: checked("reason", "   ", NOTE, required=True)).reason
    assert "required" in refusal(lambda: checked("reason", None, NOTE, required=True)).reason
    assert checked("impact", None, NOTE) is None


def test_a_value_that_is_not_text_is_refused():
    assert refusal(lambda: checked("title", 42, NAME)).reason == "must be text"


def test_a_ten_megabyte_note_is_refused_at_once():
    started = time.perf_counter()
    error = refusal(lambda: checked("note", "x" * 10_000_000, NOTE))
    assert "10,000,000 characters" in error.reason
    assert time.perf_counter() - started < 1


def test_a_spreadsheet_cell_loses_its_stray_controls_and_says_so():
    assert without_controls("Audit\x00 report\x0b done", NOTE) == ("Audit report done", True)
    assert without_controls("Police\nCID", NAME) == ("Police CID", True)
    assert without_controls("clean\nnote", NOTE) == ("clean\nnote", False)


def test_the_read_models_get_text_they_can_hold_and_other_values_unchanged():
    assert for_read_model("a\x00b") == "a\ufffdb"
    assert for_read_model("caf\udce9") == "caf\ufffd"
    assert for_read_model("tab\tand\nbreak") == "tab\tand\nbreak"
    assert for_read_model(7) == 7 and for_read_model(None) is None


def test_the_read_models_get_lists_and_dicts_cleaned_and_clean_ones_back_unchanged():
    agencies = ["Police", "Health\x00"]
    assert for_read_model(agencies) == ["Police", "Health\ufffd"] and agencies[1] == "Health\x00"
    assert for_read_model({"Police": "lead\x00@x.org"}) == {"Police": "lead\ufffd@x.org"}
    clean = {"Police": ["a", "b"]}
    assert for_read_model(clean) is clean


def test_an_event_is_cleaned_for_the_read_models_as_a_copy_and_a_clean_one_is_passed_through():
    action = agreed()
    action._progress_reported(note="Half\x00done", actor="m", on=LATER)  # past the guard, as an old event would be
    stored = action.pending_events[-1]
    cleaned = readable(stored)
    assert cleaned.note == "Half\ufffddone" and stored.note == "Half\x00done"
    assert readable(action.pending_events[0]) is action.pending_events[0]


# --- every aggregate's text, at its guard (every door: CLI, page, import, API) -------------------

def agreed(**changes) -> Action:
    under = SimpleNamespace(board="North Shire", review_id=None, review_code="child-c-2014", id=None, number=3)
    values = dict(recommendation=under, number=2, agency="Police", text="Train officers.",
                  target_date=date(2024, 6, 30), actor="m", on=ON, today=TODAY)
    return Action.agree(**{**values, **changes})


NUL = "bad\x00text"
LATER = date(2024, 2, 1)

ACTION_GUARDS = {
    "agency": lambda: agreed(agency=NUL),
    "text": lambda: agreed(text=NUL),
    "lead": lambda: agreed(lead=NUL),
    "measure": lambda: agreed(measure=NUL),
    "contact": lambda: agreed(contact=NUL),
    "note": lambda: agreed().report_progress(note=NUL, actor="m", on=LATER, today=TODAY),
    "evidence": lambda: agreed().complete(evidence=NUL, actor="m", on=LATER, today=TODAY),
    "reason": lambda: agreed().withdraw(reason=NUL, actor="m", on=LATER, today=TODAY),
    "reschedule reason": lambda: agreed().reschedule(target_date=date(2024, 9, 1), reason=NUL, actor="m", on=LATER, today=TODAY),
}


@pytest.mark.parametrize("field", ACTION_GUARDS)
def test_an_action_refuses_a_nul_in_each_text_naming_the_option(field):
    assert refusal(ACTION_GUARDS[field]).field == field.split()[-1]


def test_sign_off_refusal_and_reopening_hold_their_text_to_the_policy():
    action = agreed()
    action.complete(evidence="Register", actor="m", on=LATER, today=TODAY)
    assert refusal(lambda: action.sign_off(impact=NUL, actor="m", on=LATER, today=TODAY)).field == "impact"
    assert refusal(lambda: action.refuse_sign_off(reason=NUL, actor="m", on=LATER, today=TODAY)).field == "reason"
    action.sign_off(impact="Fewer late referrals.", actor="m", on=LATER, today=TODAY)
    assert refusal(lambda: action.reopen(reason=NUL, actor="m", on=LATER, today=TODAY)).field == "reason"


def test_an_over_long_progress_note_is_refused_and_nothing_is_recorded():
    action = agreed()
    before = len(action.pending_events)
    error = refusal(lambda: action.report_progress(note="x" * (NOTE.max_length + 1), actor="m", on=LATER, today=TODAY))
    assert error.field == "note" and len(action.pending_events) == before


def test_a_multi_line_progress_note_is_stored_as_typed():
    action = agreed()
    action.report_progress(note="Audit done.\n\tTraining booked.", actor="m", on=LATER, today=TODAY)
    assert action.pending_events[-1].note == "Audit done.\n\tTraining booked."


def test_a_board_refuses_control_characters_in_its_name_agencies_and_band_words():
    assert refusal(lambda: Board.register(name=NUL, agencies=[], actor="m", on=ON, today=TODAY)).field == "board"
    assert refusal(lambda: Board.register(name="North", agencies=["Police", NUL], actor="m", on=ON, today=TODAY)).field == "agency"
    board = Board.register(name="North", agencies=["Police"], actor="m", on=ON, today=TODAY)
    assert refusal(lambda: board.add_agency(agency="Health\nTrust", actor="m", on=ON, today=TODAY)).field == "agency"
    assert refusal(lambda: board.rename_rag_band(band=RED, word=NUL, actor="m", on=ON, today=TODAY)).field == "word"
    assert refusal(lambda: board.set_chair_contact(email="chair\x00@x.org", actor="m", on=ON, today=TODAY)).field == "chair contact"


def test_a_review_refuses_control_characters_in_its_title_code_themes_and_stage_note():
    def commission(**changes):
        values = dict(board="North", code="child-c", title="Child C", review_type="lcspr", actor="m", on=ON, today=TODAY)
        return Review.commission(**{**values, **changes})

    assert refusal(lambda: commission(title=NUL)).field == "title"
    assert refusal(lambda: commission(code="child\x00c")).field == "code"
    assert refusal(lambda: commission(themes=["neglect", NUL])).field == "themes"
    review = commission()
    assert refusal(lambda: review.move_to_stage(stage="draft", note=NUL, actor="m", on=ON, today=TODAY)).field == "note"


def test_a_recommendation_refuses_control_characters_in_its_text_agencies_themes_and_reasons():
    def make(**changes):
        values = dict(review=SimpleNamespace(board="North", id=None, code="child-c"), number=1, text="Share information.",
                      agencies=[], priority=False, actor="m", on=ON, today=TODAY)
        return Recommendation.make(**{**values, **changes})

    assert refusal(lambda: make(text=NUL)).field == "text"
    assert refusal(lambda: make(agencies=[NUL])).field == "agency"
    assert refusal(lambda: make(themes=[NUL])).field == "themes"
    assert refusal(lambda: make().reject(reason=NUL, actor="m", on=ON, today=TODAY)).field == "reason"
    assert refusal(lambda: make().supersede(reason=NUL, actor="m", on=ON, today=TODAY)).field == "reason"


def test_a_user_refuses_a_control_character_in_the_email():
    assert refusal(lambda: User.add(username="police.lead", email="lead\x00@x.org", actor="m")).field == "email"


def test_a_notice_refuses_a_control_character_in_its_subject():
    action = agreed()
    error = refusal(lambda: action.record_notice(kind="reminder", key="k1", recipient="a@b.org", subject=NUL, on=ON))
    assert error.field == "subject"
