"""Monthly snapshots of the status figures, as they stood when taken: the audit trail of the trend charts.

Figures for a past month can change later (updates are recorded with earlier effective dates); a
snapshot keeps what the board could see at the time. One per board and month, taken once.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Column, Date, DateTime, MetaData, PrimaryKeyConstraint, String, Table, Text, insert, select
from sqlalchemy.exc import IntegrityError

from monitoring.scheduler.outbox import ensure_tables, utcnow

metadata = MetaData()

status_snapshots = Table(
    "status_snapshots",
    metadata,
    Column("month", String(7), nullable=False),  # "2026-10"
    Column("board", String(255), nullable=False),
    Column("as_at", Date, nullable=False),
    Column("taken_at", DateTime, nullable=False),
    Column("figures", Text, nullable=False),  # status(by="agency") as JSON, docs/contract.md's shape
    PrimaryKeyConstraint("month", "board"),
)


def month_before(today: date) -> tuple[str, date]:
    """The last complete month: its label and its last day."""
    last_day = today.replace(day=1) - timedelta(days=1)
    return f"{last_day:%Y-%m}", last_day


@dataclass
class SnapshotReport:
    job: str = "snapshot"
    month: str = ""
    taken: list[str] = field(default_factory=list)
    already_taken: int = 0

    def summary(self) -> str:
        return (f"snapshot: status figures for {self.month} taken for {len(self.taken)} board(s), "
                f"{self.already_taken} taken before (kept as they were)")


def take(services, today: date) -> SnapshotReport:
    ensure_tables(services.engine, metadata)
    month, as_at = month_before(today)
    report = SnapshotReport(month=month)
    for board in services.queries.boards():
        figures = services.queries.status(by="agency", board=board["name"], as_at=as_at)
        try:
            with services.engine.begin() as conn:
                conn.execute(insert(status_snapshots).values(
                    month=month, board=board["name"], as_at=as_at, taken_at=utcnow(), figures=json.dumps(figures)))
            report.taken.append(board["name"])
        except IntegrityError:
            report.already_taken += 1
    return report


def snapshots(engine, board: str | None = None) -> list[dict]:
    """Every snapshot taken, oldest month first, figures decoded."""
    ensure_tables(engine, metadata)
    query = select(status_snapshots).order_by(status_snapshots.c.month, status_snapshots.c.board)
    if board:
        query = query.where(status_snapshots.c.board == board)
    with engine.connect() as conn:
        return [dict(r) | {"figures": json.loads(r["figures"])} for r in conn.execute(query).mappings()]
