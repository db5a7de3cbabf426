"""How long a big tracker takes to import: `python -m tests.benchmarks.import_10k [--rows N] [--csv] [--stores sqlite,postgres]`.

Generates a realistic tracker (XLSX and ODS with date cells, and CSV), imports it into a fresh store of each kind
(SQLite file; PostgreSQL: a fresh database on $SCR_MONITOR_TEST_PG or the local server) and prints rows,
seconds and rows per second against the target, 10,000 rows in under 10 s, side by side; for PostgreSQL
also how long the import's one save held the event table's lock (monitoring.storage.postgres_saves). `make bench`
runs 50,000 rows too (`--rows 50000`): it must finish, all-or-nothing.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from monitoring.trackers.importing import import_tracker
from tests import pg

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


def write_ods(path: Path, rows) -> None:
    """An OpenDocument spreadsheet with real date cells, as LibreOffice Calc saves one (odfpy, no office suite)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    def cell(value):
        if value is None:
            return TableCell()
        if isinstance(value, date):
            made = TableCell(valuetype="date", datevalue=value.isoformat())
            made.addElement(P(text=value.strftime("%d/%m/%Y")))
        elif isinstance(value, (int, float)):
            made = TableCell(valuetype="float", value=value)
            made.addElement(P(text=str(value)))
        else:
            made = TableCell(valuetype="string")
            made.addElement(P(text=value))
        return made

    document = OpenDocumentSpreadsheet()
    table = Table(name="Tracker")
    for values in [COLUMNS, *rows]:
        line = TableRow()
        for value in values:
            line.addElement(cell(value))
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(path))


WRITERS = {"xlsx": write_xlsx, "ods": write_ods, "csv": write_csv}


def store_url(kind: str, path: Path, workdir: Path) -> tuple[str, callable]:
    """A fresh store of this kind, and what removes it afterwards."""
    if kind == "postgres":
        return pg.fresh_database()
    return f"sqlite:///{workdir / (path.suffix[1:] + '.sqlite')}", lambda: None


def run(path: Path, url: str) -> dict:
    services = bootstrap(Settings(db_url=url, local_user="bench"), clock=lambda: TODAY)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        outcome = import_tracker(services.app, path, actor="bench")
        imported, cpu = time.perf_counter() - started, time.process_time() - cpu
        lock = getattr(services.app.recorder, "last_lock_seconds", None)  # PostgreSQL: the save's table lock
        events = len(services.app.recorder.select_notifications(start=1, limit=10**7))
        try:
            services.catch_up()
            caught_up = time.perf_counter() - started - imported
        except ModuleNotFoundError:  # the read models are not built in this tree yet
            caught_up = None
        started = time.perf_counter()
        again = import_tracker(services.app, path, actor="bench")
        assert not again.changed_anything, "re-importing the same file must change nothing"
        return {"rows": outcome.rows, "actions": len(outcome.actions_created), "import": imported, "cpu": cpu, "catch_up": caught_up,
                "reimport": time.perf_counter() - started, "lock": lock, "events": events}
    finally:
        services.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--csv", action="store_true", help="(kept for old scripts: CSV is in --formats by default)")
    parser.add_argument("--formats", default="xlsx,ods,csv", help="comma-separated: xlsx, ods, csv (default all three)")
    parser.add_argument("--stores", default="sqlite,postgres", help="comma-separated: sqlite, postgres (default both)")
    args = parser.parse_args(argv)
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="scr-import-bench-") as tmp:
        workdir = Path(tmp)
        formats = [f.strip() for f in args.formats.split(",") if f.strip()]
        paths = [workdir / f"tracker.{fmt}" for fmt in formats]
        for fmt, path in zip(formats, paths):
            WRITERS[fmt](path, tracker_rows(args.rows))
        ok = True
        for path in paths:
            for kind in stores:
                url, drop = store_url(kind, path, workdir)
                try:
                    result = run(path, url)
                finally:
                    drop()
                seconds = result["import"]
                ok &= seconds < TARGET_SECONDS * args.rows / 10_000
                line = (f"{kind:>8} {path.name}: {result['rows']} rows, {result['actions']} actions, {result['events']:,} events "
                        f"imported in {seconds:.2f} s ({result['rows'] / seconds:,.0f} rows/s; target "
                        f"{TARGET_SECONDS * args.rows / 10_000:.1f} s; CPU {result['cpu']:.2f} s, less swayed by other load)")
                if result["lock"] is not None:
                    line += f"; event table locked {result['lock']:.2f} s"
                if result["catch_up"] is not None:
                    line += f"; read models caught up in {result['catch_up']:.2f} s more"
                line += f"; re-import of the same file (nothing to change) {result['reimport']:.2f} s"
                print(line, flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
