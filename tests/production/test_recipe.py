"""The production recipe, tested as the README tells an operator to run it, at a small bounded size.

A throwaway PostgreSQL cluster gets its database and role from deploy/postgres.sql; the demo is loaded; the
three processes start from deploy/Procfile's lines (gunicorn with two workers, the follower, the scheduler
with every job on a seconds schedule and a real SMTP server). Readers open pages and agency leads report
progress over HTTP while a gunicorn worker, the follower and the scheduler (as soon as it has sent a notice)
are killed with SIGKILL and the last two restarted. Then: every acknowledged write is stored exactly once,
the read models equal a rebuild, every notice was delivered once (one cut off after the server accepted
it may arrive once more, with the same Message-ID), and no log holds a traceback.
"""
from __future__ import annotations

import collections
import subprocess
import threading
import time
from datetime import date, datetime

import pytest
import requests

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from monitoring.scheduler.outbox import Outbox, notices
from projections import schema
from tests.production.cluster import Cluster
from tests.production.service import (
    BIN, Browser, Process, environment, free_port, make_database, open_page, report_progress, wait_until_healthy,
)
from tests.scheduler.conftest import SmtpServer

pytestmark = pytest.mark.postgres

LOAD_SECONDS = 15
WRITERS, READERS = 2, 3
EVERY_FEW_SECONDS = {f"SCR_MONITOR_SCHEDULE_{job}": "*/4 * * * * *" for job in ("REMINDERS", "OVERDUE", "CLOCKS", "DIGEST")}
SCHEDULE = {**EVERY_FEW_SECONDS, "SCR_MONITOR_SCHEDULE_SEND": "*/2 * * * * *", "SCR_MONITOR_SCHEDULE_SNAPSHOT": "off"}
RECOMMENDATION = "child-r-2019/R5"  # a Northshire recommendation with a Police action in the demo


class Load:
    """Readers and writers on threads until `stop`; what each write's answer said is kept."""

    def __init__(self, base: str, references: list[str]) -> None:
        self.base, self.references = base, references
        self.stop = threading.Event()
        self.acknowledged: list[str] = []
        self.unanswered: list[str] = []
        self.reads = collections.Counter()
        self.lock = threading.Lock()

    def writer(self, number: int) -> None:
        browser = Browser(self.base, timeout=20)
        browser.sign_in("police.lead")
        dependencies = browser.dependencies()
        count = 0
        while not self.stop.is_set():
            count += 1
            note = f"recipe writer {number} note {count}"
            try:
                code, body = report_progress(browser, dependencies, self.references[number], note, date.today().isoformat())
            except requests.RequestException:
                code, body = 0, ""
            with self.lock:
                (self.acknowledged if code == 200 and "is now" in body else self.unanswered).append(note)

    def reader(self) -> None:
        browser = Browser(self.base, timeout=20)
        browser.sign_in("annual.report")
        dependencies = browser.dependencies()
        while not self.stop.is_set():
            try:
                code, _ = open_page(browser, dependencies, "/")
            except requests.RequestException:
                code = 0
            with self.lock:
                self.reads[code] += 1

    def run(self, chaos) -> None:
        threads = [threading.Thread(target=self.writer, args=(n,)) for n in range(WRITERS)]
        threads += [threading.Thread(target=self.reader) for _ in range(READERS)]
        for thread in threads:
            thread.start()
        try:
            chaos()
        finally:
            self.stop.set()
            for thread in threads:
                thread.join(timeout=60)


def _add_actions(url: str) -> list[str]:
    services = bootstrap(Settings(db_url=url, local_user="business.manager"))
    try:
        made = [services.app.add_action(RECOMMENDATION, "Police", f"Recipe test action {n}", date(2027, 3, 31), actor="business.manager")
                for n in range(WRITERS)]
        services.catch_up()
        return [services.queries.action(str(action.id))["reference"] for action in made]
    finally:
        services.close()


def _notes(url: str, references: list[str]) -> collections.Counter:
    services = bootstrap(Settings(db_url=url, local_user="business.manager"))
    try:
        return collections.Counter(getattr(e, "note", None) for ref in references for e in services.app.events_of(ref))
    finally:
        services.close()


def _view_tables(url: str) -> dict[str, list]:
    services = bootstrap(Settings(db_url=url, local_user="business.manager"))
    try:
        with services.engine.connect() as connection:
            return {t.name: sorted(map(repr, connection.execute(t.select()).all())) for t in schema.VIEW_TABLES}
    finally:
        services.close()


def _outbox(url: str) -> list[dict]:
    services = bootstrap(Settings(db_url=url, local_user="business.manager"))
    try:
        return Outbox(services.engine).rows()
    finally:
        services.close()


def _expire_leases(url: str) -> None:
    services = bootstrap(Settings(db_url=url, local_user="business.manager"))
    try:
        with services.engine.begin() as connection:
            connection.execute(notices.update().where(notices.c.lease_until.is_not(None), notices.c.delivered_at.is_(None))
                               .values(lease_until=datetime(2000, 1, 1)))
    finally:
        services.close()


def _wait(condition, seconds: float, what: str, detail=lambda: "") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"not within {seconds} s: {what} {detail()}")


def test_the_recipe_survives_kill_9_of_a_worker_the_follower_and_the_scheduler(tmp_path):
    cluster, smtp = Cluster(), SmtpServer()
    smtp.start()
    processes: dict[str, Process] = {}
    try:
        url = make_database("127.0.0.1", cluster.port)
        port = free_port()
        env = environment(url, port, workers=2, smtp_url=smtp.url, **SCHEDULE)
        subprocess.run([str(BIN / "scr-monitor"), "demo"], env=env, check=True, capture_output=True, timeout=180)
        references = _add_actions(url)
        processes = {name: Process(name, env, tmp_path) for name in ("web", "follower", "scheduler")}
        for process in processes.values():
            process.start()
        base = f"http://127.0.0.1:{port}"
        wait_until_healthy(base)
        load = Load(base, references)
        killed = {}

        def chaos() -> None:
            started = time.monotonic()
            time.sleep(3)
            workers = processes["web"].children()
            assert workers, processes["web"].output
            subprocess.run(["kill", "-9", str(workers[-1])], check=True)
            killed["worker"] = workers[-1]
            time.sleep(3)
            processes["follower"].kill_hard()
            time.sleep(1)
            processes["follower"].start()
            _wait(lambda: smtp.inbox.messages, 30, "the scheduler sends its first notice")
            processes["scheduler"].kill_hard()  # while it is delivering, with luck part-way through a message
            killed["scheduler_after"] = len(smtp.inbox.messages)
            time.sleep(1)
            processes["scheduler"].start()
            load.stop.wait(max(0.0, LOAD_SECONDS - (time.monotonic() - started)))

        load.run(chaos)
        _expire_leases(url)  # the killed scheduler's lease on the notice in hand runs out (after 5 minutes; here at once)
        _wait(lambda: _outbox(url) and all(row["delivered_at"] for row in _outbox(url)), 60,
              "every notice delivered", lambda: [r for r in _outbox(url) if not r["delivered_at"]][:3])
        _wait(lambda: wait_until_healthy(base)["read_models"]["lag"] == 0, 30, "the follower catches up")
        codes = {name: process.stop() for name, process in processes.items()}

        # Every acknowledged write is there once; one whose answer was lost is there at most once.
        notes = _notes(url, references)
        assert load.acknowledged, "the load made no write"
        assert all(notes[note] == 1 for note in load.acknowledged), [n for n in load.acknowledged if notes[n] != 1]
        assert all(notes[note] <= 1 for note in load.unanswered)
        assert sum(load.reads.values()) > 0 and load.reads[200] > 0, load.reads
        assert set(load.reads) <= {200, 0, 502, 503}, load.reads  # a killed worker's requests may fail; nothing else

        # The read models the follower kept, killed and restarted, equal a rebuild from the events.
        kept = _view_tables(url)
        subprocess.run([str(BIN / "scr-monitor"), "projections", "rebuild"], env=env, check=True, capture_output=True, timeout=120)
        assert _view_tables(url) == kept

        # Each notice delivered once; one accepted as the scheduler was killed may come again, same Message-ID.
        outbox = _outbox(url)
        arrived = collections.Counter(str(m["X-SCR-Monitor-Notice"]).strip() for m in smtp.inbox.messages)
        assert set(arrived) == {row["key"] for row in outbox}
        assert max(arrived.values()) <= 2 and sum(1 for c in arrived.values() if c == 2) <= 1, arrived.most_common(3)
        ids = collections.defaultdict(set)
        for message in smtp.inbox.messages:
            ids[str(message["X-SCR-Monitor-Notice"]).strip()].add(str(message["Message-ID"]))
        assert all(len(found) == 1 for found in ids.values())

        assert codes == {"web": 0, "follower": 0, "scheduler": 0}, {n: processes[n].output[-2000:] for n in codes if codes[n]}
        for name, process in processes.items():
            assert "Traceback" not in process.output, f"{name}:\n{process.output[-3000:]}"
    finally:
        for process in processes.values():
            if process.popen is not None:
                process.stop()
        smtp.stop()
        cluster.remove()
