"""`scr-monitor verify`: recompute the hash chain and check every event's signature; exit 1 at the first
event tampered with, added outside the application, or missing below a signed anchor. When intact, the
head is signed as an anchor (projections.anchors) in the database and in SCR_MONITOR_ANCHOR_FILE."""
from __future__ import annotations

import sys

from monitoring.cli.options import command, with_db
from monitoring.evidence.verification import with_file_check


def register(subparsers) -> None:
    verify = command(subparsers, "verify", options=with_db,
                     help="check that no stored event was altered, removed, reordered or added outside the application",
                     handler=with_file_check(_verify))  # then every evidence file (monitoring.evidence)
    verify.add_argument("--expect", metavar="HASH", help="a head hash noted earlier (e.g. in the minutes); it must still be in the chain")


def _verify(services, args) -> int:
    report = services.hash_chain.verify(expect=args.expect)
    if not report.intact:
        print(f"scr-monitor: verify: {report.problem} (the {report.checked} events before it are intact)", file=sys.stderr)
        return 1
    chained = f"; {report.newly_chained} new events chained" if report.newly_chained else ""
    print(f"intact: {report.checked} events checked{chained}; head {report.head_position} sha256 {report.head_hash}")
    print(anchoring(services, report))
    return 0


def anchoring(services, report) -> str:
    """What the anchor proves here, in one line."""
    where = f"; also appended to {services.settings.anchor_file}" if services.settings.anchor_file else ""
    anchor = f"anchored at event {report.anchor.position}{where}" if report.anchor else "nothing to anchor yet"
    if services.hash_chain.key is None:
        return (f"not signed: SCR_MONITOR_ANCHOR_KEY is not set, so an event added by SQL cannot be told from the "
                f"application's; {anchor} (unsigned)")
    return f"signed: {report.signed} event signatures checked with SCR_MONITOR_ANCHOR_KEY; {anchor}, signed"
