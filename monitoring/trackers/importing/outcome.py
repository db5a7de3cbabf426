"""What an import did (or, in a dry run, would do), counted for the summary a person reads."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from monitoring.trackers.importing.problems import Problem


MAX_NOTES = 25  # a 10,000-row file can carry thousands; the first ones show the pattern


@dataclass
class Outcome:
    filename: str
    sheet: str = ""
    rows: int = 0
    dry_run: bool = False
    boards_registered: dict[str, list[str]] = field(default_factory=dict)
    agencies_added: dict[str, list[str]] = field(default_factory=dict)
    reviews_created: list[str] = field(default_factory=list)
    recommendations_created: list[str] = field(default_factory=list)
    actions_created: list[str] = field(default_factory=list)
    actions_changed: list[str] = field(default_factory=list)
    events: Counter = field(default_factory=Counter)  # event name -> how many, on records that already existed
    other_changes: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.boards_registered or self.agencies_added or self.reviews_created or self.recommendations_created
                    or self.actions_created or self.actions_changed or self.other_changes)

    def lines(self) -> list[str]:
        verb = (lambda done, would: would) if self.dry_run else (lambda done, would: done)
        head = f"{self.filename}: {self.rows} row{'s' if self.rows != 1 else ''}" + (f" ({self.sheet})" if self.sheet else "")
        if self.dry_run:
            head += "; dry run, nothing written"
        lines = [head]
        for board, agencies in self.boards_registered.items():
            lines.append(f"{verb('registered', 'would register')} board {board!r} with agencies: {', '.join(agencies)}")
        for board, agencies in self.agencies_added.items():
            lines.append(f"{verb('added', 'would add')} agencies to {board!r}: {', '.join(agencies)}")
        created = [(len(self.reviews_created), "review"), (len(self.recommendations_created), "recommendation"),
                   (len(self.actions_created), "action")]
        if any(n for n, _ in created):
            parts = ", ".join(f"{n} {noun}{'s' if n != 1 else ''}" for n, noun in created if n)
            lines.append(f"{verb('created', 'would create')} {parts}")
        if self.reviews_created and len(self.reviews_created) <= 20:
            lines.append("  reviews: " + ", ".join(self.reviews_created))
        if self.actions_changed:
            events = ", ".join(f"{n} {name}" for name, n in sorted(self.events.items()))
            lines.append(f"{verb('updated', 'would update')} {len(self.actions_changed)} existing action"
                         f"{'s' if len(self.actions_changed) != 1 else ''} ({events})")
            if len(self.actions_changed) <= 20:
                lines.append("  " + ", ".join(self.actions_changed))
        lines += [f"{verb('changed', 'would change')} {change}" for change in self.other_changes]
        if not self.changed_anything:
            lines.append("nothing to change: the store already matches the file")
        # By row (the file's own notes, row 0, first), then in the order found: a person reads down the file.
        lines += [f"note: {warning}" for warning in sorted(self.warnings, key=lambda w: w.row)[:MAX_NOTES]]
        if len(self.warnings) > MAX_NOTES:
            lines.append(f"note: ... and {len(self.warnings) - MAX_NOTES} more like these")
        return lines
