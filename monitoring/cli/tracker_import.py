"""`scr-monitor import FILE`: bring in a spreadsheet tracker, all of it or nothing."""
from __future__ import annotations

import sys

from monitoring.cli.options import actor, command
from monitoring.trackers.importing import ImportRejected, import_tracker

PROGRESS_FROM_ROWS = 300  # below this an import takes a blink; a bar would only flicker


def register(subparsers) -> None:
    parser = command(subparsers, "import", handler=_import, help=(
        "import a tracker (.xlsx, .xlsm, .xls, .ods or CSV); every row is checked first and nothing is written if any is bad"))
    parser.add_argument("file", help="the tracker: .xlsx, .xlsm, .xls, .ods, or .csv/.txt (UTF-8, UTF-16 or Windows-1252)")
    parser.add_argument("--board", help="the board for rows that do not name one")
    parser.add_argument("--sheet", help="the sheet to read (default: the first visible sheet with a header row)")
    parser.add_argument("--status-from-rag", action="store_true", help="read a RAG column as the status when the file has no "
                        "status column (Red, Amber: in progress; Green: completed; Blue: signed off; Grey: withdrawn)")
    parser.add_argument("--new-agency", action="append", default=[], metavar="NAME", help="add NAME as a new agency even though "
                        "it is only a letter or two from one the board has (repeat for each)")
    parser.add_argument("--new-theme", action="store_true", help="an admin adds each Themes word the board's scheme "
                        "does not know as a local theme (without it, an unknown word is refused, naming the nearest theme)")
    parser.add_argument("--dry-run", action="store_true", help="check the file and say what would change; write nothing")


def _import(services, args) -> int:
    try:
        outcome = import_tracker(
            services.app, args.file, actor=actor(services, args), board=args.board, on=args.on,
            sheet=args.sheet, dry_run=args.dry_run, progress_bar=_progress_bar,
            status_from_rag=args.status_from_rag, new_agencies=args.new_agency, themes=services.themes, new_themes=args.new_theme,
        )
    except ImportRejected as rejected:
        print(f"scr-monitor: import: {rejected.summary}", file=sys.stderr)
        for problem in rejected.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    print("\n".join(outcome.lines()))
    return 0


def _progress_bar(total: int, description: str):
    from tqdm import tqdm

    return tqdm(total=total, unit="row", desc=description, file=sys.stderr,
                disable=total < PROGRESS_FROM_ROWS or not sys.stderr.isatty(), leave=False)
