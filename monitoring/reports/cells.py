"""A figure's or table's value as a person reads it in a file (CSV, XLSX, HTML) or on the page."""
from __future__ import annotations

from monitoring.reports.annual_report import AnnualReport, as_plain
from monitoring.reports.figures import Column


def cell(column: Column, value, report: AnnualReport, *, lines: str = "; "):
    """A value as a person reads it in a file: RAG with its word, dates ISO, lists joined."""
    if value is None:
        return ""
    if column.kind == "rag":
        return report.context.band(value)
    if column.kind == "list":
        return lines.join(map(str, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if isinstance(value, str) and column.key == "status":
        return value.replace("_", " ")
    return as_plain(value)
