"""Kept pages: served while their position is current, or within the lag of a change by someone else; never to
the person who changed something after the page was drawn."""
from __future__ import annotations

import pytest

from dashboard.page_cache import PageCache
from domain.errors import DomainError
from monitoring.config import Settings

KEY = ("chair", (), ("/review/child-c-2014", ""), "2026-11-22")


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def drawn_at(position: int, clock: Clock, lag: float = 2.0) -> PageCache:
    pages = PageCache(lag=lag, now=clock)
    assert pages.current(KEY, position, clock()) is None
    pages.keep(KEY, position, b"page at %d" % position)
    return pages


def test_a_page_is_served_while_the_read_models_stay_where_it_was_drawn_however_long():
    clock = Clock()
    pages = drawn_at(7, clock)
    clock.now += 3600
    assert pages.recent(KEY, seen_from=0.0) is None  # too old to serve without asking
    assert pages.current(KEY, 7, clock()) == b"page at 7"  # asked: still current


def test_after_someone_elses_change_the_page_is_served_within_the_lag_and_not_after():
    clock = Clock()
    pages = drawn_at(7, clock)
    clock.now += 1.5
    assert pages.recent(KEY, seen_from=0.0) == b"page at 7"
    clock.now += 1.0
    assert pages.recent(KEY, seen_from=0.0) is None
    assert pages.current(KEY, 8, clock()) is None  # moved on: drawn afresh


def test_the_person_who_saved_after_the_page_was_drawn_is_not_shown_it():
    clock = Clock()
    pages = drawn_at(7, clock)
    clock.now += 0.5
    assert pages.recent(KEY, seen_from=clock.now - 0.1) is None
    assert pages.recent(KEY, seen_from=clock.now - 0.6) == b"page at 7"  # saved before it was drawn


def test_with_no_lag_a_page_is_served_only_while_its_position_is_current():
    clock = Clock()
    pages = drawn_at(7, clock, lag=0.0)
    assert pages.recent(KEY, seen_from=0.0) is None
    assert pages.current(KEY, 8, clock()) is None
    pages.keep(KEY, 8, b"page at 8")
    assert pages.current(KEY, 8, clock()) == b"page at 8"


def test_the_lag_is_read_from_the_environment_and_a_wrong_one_is_named():
    assert Settings.from_env(environ={}).page_lag_seconds == 2.0
    assert Settings.from_env(environ={"SCR_MONITOR_PAGE_LAG_SECONDS": "0"}).page_lag_seconds == 0.0
    for wrong in ("soon", "-1", "61", "nan"):
        with pytest.raises(DomainError, match="SCR_MONITOR_PAGE_LAG_SECONDS"):
            Settings.from_env(environ={"SCR_MONITOR_PAGE_LAG_SECONDS": wrong})


def test_pages_kept_are_bounded_in_number_and_in_bytes():
    clock = Clock()
    pages = PageCache(lag=2.0, size=3, most_bytes=1000, now=clock)
    for n in range(5):
        pages.current(("p", n), 7, clock())
        pages.keep(("p", n), 7, b"x" * 100)
    assert [pages.current(("p", n), 7, clock()) is not None for n in range(5)] == [False, False, True, True, True]
    pages.keep(("big", 0), 7, b"x" * 900)
    assert pages.current(("big", 0), 7, clock()) is not None
    assert [pages.current(("p", n), 7, clock()) is not None for n in range(5)] == [False, False, False, False, True]  # 900 + 100


def test_a_hand_made_address_of_megabytes_is_drawn_but_never_kept():
    from flask import Flask, request

    from dashboard.page_cache import _kept_page

    def asked(search: str):
        body = {"output": ".._pages_content.children..._pages_store.data..",
                "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/themes"},
                           {"id": "_pages_location", "property": "search", "value": search}]}
        with Flask(__name__).test_request_context("/_dash-update-component", method="POST", json=body):
            return _kept_page(request)

    assert asked("?board=North") == ("/themes", "?board=North")
    assert asked("?board=" + "x" * 1_000_000) is None
