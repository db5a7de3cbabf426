"""The service under load on the demo data, PostgreSQL and SQLite side by side: readers opening pages and agency
leads reporting progress over HTTP against `scr-monitor serve --workers N`, with the follower and the scheduler
running, all three started from deploy/Procfile as the README's recipe says.

    .venv/bin/python -m tests.benchmarks.service_load            # 20 readers, 5 writers, 4 workers, 120 s each store
    .venv/bin/python -m tests.benchmarks.service_load --small    # 3 readers, 1 writer, 2 workers, 10 s (a quick look)
    .venv/bin/python -m tests.benchmarks.service_load --think 1  # each person pauses about 1 s between requests

Without --think every simulated person sends their next request the moment the last is answered (the service
saturated: the figures then measure queueing on this machine's two cores as much as the code); with --think S
each pauses a random time averaging S seconds first (exponential), as people reading a page do.

Each store is warmed up first (15 s; 5 s small), not counted: a worker's first pages import and draw
everything once.

Prints p50/p95/max in milliseconds for page callbacks (target p95 <= 300 ms), writes (<= 400 ms) and sign-in
(< 1000 ms), with the request count and errors, for each store. Measure on an otherwise idle machine: on a
shared one the figures say more about the neighbours. Exit 1 at full size when a target is missed or any
request failed.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import requests

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from tests import pg
from tests.production.service import (
    BIN, Browser, Process, environment, free_port, open_page, report_progress, wait_until_healthy,
)

TARGETS_MS = {"page callback": 300.0, "write": 400.0, "sign-in": 1000.0}
FULL = {"readers": 20, "writers": 5, "workers": 4, "seconds": 120, "warm_up": 15}
SMALL = {"readers": 3, "writers": 1, "workers": 2, "seconds": 10, "warm_up": 5}
PAGES = ("/", "/agencies", "/themes", "/annual-report", "/review/child-r-2019", "/recommendation/child-r-2019/R5")
WRITERS = (("police.lead", "Police"), ("acute.trust.lead", "Acute Trust"))
RECOMMENDATION = "child-r-2019/R5"
SIGN_IN_EVERY = 25  # requests: each simulated person signs in again now and then (a new session)


class Timings:
    """Answers after the warm-up (each worker's first pages import and draw everything once) are counted."""

    def __init__(self, counted_from: float = 0.0) -> None:
        self.counted_from = counted_from
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.codes: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))  # failures by HTTP status (0: none)
        self.lock = threading.Lock()

    def add(self, kind: str, seconds: float, ok: bool, code: int = 0) -> None:
        if time.monotonic() < self.counted_from:
            return
        with self.lock:
            if ok:
                self.samples[kind].append(seconds * 1000)
            else:
                self.errors[kind] += 1
                self.codes[kind][code] += 1

    def row(self, kind: str) -> str:
        values = sorted(self.samples[kind])
        if not values:
            return f"  {kind:<14} no answers, {self.errors[kind]} errors"
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        verdict = "meets" if p95 <= TARGETS_MS[kind] else "MISSES"
        return (f"  {kind:<14} n={len(values):>6}  p50 {statistics.median(values):7.1f}  p95 {p95:7.1f}  max {values[-1]:7.1f} ms"
                f"  errors {self.errors[kind]:>3}{self._codes(kind)}  ({verdict} {TARGETS_MS[kind]:.0f} ms)")

    def _codes(self, kind: str) -> str:
        codes = self.codes[kind]
        return " (" + ", ".join(f"HTTP {c or 'none'}: {n}" for c, n in sorted(codes.items())) + ")" if codes else ""

    def p95(self, kind: str) -> float:
        values = sorted(self.samples[kind])
        return values[min(len(values) - 1, int(0.95 * len(values)))] if values else float("inf")


def _signed_in(base: str, username: str, timings: Timings) -> tuple[Browser, list]:
    browser = Browser(base, timeout=30)
    try:
        timings.add("sign-in", browser.sign_in(username), True)
    except (requests.RequestException, AssertionError):
        timings.add("sign-in", 0, False)
        raise
    return browser, browser.dependencies()


def pause(stop: threading.Event, pick: random.Random, think: float) -> None:
    """A person reading what they were shown before the next request (none when `think` is 0)."""
    if think:
        stop.wait(pick.expovariate(1 / think))


def reader(base: str, stop: threading.Event, timings: Timings, seed: int, think: float = 0.0) -> None:
    pick = random.Random(seed)
    while not stop.is_set():
        try:
            browser, dependencies = _signed_in(base, "annual.report", timings)
        except (requests.RequestException, AssertionError):
            continue
        for _ in range(SIGN_IN_EVERY):
            pause(stop, pick, think)
            if stop.is_set():
                return
            started = time.perf_counter()
            try:
                code, _ = open_page(browser, dependencies, pick.choice(PAGES))
            except requests.RequestException:
                code = 0
            timings.add("page callback", time.perf_counter() - started, code == 200, code)


def writer(base: str, stop: threading.Event, timings: Timings, username: str, reference: str, think: float = 0.0) -> None:
    count, pick = 0, random.Random(reference)
    while not stop.is_set():
        try:
            browser, dependencies = _signed_in(base, username, timings)
        except (requests.RequestException, AssertionError):
            continue
        for _ in range(SIGN_IN_EVERY):
            pause(stop, pick, think)
            if stop.is_set():
                return
            count += 1
            started = time.perf_counter()
            try:
                code, body = report_progress(browser, dependencies, reference, f"Load note {count}.", date.today().isoformat())
            except requests.RequestException:
                code, body = 0, ""
            timings.add("write", time.perf_counter() - started, code == 200 and "is now" in body, code)


def _actions_to_write_to(url: str, writers: int) -> list[tuple[str, str]]:
    """One new action for each writer (their own agency's), so writers never contend for one record."""
    services = bootstrap(Settings(db_url=url, local_user="business.manager"))
    try:
        made = []
        for number in range(writers):
            username, agency = WRITERS[number % len(WRITERS)]
            action = services.app.add_action(RECOMMENDATION, agency, f"Service load action {number}", date(2027, 3, 31), actor="business.manager")
            made.append((username, str(action.id)))
        services.catch_up()
        return [(username, services.queries.action(ident)["reference"]) for username, ident in made]
    finally:
        services.close()


def measure(store: str, url: str, size: dict, logs: Path, think: float = 0.0) -> Timings:
    port = free_port()
    env = environment(url, port, size["workers"])
    started = time.perf_counter()
    subprocess.run([str(BIN / "scr-monitor"), "demo"], env=env, check=True, capture_output=True, timeout=600)
    print(f"{store}: demo loaded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    writers = _actions_to_write_to(url, size["writers"])
    processes = [Process(name, env, logs) for name in ("web", "follower", "scheduler")]
    for process in processes:
        process.start()
    print(f"{store}: logs in {logs}", file=sys.stderr)
    timings, stop = Timings(), threading.Event()
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_healthy(base, seconds=120)
        threads = [threading.Thread(target=reader, args=(base, stop, timings, n, think)) for n in range(size["readers"])]
        threads += [threading.Thread(target=writer, args=(base, stop, timings, username, reference, think)) for username, reference in writers]
        timings.counted_from = time.monotonic() + size["warm_up"]
        for thread in threads:
            thread.start()
        stop.wait(size["warm_up"] + size["seconds"])
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        for process in processes:
            process.stop()
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="3 readers, 1 writer, 2 workers, 10 s")
    parser.add_argument("--seconds", type=int, help="how long each store is loaded")
    parser.add_argument("--stores", default="postgresql,sqlite", help="postgresql, sqlite or both (default)")
    parser.add_argument("--think", type=float, default=0.0, metavar="SECONDS",
                        help="each person's mean pause between requests (default 0: the service saturated)")
    parser.add_argument("--keep-logs", action="store_true", help="keep the three processes' logs")
    args = parser.parse_args(argv)
    size = dict(SMALL if args.small else FULL)
    if args.seconds:
        size["seconds"] = args.seconds
    print(f"service load: {size['readers']} readers, {size['writers']} writers, {size['workers']} workers, "
          f"{size['seconds']} s per store after {size['warm_up']} s of warm-up, "
          + (f"each person pausing {args.think:g} s on average between requests" if args.think else "no pauses (saturated)"))
    results, failed = {}, False
    scratch = tempfile.mkdtemp(prefix="scr-service-load-")
    try:
        for store in args.stores.split(","):
            if store == "postgresql":
                url, drop = pg.fresh_database()
            else:
                url, drop = f"sqlite:///{scratch}/store.sqlite", (lambda: None)
            try:
                results[store] = measure(store, url, size, Path(scratch), args.think)
            finally:
                drop()
    finally:
        if not args.keep_logs:
            shutil.rmtree(scratch, ignore_errors=True)
    for store, timings in results.items():
        total = sum(len(v) for v in timings.samples.values())
        seconds = size["seconds"]
        print(f"{store}: {total:,} requests answered ({total / seconds:.1f} a second), {sum(timings.errors.values())} failed")
        for kind in TARGETS_MS:
            print(timings.row(kind))
            failed |= timings.p95(kind) > TARGETS_MS[kind] or timings.errors[kind] > 0
    return 1 if failed and not args.small else 0


if __name__ == "__main__":
    raise SystemExit(main())
