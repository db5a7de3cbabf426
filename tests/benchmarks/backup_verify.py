"""What tamper evidence and backups cost: `python -m tests.benchmarks.backup_verify [--rows N] [--small] [--stores sqlite,postgres]`.

Imports a generated tracker of N actions (tests.benchmarks.import_10k) into a fresh store of each kind with
SCR_MONITOR_ANCHOR_KEY set (so every event is signed), then prints side by side: `verify` (chain, signatures
and anchors; events/s), `backup` (seconds, size; PostgreSQL includes restoring into a scratch database to
prove it) and `restore` into an empty store (seconds, verification included). `--small`: 500 rows.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from monitoring.backups.procedures import backup, restore
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from monitoring.security.encryption import new_key
from monitoring.trackers.importing import import_tracker
from tests import pg
from tests.benchmarks.import_10k import TODAY, tracker_rows, write_csv


def fresh(kind: str, workdir: Path, name: str) -> tuple[str, callable]:
    if kind == "postgres":
        return pg.fresh_database()
    return f"sqlite:///{workdir / (name + '.sqlite')}", lambda: None


def measure(kind: str, tracker: Path, workdir: Path) -> str:
    (url, drop), (target, drop_target) = fresh(kind, workdir, "live"), fresh(kind, workdir, "restored")
    settings = Settings(db_url=url, local_user="bench", anchor_key=new_key(), anchor_file=str(workdir / f"{kind}-anchors.jsonl"))
    try:
        services = bootstrap(settings, clock=lambda: TODAY)
        try:
            import_tracker(services.app, tracker, actor="bench")
            services.catch_up()
            started = time.perf_counter()
            report = services.hash_chain.verify()
            verified = time.perf_counter() - started
            assert report.intact, report.problem
        finally:
            services.close()
        out = workdir / f"{kind}.backup"
        started = time.perf_counter()
        summary = backup(settings, out)
        backed_up = time.perf_counter() - started
        started = time.perf_counter()
        restore(replace(settings, db_url=target), out, summary.head_hash)
        restored = time.perf_counter() - started
        events = report.head_position
        return (f"{kind:>8}: {events:,} signed events; verify {verified:.2f} s ({events / verified:,.0f} events/s); "
                f"backup {backed_up:.2f} s, {out.stat().st_size / 1e6:.1f} MB; restore {restored:.2f} s (each verified)")
    finally:
        drop()
        drop_target()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--small", action="store_true", help="500 rows")
    parser.add_argument("--stores", default="sqlite,postgres")
    args = parser.parse_args(argv)
    rows = 500 if args.small else args.rows
    with tempfile.TemporaryDirectory(prefix="scr-backup-bench-") as tmp:
        workdir = Path(tmp)
        tracker = workdir / "tracker.csv"
        write_csv(tracker, tracker_rows(rows))
        for kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
            print(measure(kind, tracker, workdir), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
