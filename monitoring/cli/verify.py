"""`scr-monitor verify`: recompute the hash chain over the stored events; exit 1 at the first tampered event."""
from __future__ import annotations

import sys

from monitoring.cli.options import with_db
from monitoring.evidence.verification import with_file_check


def register(subparsers) -> None:
    verify = with_db(subparsers.add_parser("verify", help="check that no stored event was altered, removed or reordered"))
    verify.add_argument("--expect", metavar="HASH", help="a head hash noted earlier (e.g. in the minutes); it must still be in the chain")
    verify.set_defaults(handler=with_file_check(_verify))  # then every evidence file (monitoring.evidence)


def _verify(services, args) -> int:
    report = services.hash_chain.verify(expect=args.expect)
    if not report.intact:
        print(f"scr-monitor: verify: {report.problem} (the {report.checked} events before it are intact)", file=sys.stderr)
        return 1
    chained = f"; {report.newly_chained} new events chained" if report.newly_chained else ""
    print(f"intact: {report.checked} events checked{chained}; head {report.head_position} sha256 {report.head_hash}")
    return 0
