"""`scr-monitor export-tracker`: the tracker back as a spreadsheet, in the columns `import` reads."""
from __future__ import annotations

from monitoring.cli.options import actor, command, iso_date, with_db
from monitoring.security.scoped_reads import scoped_queries
from monitoring.trackers.export import tracker_rows, write_tracker


def register(subparsers) -> None:
    parser = command(subparsers, "export-tracker", handler=_export, options=with_db, help=(
        "write the action-plan tracker as XLSX or ODS, by the file's extension (references, RAG words and "
        "fills, frozen header, filters; prints landscape A4 fitted to the width)"))
    parser.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.ods")
    parser.add_argument("--board", help="only this board's reviews")
    parser.add_argument("--as-at", dest="as_at", type=iso_date, metavar="DATE", help="the position at the end of this date (default: today)")
    parser.add_argument("--as", dest="actor", metavar="USER", help="who is reading (default: the OS user); keeps to their boards")


def _export(services, args) -> None:
    as_at = args.as_at or services.clock()
    services.catch_up()
    queries = scoped_queries(services, actor(services, args))  # a user exports only the boards they may read
    rows = tracker_rows(queries, as_at=as_at, board=args.board, today=services.clock())
    out = write_tracker(rows, args.out, as_at=as_at, board=args.board)
    print(f"wrote {len(rows)} action{'s' if len(rows) != 1 else ''} as at {as_at.isoformat()} to {out}")
