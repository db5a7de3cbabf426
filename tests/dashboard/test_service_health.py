"""The load balancer's /healthz, pages during a database outage, and crafted callback requests: a readable
answer each time, and no traceback in the log for a fault we expect."""
from __future__ import annotations

import io
import logging
import sys
import time

import psycopg
import pytest
from sqlalchemy.exc import OperationalError

from dashboard import app as app_module
from dashboard.app import create_app
from dashboard.service_health import Outage
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from projections import position
from tests import pg
from tests.production.cluster import Cluster
from tests.security.conftest import add_people, build_two_boards, store  # noqa: F401 - store: the fixture, by name
from tests.security.test_hand_made_requests import call, signed_in


def test_healthz_answers_without_sign_in_with_the_read_models_lag(store):
    client = create_app(store).server.test_client()
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == "answers"
    assert body["read_models"]["lag"] == 0 and body["read_models"]["head"] > 0
    assert "scr_monitor_session" not in response.headers.get("Set-Cookie", "")


def test_healthz_counts_events_the_read_models_have_not_taken_in(store):
    client = create_app(store).server.test_client()
    head = store.app.recorder.max_notification_id()
    with store.engine.begin() as connection:  # as if two events arrived that no follower has projected yet
        assert position.claim(connection, head, head - 2)
    body = client.get("/healthz").get_json()
    assert body["read_models"] == {"position": head - 2, "head": head, "lag": 2}


@pytest.mark.parametrize("where, values", [
    ("annual-year", {"annual-year.value": "not-a-year"}),
    ("overview-cards", {"overview-query.data": {"board": 5, "as_at": [1]}}),
])
def test_a_crafted_callback_state_answers_a_readable_400_and_one_log_line(store, caplog, where, values):
    client = signed_in(store, "chair")
    with caplog.at_level(logging.WARNING):
        code, body = call(client, where, values)
    assert code == 400
    assert "could not be understood" in body
    assert not [r for r in caplog.records if r.exc_info], "no traceback in the log"
    assert any("refused its input" in r.getMessage() for r in caplog.records)


@pytest.mark.postgres
def test_pages_and_healthz_answer_503_while_the_database_is_away_and_recover(caplog):
    cluster = Cluster()
    services = None
    try:
        services = bootstrap(Settings(db_url=cluster.create_database("store"), local_user="tester"))
        build_two_boards(services)
        add_people(services)
        services.catch_up()
        client = signed_in(services, "chair")
        assert client.get("/").status_code == 200
        cluster.stop()
        with caplog.at_level(logging.WARNING):
            page = client.get("/")
            health = client.get("/healthz")
        assert page.status_code == 503 and page.headers["Retry-After"]
        assert "The service is unavailable, try again shortly." in page.get_data(as_text=True)
        assert '<html lang="en-GB">' in page.get_data(as_text=True)
        assert health.status_code == 503 and health.get_json()["database"] == "does not answer"
        assert not [r for r in caplog.records if r.exc_info], "an outage is one line in the log, not a traceback"
        started = time.monotonic()
        again = client.get("/agencies")
        assert again.status_code == 503 and time.monotonic() - started < 3, "the next request does not wait for the pool"
        cluster.start()
        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 200
    finally:
        if services is not None:
            services.close()
        cluster.remove()


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_after_an_outage_requests_answer_at_once_and_the_database_is_probed_at_most_once_a_second():
    probes, clock = [], _Clock()

    def probe():
        probes.append(clock.now)
        if len(probes) < 2:
            raise OperationalError("select 1", {}, psycopg.OperationalError("Connection refused"))

    outage = Outage(probe, clock)
    assert not outage.still_away() and probes == []  # no outage: no probe, nothing in the way
    outage.began()
    assert outage.still_away() and probes == []  # within the second: no probe
    clock.now += 1.5
    assert outage.still_away() and probes == [101.5]  # probed: still away
    clock.now += 0.2
    assert outage.still_away() and probes == [101.5]
    clock.now += 1.0
    assert not outage.still_away() and probes == [101.5, 102.7]  # probed: it answers
    assert not outage.still_away() and len(probes) == 2


def test_gunicorns_entry_answers_503_and_logs_the_fix_when_the_database_does_not_exist(monkeypatch, caplog):
    missing = pg.server_url().rsplit("/", 1)[0] + "/scr_test_never_created"
    monkeypatch.setenv("SCR_MONITOR_DB", missing)
    monkeypatch.setattr(app_module, "_lazy_app", {})  # a fresh worker: nothing built yet
    statuses = []
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
               "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "QUERY_STRING": ""}
    with caplog.at_level(logging.ERROR):
        body = b"".join(app_module.server(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    assert statuses == ["503 Service Unavailable"]
    assert b"The service is unavailable, try again shortly." in body
    (message,) = [r.getMessage() for r in caplog.records]
    assert message.startswith('the dashboard cannot start yet: db: the database "scr_test_never_created" does not exist')
    assert "create it with: createdb" in message
    assert not [r for r in caplog.records if r.exc_info]
