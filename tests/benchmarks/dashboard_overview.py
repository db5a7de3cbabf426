"""Time the overview's callbacks server-side (called directly, JSON encoding included) on the national-scale store.

    .venv/bin/python -m tests.benchmarks.dashboard_overview            # national scale (built once, then reused)
    .venv/bin/python -m tests.benchmarks.dashboard_overview --small    # a quick run for CI

Prints p50/p95 in milliseconds per callback and scenario against the 300 ms target, twice: cold (the read
cache emptied before every call: the first visitor after a change) and warm (the next visitors until the
read models move on). Exit 1 if a warm p95 misses the target (only at national scale).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from plotly.io.json import to_json_plotly

TARGET_MS = 300.0
CALLBACKS = ("show_cards", "show_agency_chart", "show_review_chart", "show_overdue", "show_reviews")


def build_services(small: bool, today: date, *, store: Path | None = None):
    """A store of the national (or small) scale, built by the projections engineer's generator and caught up."""
    from monitoring.bootstrap import bootstrap
    from monitoring.config import Settings
    from tests.benchmarks import national_store as national

    scale = national.SMALL if small else national.NATIONAL
    path = store or Path("data") / "bench" / f"dashboard-{'small' if small else 'national'}.sqlite"
    fresh = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    services = bootstrap(Settings(db_url=f"sqlite:///{path}", local_user="bench"), clock=lambda: today)
    if fresh:
        started = time.perf_counter()
        events = national.generate(services.app, scale, today)
        print(f"built {path}: {events:,} events in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    started = time.perf_counter()
    services.catch_up()
    print(f"read models caught up in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return services, scale


def scenarios(services, today: date) -> dict[str, dict]:
    boards = [b["name"] for b in services.queries.boards()]
    year_end = date(today.year - (1 if today.month < 4 else 0), 3, 31)
    return {
        "all boards, today": {"board": "", "as_at": today.isoformat()},
        "all boards, 31 March": {"board": "", "as_at": year_end.isoformat()},
        "one board, today": {"board": boards[0], "as_at": today.isoformat()},
        "one board, 31 March": {"board": boards[-1], "as_at": year_end.isoformat()},
    }


def measure(app, page, query: dict, repeat: int, *, cold: bool) -> dict[str, list[float]]:
    from dashboard.context import CACHE

    timings: dict[str, list[float]] = {name: [] for name in CALLBACKS}
    with app.server.test_request_context("/"):
        for _ in range(repeat):
            for name in CALLBACKS:
                if cold:
                    app.server.extensions[CACHE].clear()
                started = time.perf_counter()
                to_json_plotly(getattr(page, name)(query))  # what Dash sends: the work is done when it is encoded
                timings[name].append((time.perf_counter() - started) * 1000)
    return timings


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="a 500-action store, for CI")
    parser.add_argument("--repeat", type=int, default=20, help="warm runs per callback and scenario")
    parser.add_argument("--cold", type=int, default=20, help="cold runs per callback and scenario")
    parser.add_argument("--store", type=Path, help="the SQLite file to build or reuse")
    args = parser.parse_args(argv)

    from dashboard.app import create_app

    today = date.today()
    services, scale = build_services(args.small, today, store=args.store)
    app = create_app(services)
    page = sys.modules["pages.overview"]
    print(f"Overview callbacks, {scale.actions:,} actions on {scale.boards} boards; {args.cold} cold and {args.repeat} warm "
          f"runs each; target p95 <= {TARGET_MS:.0f} ms")
    print(f"{'scenario':<24} {'callback':<18} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9}")
    worst = {"cold": 0.0, "warm": 0.0}
    for label, query in scenarios(services, today).items():
        cold = measure(app, page, query, args.cold, cold=True)
        warm = measure(app, page, query, args.repeat, cold=False)
        for name in CALLBACKS:
            worst["cold"], worst["warm"] = max(worst["cold"], p95(cold[name])), max(worst["warm"], p95(warm[name]))
            print(f"{label:<24} {name:<18} {statistics.median(cold[name]):>9.1f} {p95(cold[name]):>9.1f} "
                  f"{statistics.median(warm[name]):>9.1f} {p95(warm[name]):>9.1f}")
    for kind, ms in worst.items():
        print(f"slowest {kind} p95: {ms:.1f} ms: {'meets' if ms <= TARGET_MS else 'MISSES'} the {TARGET_MS:.0f} ms target")
    worst = worst["warm"]
    services.close()
    return 0 if args.small or worst <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
