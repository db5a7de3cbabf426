"""Listings as a table for people, or json/csv for scripts (CSV cells neutralised: monitoring.reports.safe_csv)."""
from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from domain.text import NAME, without_controls
from monitoring.reports.safe_csv import SafeWriter


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def render(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([{c: _plain(r.get(c)) for c in columns} for r in rows], indent=2, default=str)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = SafeWriter(buffer, lineterminator="\n")  # a text cell starting "=" is never a formula
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else _plain(row.get(c)) for c in columns])
        return buffer.getvalue().rstrip("\n")
    return table(rows, columns)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    text, _ = without_controls(str(_plain(value)), NAME)  # one line; no terminal escape from an older record
    return text if len(text) <= 60 else text[:57] + "..."
