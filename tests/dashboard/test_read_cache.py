"""Cached read answers last exactly as long as the read models stay where they are."""
from __future__ import annotations

import inspect
from datetime import date

from dashboard.read_cache import ReadCache


class Counting:
    def __init__(self):
        self.calls = 0

    def status(self, by="agency", *, board=None, as_at=None):
        self.calls += 1
        return {"by": by, "board": board, "rows": [{"key": "Police", "total": self.calls}]}

    def actions(self, *, n=10):
        self.calls += 1
        return [{"reference": f"r/R1/A{i}", "text": f"{i:06d}" * 20} for i in range(n)]

    def action(self, ref):
        self.calls += 1
        return {"reference": ref}


def cache(queries, position):
    return ReadCache(queries, lambda: position[0], lambda: date(2026, 11, 22))


def test_the_same_question_is_answered_once_while_the_position_holds():
    queries, position = Counting(), [7]
    reads = cache(queries, position)
    assert reads.status("agency", board="North Shire") == reads.status("agency", board="North Shire")
    assert queries.calls == 1
    reads.status("review", board="North Shire")
    assert queries.calls == 2


def test_a_new_position_means_the_answers_are_asked_again():
    queries, position = Counting(), [7]
    reads = cache(queries, position)
    reads.status()
    position[0] = 8
    assert reads.status()["rows"][0]["total"] == 2


def test_a_caller_that_changes_its_answer_does_not_change_the_next_one():
    reads = cache(Counting(), [1])
    reads.status()["rows"].clear()
    assert reads.status()["rows"] == [{"key": "Police", "total": 1}]


def test_single_records_are_always_read_fresh():
    queries = Counting()
    reads = cache(queries, [1])
    reads.action("child-c-2014/R1/A1")
    reads.action("child-c-2014/R1/A1")
    assert queries.calls == 2


def test_the_signature_survives_so_reads_can_still_be_scoped_by_board():
    assert "board" in inspect.signature(cache(Counting(), [1]).status).parameters


def test_a_very_large_answer_is_not_kept():
    queries = Counting()
    reads = cache(queries, [1])
    reads.actions(n=10)
    reads.actions(n=10)
    assert queries.calls == 1
    reads.actions(n=50_000)
    reads.actions(n=50_000)
    assert queries.calls == 3
