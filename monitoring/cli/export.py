"""`scr-monitor export --year YYYY --out DIR`: the annual-report pack (figures, data, chapters, index.html, zip)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from monitoring.cli.options import actor, command, with_db
from monitoring.reports import pack as exporting
from monitoring.reports.annual_report import gather, report_as_at
from monitoring.reports.chapter.pack_files import boards_in
from monitoring.reports.images import ImageRenderer, require_chromium
from monitoring.reports.pack import FORMATS
from monitoring.security.scoped_reads import scoped_queries


def register(subparsers) -> None:
    export = command(subparsers, "export", handler=_export, options=with_db, help=(
        "the annual-report pack for a reporting year: figures (PNG, SVG, PDF), CSV, XLSX, "
                       "each board's chapter (DOCX, ODT), index.html, zip"))
    export.add_argument("--year", required=True, type=_year, metavar="YYYY",
                        help="reporting year: 2024 means 1 April 2024 to 31 March 2025")
    export.add_argument("--out", required=True, type=Path, metavar="DIR", help="directory to write (replaced if it holds an earlier pack)")
    export.add_argument("--board", metavar="NAME", help="one board (default: every board)")
    export.add_argument("--formats", default=",".join(_formats()), metavar="LIST",
                        help="any of png,svg,pdf,csv,xlsx,docx,odt, comma-separated (default: all)")
    export.add_argument("--as", dest="actor", metavar="USER", help="who is reading (default: the OS user); keeps to their boards")


def _formats():
    return FORMATS


def _year(text: str) -> int:
    import argparse

    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"{text!r} is not a year in the form YYYY")
    return int(text)


def _export(services, args) -> None:
    started = time.perf_counter()
    formats = exporting.parse_formats(args.formats)
    report_as_at(args.year, services.clock())  # a year not yet begun: said before anything starts
    needs_images = exporting.needs_renderer(formats)  # the chapters embed the figures as PNG
    chromium = require_chromium() if needs_images else None  # before any work: one line, exit 2
    exporting.check_destination(args.out)
    # One Chromium for the whole pack, starting while the year's data is gathered.
    renderer = ImageRenderer(chromium).open_in_background() if needs_images else None
    try:
        _write(services, args, formats, renderer, started)
    finally:
        if renderer is not None:
            renderer.close()


def _write(services, args, formats, renderer, started) -> None:
    from tqdm import tqdm


    queries = scoped_queries(services, actor(services, args))  # a user reads only their boards
    report = gather(queries, args.year, board=args.board, today=services.clock())
    boards = len(boards_in(queries, report))
    with tqdm(total=exporting.steps(formats, boards), desc=f"annual report {report.label}", unit="file", file=sys.stderr,
              disable=None, leave=False) as bar:
        tick = lambda step: (bar.set_postfix_str(step, refresh=False), bar.update())  # noqa: E731
        files = exporting.export_pack(report, args.out, formats, renderer, tick, queries)
    size = sum(f.stat().st_size for f in files)
    empty = " (no actions or recommendations recorded: empty-state figures)" if report.is_empty else ""
    print(f"wrote {len(files)} files ({size / 1_000_000:.1f} MB) to {args.out}, as at {report.as_at.isoformat()}{empty}; "
          f"zip: {files[-1]} ({time.perf_counter() - started:.1f} s)")
