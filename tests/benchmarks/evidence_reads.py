"""The evidence reads at national scale: document counts for all boards, one action's documents, and a download
by hash (`open_file`, the dashboard's /evidence/<sha>), on the store tests/benchmarks/evidence.py filled with files.

    .venv/bin/python -m tests.benchmarks.evidence_reads [STORE]   # default: a copy you made of
                                                                  # data/bench/evidence-national.sqlite

Opening it catches the read models up (after a schema change: a rebuild, a few minutes); it writes only to them.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings


def median_ms(call, runs: int) -> float:
    call()  # the first call pays for caches and imports
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main(argv: list[str]) -> int:
    store = Path(argv[0] if argv else "data/bench/evidence-national.sqlite")
    services = bootstrap(Settings(db_url=f"sqlite:///{store}", local_user="bench"))
    started = time.perf_counter()
    services.catch_up()
    print(f"catch_up: {time.perf_counter() - started:.1f} s")
    queries, app = services.queries, services.app
    counts = queries.document_counts()
    action_id = max(counts, key=lambda a: (counts[a], a))
    documents = queries.documents(action_id)
    sha = documents[-1]["sha256"]
    print(f"{sum(counts.values()):,} live documents on {len(counts):,} actions; one action has {len(documents)}")
    print(f"document_counts() all boards: {median_ms(queries.document_counts, 10):.1f} ms (median of 10)")
    reference = queries.action(action_id)["reference"]
    print(f"documents(one action):        {median_ms(lambda: queries.documents(reference), 20):.1f} ms (median of 20, by reference)")
    print(f"open_file(sha):               {median_ms(lambda: app.open_file(sha, actor='bench'), 20):.1f} ms (median of 20)")
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
