"""`scr-monitor status` and `scr-monitor actions`: completion figures and action lists, today or as at a date."""
from __future__ import annotations

import json

from domain.impact import NEW_STATUS_COLUMNS
from domain.statuses import RAG_BANDS, RAG_MEANING
from monitoring.cli.options import actor, command, iso_date, with_format
from monitoring.cli.output import render
from monitoring.security.scoped_reads import scoped_queries
from projections.read.counts import FIELDS

ACTION_COLUMNS = [
    "id", "reference", "board", "review_code", "review_title", "recommendation_reference", "recommendation_number",
    "number", "agency", "text", "lead", "measure", "contact", "status", "rag", "overdue", "days_overdue",
    "target_date", "original_target_date", "reschedules", "agreed_on", "completed_on", "signed_off_on",
    "last_update", "last_progress_on", "evidence", "impact", "version",
]
ACTION_TABLE = ["reference", "agency", "status", "rag", "target_date", "days_overdue", "reschedules", "last_update", "text"]
LEGEND = "RAG: " + "; ".join(f"{band} = {RAG_MEANING[band]}" for band in RAG_BANDS)


def register(subparsers) -> None:
    status = command(subparsers, "status", help="completion by agency, board, review or recommendation", handler=_status, options=with_format)
    status.add_argument("--by", choices=("agency", "board", "review", "recommendation"), default="agency")
    status.add_argument("--board", help="only this board")
    status.add_argument("--review", help="only this review (code)")
    status.add_argument("--agency", help="only this agency")
    status.add_argument("--as-at", dest="as_at", type=iso_date, metavar="DATE", help="position at the end of this date")
    status.add_argument("--as", dest="actor", metavar="USER", help="who is reading (default: the OS user)")

    actions = command(subparsers, "actions", help="list actions: overdue, due soon, awaiting sign-off", handler=_actions, options=with_format)
    actions.add_argument("--overdue", action="store_true", help="only overdue actions")
    actions.add_argument("--due-within", dest="due_within_days", type=_days, metavar="DAYS", help="open actions due within DAYS")
    actions.add_argument("--awaiting-sign-off", action="store_true", help="completed, awaiting the sub-group's sign-off")
    actions.add_argument("--board", help="only this board")
    actions.add_argument("--agency", help="only this agency")
    actions.add_argument("--review", help="only this review (code)")
    actions.add_argument("--recommendation", help="only this recommendation (CODE/Rn)")
    actions.add_argument("--status", help="only this status: not_started, in_progress, completed, signed_off, withdrawn")
    actions.add_argument("--as-at", dest="as_at", type=iso_date, metavar="DATE", help="status and target date at the end of this date")
    actions.add_argument("--limit", type=_days, metavar="N", help="at most N actions")
    actions.add_argument("--as", dest="actor", metavar="USER", help="who is reading (default: the OS user)")


def _days(text: str) -> int:
    import argparse

    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days")
    return int(text)


def _queries(services, args):
    return scoped_queries(services, actor(services, args))  # a user reads only their boards


def _status(services, args) -> None:
    services.catch_up()  # the next read shows the last write, even one made by another process
    result = _queries(services, args).status(args.by, board=args.board, review=args.review, agency=args.agency, as_at=args.as_at)
    if args.format == "json":
        print(json.dumps(result, indent=2))
        return
    rows = [*result["rows"], result["totals"]]
    # CSV gains the assurance and impact columns after the existing ones (JSON carries them in each row).
    columns = ["key", *FIELDS, *(NEW_STATUS_COLUMNS if args.format == "csv" else ())]
    if args.format == "table":
        print(f"Completion by {result['by']} as at {result['as_at']}")
        rows = [{**row, "key": row["key"] if row is not result["totals"] else "All"} for row in rows]
    print(render(rows, columns, args.format))


def _actions(services, args) -> None:
    services.catch_up()
    rows = _queries(services, args).actions(
        as_at=args.as_at, board=args.board, agency=args.agency, review=args.review, recommendation=args.recommendation,
        status=args.status, overdue=args.overdue, due_within_days=args.due_within_days,
        awaiting_sign_off=args.awaiting_sign_off, limit=args.limit,
    )
    if args.format != "table":
        print(render(rows, ACTION_COLUMNS, args.format))
        return
    print(render(rows, ACTION_TABLE, "table"))
    print(f"{len(rows)} action{'s' if len(rows) != 1 else ''}. {LEGEND}")
