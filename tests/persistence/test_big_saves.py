"""Saves that finish: one big save completes on both stores, stays all-or-nothing, and holds PostgreSQL's lock only while it inserts.

On the library's own PostgreSQL recorder the save of 30,000 such events below never finished (psycopg
pipeline mode, psycopg issue 685; seen here: still waiting after 120 s); the test runs into its timeout there.
"""
from __future__ import annotations

from datetime import date

import pytest

from domain.board import Board
from domain.errors import Conflict
from monitoring.storage.postgres_saves import BIG_SAVE_EVENTS, BoundedPostgresRecorder
from tests.conftest import TODAY, events_in

ON = date(2024, 4, 1)
BIG = 30_000


def stored(app) -> int:
    """Events in the store, counted (a rolled-back save leaves a gap in PostgreSQL's notification ids, not rows)."""
    return len(app.recorder.select_notifications(start=1, limit=10**6))


AGENCIES = [f"Agency {k} of a long partnership name" for k in range(12)]  # ~500-byte events, as an import's are


def boards(count: int, start: int = 0) -> list[Board]:
    return [Board.register(name=f"Board {n}", agencies=AGENCIES, actor="bench", on=ON, today=TODAY)
            for n in range(start, start + count)]


@pytest.mark.timeout(180)
def test_a_save_of_thirty_thousand_events_completes_in_order(durable_url, make_services):
    app = make_services(durable_url).app
    recorded = app.save(*boards(BIG))
    assert [r.notification.id for r in recorded] == list(range(1, BIG + 1))
    assert events_in(durable_url) == BIG


@pytest.mark.timeout(120)
def test_a_failure_in_a_late_chunk_leaves_no_event_of_that_save(durable_url, make_services):
    app = make_services(durable_url).app
    app.save(*boards(1, start=3 * BIG_SAVE_EVENTS - 1))  # this board's event will collide with the big save's last
    with pytest.raises(Conflict):  # the store refuses the colliding event; the application says so
        app.save(*boards(3 * BIG_SAVE_EVENTS))
    assert stored(app) == 1
    app.save(*boards(10, start=10 * BIG_SAVE_EVENTS))  # the store goes on: nothing was left locked or half-written
    assert stored(app) == 11


@pytest.mark.timeout(120)
def test_postgres_is_configured_with_the_bounded_recorder_and_reports_its_lock_time(pg_url, make_services):
    app = make_services(pg_url).app
    assert isinstance(app.recorder, BoundedPostgresRecorder)
    app.save(*boards(5_000))
    assert 0 < app.recorder.last_lock_seconds < 30
    assert stored(app) == 5_000
    app.save(*boards(3, start=5_000))  # a small save takes the library's own path, after the big one
    assert [n.id for n in app.recorder.select_notifications(start=4_999, limit=10)] == [4_999, 5_000, 5_001, 5_002, 5_003]


@pytest.mark.timeout(60)
def test_a_save_with_nothing_in_it_writes_nothing(pg_url, make_services):
    app = make_services(pg_url).app
    app.recorder.big_save_events = 0  # even an empty save on the streamed path
    assert app.recorder.insert_events([]) == []
    assert stored(app) == 0


@pytest.mark.timeout(120)
def test_a_follower_listening_on_postgres_is_told_of_a_big_save(pg_url, make_services):
    app = make_services(pg_url).app
    with app.recorder.subscribe(gt=0) as subscription:
        app.save(*boards(BIG_SAVE_EVENTS + 500))
        seen = []
        for notification in subscription:
            seen.append(notification.id)
            if len(seen) == BIG_SAVE_EVENTS + 500:
                break
    assert seen == list(range(1, BIG_SAVE_EVENTS + 501))
