"""National-scale benchmark of the read side: `python -m tests.benchmarks.national [--small] [--sqlite-only]`.

For SQLite and PostgreSQL: the write path end to end (command, commit, read models caught up, the change
visible in `status`) next to a bare eventsourcing save; a projection rebuild next to a bare sequential
read-and-decode of the same events (the rebuild uses both cores: a child process commits its batches);
`status --by agency` today and as at a past date; peak memory (this process, and the committer's apart).
A benchmark, not a test: it prints figures against the targets and exits 0 unless something breaks.
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from tests.benchmarks.national_store import NATIONAL, SMALL, generate

TARGETS = {
    "rebuild events/s": (">=", 25_000), "rebuild / bare read": (">=", 0.25),
    "status current p95 ms": ("<=", 50), "status as-at p95 ms": ("<=", 250), "write p95 ms": ("<=", 20),
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def bare_read(app) -> tuple[int, float]:
    """The floor: every stored event selected in order and decoded, nothing else."""
    started, position, count = time.perf_counter(), 0, 0
    while batch := app.recorder.select_notifications(start=position, limit=10_000, inclusive_of_start=False):
        for notification in batch:
            app.mapper.to_domain_event(notification)
        count, position = count + len(batch), batch[-1].id
    return count, time.perf_counter() - started


def open_actions(services, n: int, seed: int) -> list[dict]:
    rows = services.queries.actions(status="in_progress") + services.queries.actions(status="not_started")
    return random.Random(seed).sample(rows, min(n, len(rows)))


def write_path(services, today: date, n: int) -> tuple[list[float], list[float]]:
    """End to end: complete an open action (the use case saves, then catches the read models and the hash chain
    up: read-your-writes is the application's, monitoring.application.store), see it in `status`; and bare saves."""
    app, queries = services.app, services.queries
    end_to_end = []
    for row in open_actions(services, n, seed=1):
        before = queries.status("recommendation", review=row["review_code"])["totals"]["completed"]
        started = time.perf_counter()
        app.complete_action(row["reference"], "audit of case files", actor="bench", on=today)
        after = queries.status("recommendation", review=row["review_code"])["totals"]["completed"]
        end_to_end.append((time.perf_counter() - started) * 1000)
        assert after == before + 1, f"{row['reference']} not visible in status"
    bare = []
    with app.read_models_after():  # the read models catch up once, after the loop: each timed save is the save alone
        for row in open_actions(services, n, seed=2):
            action = app.action(row["reference"])
            action.report_progress(note="bare save", actor="bench", on=today, today=today)
            started = time.perf_counter()
            app.save(action)  # one event, nothing else
            bare.append((time.perf_counter() - started) * 1000)
    services.catch_up()
    return end_to_end, bare


def run(label: str, url: str, scale, today: date, repeat: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    services = bootstrap(Settings(db_url=url, local_user="bench"), clock=lambda: today)
    try:
        started = time.perf_counter()
        # PostgreSQL saves go in smaller batches: eventsourcing writes them in psycopg's pipeline mode, which
        # hung here (server waiting in ClientRead) on one save of ~25,000 events (psycopg issue 685).
        figures["events"] = generate(services.app, scale, today, save_every=5_000 if url.startswith("sqlite") else 500)
        figures["generate s"] = time.perf_counter() - started
        print(f"  {label}: {figures['events']:,} events generated in {figures['generate s']:.0f} s", flush=True)
        if not url.startswith("sqlite"):
            # Autovacuum is off on this machine's PostgreSQL; in production it would have vacuumed the bulk load
            # (hint bits, visibility map, statistics) before anyone rebuilt. Done here, so both reads see that store.
            started = time.perf_counter()
            with services.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql(f"VACUUM (ANALYZE) {services.app.recorder.events_table_name}")
            figures["vacuum of the store s"] = time.perf_counter() - started
        else:
            figures["vacuum of the store s"] = 0.0

        count, seconds = bare_read(services.app)
        figures["bare read events/s"] = count / seconds
        started = time.perf_counter()
        rebuilt = services.projections.rebuild()
        figures["rebuild s"] = time.perf_counter() - started
        figures["rebuild events/s"] = rebuilt / figures["rebuild s"]
        figures["rebuild / bare read"] = figures["rebuild events/s"] / figures["bare read events/s"]
        print(f"  {label}: rebuilt {rebuilt:,} events in {figures['rebuild s']:.1f} s", flush=True)
        started = time.perf_counter()
        services.catch_up()  # the hash chain (kept beside the read models) is made once, before timing writes
        figures["first catch-up s"] = time.perf_counter() - started

        queries = services.queries
        current = timed(lambda: queries.status("agency"), repeat)
        year_ends = [date(y, 3, 31) for y in range(today.year - 4, today.year + 1) if date(y, 3, 31) < today]
        as_at = timed(lambda: queries.status("agency", as_at=random.choice(year_ends)), repeat)
        figures["status current p50 ms"], figures["status current p95 ms"] = percentile(current, 50), percentile(current, 95)
        figures["status as-at p50 ms"], figures["status as-at p95 ms"] = percentile(as_at, 50), percentile(as_at, 95)

        end_to_end, bare = write_path(services, today, repeat)
        figures["write p50 ms"], figures["write p95 ms"] = percentile(end_to_end, 50), percentile(end_to_end, 95)
        figures["write updates/s"] = 1000 / statistics.fmean(end_to_end)
        figures["bare save/s"] = 1000 / statistics.fmean(bare)
        figures["write / bare save"] = figures["write updates/s"] / figures["bare save/s"]
        figures["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # The rebuild's committer is a child process (projections/committer.py): its peak, counted apart.
        figures["committer peak MB"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    finally:
        services.close()
    return figures


def verdict(name: str, value: float) -> str:
    if name not in TARGETS:
        return ""
    sign, target = TARGETS[name]
    met = value >= target if sign == ">=" else value <= target
    return f"{sign} {target:,}: {'met' if met else 'MISSED'}"


def report(results: dict[str, dict[str, float]]) -> None:
    labels = list(results)
    names = list(next(iter(results.values())))
    print(f"\n{'figure':24s}" + "".join(f"{label:>14s}" for label in labels) + "  target (per backend)")
    for name in names:
        cells = "".join(f"{_fmt(results[label][name]):>14s}" for label in labels)
        marks = "; ".join(f"{label} {verdict(name, results[label][name])}" for label in labels if verdict(name, results[label][name]))
        print(f"{name:24s}{cells}  {marks}")


def _fmt(value: float) -> str:
    return f"{value:,.2f}" if value < 10 else f"{value:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.national")
    parser.add_argument("--small", action="store_true", help="2 boards, 500 actions: seconds, for CI")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args(argv)
    scale, repeat = (SMALL, 20) if args.small else (NATIONAL, 100)
    today = date.today()
    results = {}
    with tempfile.TemporaryDirectory(prefix="scr-bench-") as directory:
        print(f"scale: {scale}", flush=True)
        results["SQLite"] = run("SQLite", f"sqlite:///{Path(directory) / 'national.sqlite'}", scale, today, repeat)
    if not args.sqlite_only:
        from tests import pg

        url, drop = pg.fresh_database()
        try:
            results["PostgreSQL"] = run("PostgreSQL", url, scale, today, repeat)
        finally:
            drop()
    report(results)
    if args.small:
        print("(--small checks that the benchmark works; the targets are for the national scale, where fixed costs do not dominate)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
