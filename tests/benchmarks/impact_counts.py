"""Benchmark of the impact counts `status` gains (issue 15): `python -m tests.benchmarks.impact_counts [--small] [--sqlite-only]`.

24,000 recommendations (the national scale of tests/benchmarks/national_store.py) over 150 boards, each naming three of
twelve agencies, in the read-model tables directly; with no impact plans (as the national store has), and with a third
planned and a sixth re-tested. Prints p50/p95 ms of the impact counts by agency and by board, all boards and one board.
A benchmark, not a test: the lead measures at full size on an idle machine; `--small` (1,200) checks that it runs.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import create_engine, insert

from domain.impact import ImpactRecord, impact_as_at
from projections import schema
from projections.impact_periods import period_row
from projections.read.impact import impact_counts
from tests import pg

AS_AT = date(2025, 3, 31)
AGENCIES = [f"Agency {n}" for n in range(12)]


def fill(engine, recommendations: int, planned: bool) -> None:
    rng = random.Random(15)
    recs, agencies, records = [], [], []
    for i in range(recommendations):
        made = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
        rec_id, named = f"rec-{i}", rng.sample(AGENCIES, 3)
        recs.append(dict(
            id=rec_id, board=f"Board {i % 150}", review_id="review", review_code=f"review-{i // 12}", number=i % 12 + 1,
            text="The partnership should ..." * 4, agencies=named, themes=[], priority=False, status="open", status_on=None,
            impact=None, action_count=4, made_on=made, last_effective=made, last_update=made, version=5, kind="overview",
            scope="local", addressee="", impact_plan=None, retests=0, last_finding="", response_asked_on=None,
            response_received_on=None, plan_on=None, retest_by=None, last_retest_on=None))
        agencies += [dict(recommendation_id=rec_id, agency=a, board=recs[-1]["board"], review_code=recs[-1]["review_code"], made_on=made)
                     for a in named]
        if planned and i % 3 == 0:
            records.append(dict(recommendation_id=rec_id, version=6, effective=made + timedelta(days=30), kind="plan",
                                retest_by=made + timedelta(days=300), finding=None, result=None))
        if planned and i % 6 == 0:
            records.append(dict(recommendation_id=rec_id, version=7, effective=made + timedelta(days=320), kind="retest",
                                retest_by=None, finding="partly", result="Re-audit"))
    periods = _periods(recs, records)
    schema.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(schema.recommendations), recs)
        connection.execute(insert(schema.recommendation_agencies), agencies)
        if records:
            connection.execute(insert(schema.impact_records), records)
            connection.execute(insert(schema.impact_periods), periods)


def _periods(recs: list[dict], records: list[dict]) -> list[dict]:
    """The impact periods the projection writes for these records: domain.impact's rule as each one is taken in."""
    by_id = {rec["id"]: SimpleNamespace(**rec) for rec in recs}
    periods, so_far = [], defaultdict(list)
    for r in records:  # in each recommendation's version order
        so_far[r["recommendation_id"]].append(ImpactRecord(r["effective"], r["kind"], r["retest_by"], r["finding"]))
        position = impact_as_at(so_far[r["recommendation_id"]], r["effective"])
        periods.append(period_row(by_id[r["recommendation_id"]], r["version"], r["effective"], position))
    return periods


def timed(engine, repeat: int, **kwargs) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        with engine.connect() as connection:
            impact_counts(connection, as_at=AS_AT, **kwargs)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


def run(name: str, url: str, recommendations: int, planned: bool, repeat: int) -> None:
    engine = create_engine(url)
    fill(engine, recommendations, planned)
    for label, kwargs in (("by agency", {"by": "agency"}), ("by board", {"by": "board"}),
                          ("one board, by agency", {"by": "agency", "board": "Board 7"})):
        p50, p95 = timed(engine, repeat, **kwargs)
        print(f"{name:11s} {'planned' if planned else 'no plans':9s} {label:22s} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms", flush=True)
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.impact_counts")
    parser.add_argument("--small", action="store_true", help="1,200 recommendations: seconds")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args(argv)
    recommendations, repeat = (1_200, 5) if args.small else (24_000, 30)
    for planned in (False, True):
        with tempfile.TemporaryDirectory(prefix="scr-impact-") as directory:
            run("SQLite", f"sqlite:///{Path(directory) / 'impact.sqlite'}", recommendations, planned, repeat)
        if not args.sqlite_only:
            url, drop = pg.fresh_database()
            try:
                run("PostgreSQL", url, recommendations, planned, repeat)
            finally:
                drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
