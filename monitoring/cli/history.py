"""`scr-monitor history REF`: every event of a review, recommendation or action."""
from __future__ import annotations

from domain.history_wording import event_details, event_summary, event_title
from monitoring.security.scoped_reads import check_may_read_events
from monitoring.cli.options import actor, command, with_format
from monitoring.cli.output import render

COLUMNS = ["version", "recorded", "effective", "actor", "change", "details"]


def register(subparsers) -> None:
    history = command(subparsers, "history", help="every change to a review, recommendation or action", handler=_history, options=with_format)
    history.add_argument("reference", help="child-c-2014, child-c-2014/R3, child-c-2014/R3/A2 or a UUID")
    history.add_argument("--as", dest="actor", metavar="USER", help="who is reading (default: the OS user)")


def _history(services, args) -> None:
    rows = []
    events = services.app.events_of(args.reference)
    check_may_read_events(services, actor(services, args), events)  # a user reads only their boards
    for event in events:
        rows.append(
            {
                "version": event.originator_version,
                "recorded": event.timestamp.isoformat(timespec="seconds"),
                "effective": event.on.isoformat() if getattr(event, "on", None) else None,
                "actor": getattr(event, "actor", None),
                "change": event_title(event),
                "details": event_details(event) if args.format == "json" else event_summary(event),
            }
        )
    print(render(rows, COLUMNS, args.format))
