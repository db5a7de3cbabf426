"""`scr-monitor verify` for evidence files: every file the record attaches must still hash to its SHA-256.

The list of hashes comes from the events (covered by the hash chain), not from the files table, so a
row deleted or a purge marked by hand is caught: a file is reported purged only when the record holds
the purge event; otherwise missing bytes are tampering.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field


@dataclass
class FilesReport:
    checked: int = 0
    purged: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (sha256, "changed" or "missing")

    @property
    def intact(self) -> bool:
        return not self.problems


def check_files(app) -> FilesReport:
    report = FilesReport()
    for sha, purged in sorted(app.attached_hashes().items()):
        if purged:
            report.purged.append(sha)
            continue
        report.checked += 1
        problem = app.files.check(sha)
        if problem is not None:
            report.problems.append((sha, problem))
    return report


def where(app, sha: str) -> str:
    """Which documents hold these bytes, as a person would find them."""
    places = []
    for action_id, number in app.holders(sha):
        action = app.action(str(action_id))
        places.append(f"{action.reference} document {number} ({action.document(number).title!r})")
    return ", ".join(places) or "no action"


def with_file_check(handler):
    """Wrap `verify`: after the events, every evidence file; exit 1 when any changed or went missing."""

    def run(services, args) -> int:
        code = handler(services, args) or 0
        report = check_files(services.app)
        for sha, problem in report.problems:
            print(f"scr-monitor: verify: evidence file sha256 {sha} {problem}: {where(services.app, sha)}", file=sys.stderr)
        for sha in report.purged:
            print(f"purged (recorded, not tampering): sha256 {sha}: {where(services.app, sha)}")
        state = "intact" if report.intact else f"{len(report.problems)} changed or missing"
        print(f"evidence files: {report.checked} checked, {state}; {len(report.purged)} purged")
        return 1 if report.problems else code

    return run
