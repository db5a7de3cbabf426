"""How long a big tracker takes to import: `python -m tests.benchmarks.import_10k [--rows N] [--csv]`.

Generates a realistic tracker (XLSX with date cells, and CSV), imports it into a fresh SQLite store and prints
rows, seconds and rows per second against the target: 10,000 rows in under 10 s.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

TARGET_SECONDS = 10.0
AGENCIES = ["Police", "Children's Social Care", "Acute Trust", "Community Health", "Education", "Probation",
            "Housing", "Mental Health Trust"]
STATUSES = ["Not started", "In progress", "Ongoing", "Complete", "Signed off", "Closed", "Withdrawn"]
COLUMNS = ["Board", "Review", "Review type", "Rec No", "Recommendation", "Priority", "Lead agency", "Action", "Lead",
           "Success measure", "Target date", "Status", "Status date", "Date agreed", "Notes", "Evidence", "Themes"]
TODAY = date(2026, 11, 22)


def tracker_rows(count: int, seed: int = 7):
    """`count` actions over reviews of 10 recommendations with up to 20 actions each."""
    rng = random.Random(seed)
    made = 0
    review = 0
    while made < count:
        review += 1
        agreed = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 2000))
        for rec in range(1, 11):
            for n in range(1, 21):
                if made == count:
                    return
                status = rng.choice(STATUSES)
                status_date = agreed + timedelta(days=rng.randrange(0, 300)) if status != "Not started" else None
                yield [
                    "North Shire Safeguarding Children Partnership", f"Child {review} ({agreed.year})", "LCSPR",
                    rec, f"Recommendation {rec} of review {review}: agencies act on what they know." if n == 1 else None,
                    "Yes" if rec == 1 and n == 1 else None, rng.choice(AGENCIES), f"Action {n}: audit and train (review {review})",
                    "Head of Safeguarding", "Audit shows the change", agreed + timedelta(days=rng.randrange(30, 700)),
                    status, status_date, agreed, "Reason recorded by the sub-group" if status == "Withdrawn" else
                    ("Progress reported at the sub-group" if status in ("In progress", "Ongoing") else None),
                    None, "neglect; information sharing",
                ]
                made += 1


def write_xlsx(path: Path, rows) -> None:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Tracker")
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([datetime(v.year, v.month, v.day) if isinstance(v, date) else v for v in row])
    workbook.save(path)


def write_csv(path: Path, rows) -> None:
    import csv

    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, date) else ("" if v is None else v) for v in row])


def run(path: Path, workdir: Path) -> dict:
    from monitoring.bootstrap import bootstrap
    from monitoring.config import Settings
    from monitoring.trackers.importing import import_tracker

    services = bootstrap(Settings(db_url=f"sqlite:///{workdir / (path.suffix[1:] + '.sqlite')}", local_user="bench"),
                         clock=lambda: TODAY)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        outcome = import_tracker(services.app, path, actor="bench")
        imported, cpu = time.perf_counter() - started, time.process_time() - cpu
        try:
            services.catch_up()
            caught_up = time.perf_counter() - started - imported
        except ModuleNotFoundError:  # the read models are not built in this tree yet
            caught_up = None
        started = time.perf_counter()
        again = import_tracker(services.app, path, actor="bench")
        assert not again.changed_anything, "re-importing the same file must change nothing"
        return {"rows": outcome.rows, "actions": len(outcome.actions_created), "import": imported, "cpu": cpu, "catch_up": caught_up,
                "reimport": time.perf_counter() - started}
    finally:
        services.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--csv", action="store_true", help="also time the CSV version")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scr-import-bench-") as tmp:
        workdir = Path(tmp)
        paths = [workdir / "tracker.xlsx"] + ([workdir / "tracker.csv"] if args.csv else [])
        write_xlsx(paths[0], tracker_rows(args.rows))
        if args.csv:
            write_csv(paths[1], tracker_rows(args.rows))
        ok = True
        for path in paths:
            result = run(path, workdir)
            seconds = result["import"]
            ok &= seconds < TARGET_SECONDS * args.rows / 10_000
            line = (f"{path.name}: {result['rows']} rows, {result['actions']} actions imported in {seconds:.2f} s "
                    f"({result['rows'] / seconds:,.0f} rows/s; target {TARGET_SECONDS * args.rows / 10_000:.1f} s; "
                    f"CPU {result['cpu']:.2f} s, less swayed by other load)")
            if result["catch_up"] is not None:
                line += f"; read models caught up in {result['catch_up']:.2f} s more"
            line += f"; re-import of the same file (nothing to change) {result['reimport']:.2f} s"
            print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
