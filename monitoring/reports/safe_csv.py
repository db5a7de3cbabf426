"""Every CSV the product writes goes through here, so no cell can run as a formula when a spreadsheet opens it.

Why: a note typed as `=HYPERLINK("http://...","Click")` opened as a live formula in LibreOffice (CSV injection).
OWASP's rule: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
Numbers stay numbers; the import strips the `'` again (monitoring.trackers.importing.csv_files), so round trips
keep the text as typed.
"""
from __future__ import annotations

import csv

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell neutralised; anything else (numbers, dates, None) as it is."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer with every text cell neutralised."""

    def __init__(self, stream, **options) -> None:
        self.writer = csv.writer(stream, **options)

    def writerow(self, row) -> None:
        self.writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)
