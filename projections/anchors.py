"""Anchors: the chain's head as it stood, signed with the operator's key, kept in the database and in a file.

The database's writer can rewrite events and chain together, and can delete anchor rows; it cannot sign a
new anchor without the key, and it cannot reach the anchor file if the operator keeps that elsewhere (another
host, a write-once volume, a mailbox). `verify` checks that every anchor still matches the chain at its
position, so a log cut back below an anchor, or rewritten under one, is reported.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import BigInteger, Boolean, Column, Engine, Integer, MetaData, String, Table, insert, select

from domain.errors import DomainError
from projections.tables import create_tables

metadata = MetaData()
anchors = Table(
    "event_chain_anchors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("position", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Column("reason", String(300), nullable=False),
    Column("rechained", Boolean, nullable=False),  # the chain was re-made here (key rotate): older anchors are history
    Column("mac", String(64)),  # HMAC-SHA256 with SCR_MONITOR_ANCHOR_KEY; empty when no key was set
)


@dataclass(frozen=True)
class Anchor:
    position: int
    hash: str
    recorded_at: str
    reason: str
    rechained: bool = False
    mac: str | None = None

    def message(self) -> bytes:
        return "\n".join(("scr-monitor anchor v1", str(self.position), self.hash, self.recorded_at, self.reason,
                          "1" if self.rechained else "0")).encode()

    def signed(self, key: bytes | None) -> "Anchor":
        mac = hmac.new(key, self.message(), hashlib.sha256).hexdigest() if key else None
        return Anchor(self.position, self.hash, self.recorded_at, self.reason, self.rechained, mac)

    def checks(self, key: bytes) -> bool:
        return bool(self.mac) and hmac.compare_digest(self.mac, self.signed(key).mac)

    def __str__(self) -> str:
        return f"event {self.position} ({self.reason}, {self.recorded_at})"


class Anchors:
    """Where anchors are recorded (the table, and the file when SCR_MONITOR_ANCHOR_FILE names one)."""

    def __init__(self, engine: Engine, key: bytes | None, file: str | None) -> None:
        self.engine, self.key, self.file = engine, key, Path(file) if file else None
        create_tables(engine, metadata)

    def record(self, position: int, head: str, reason: str, *, rechained: bool = False, connection=None) -> Anchor:
        """Sign and keep the head; in the caller's transaction when given one (a restore, a key rotation)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        anchor = Anchor(position, head, now, reason[:300], rechained).signed(self.key)
        if self.file:  # first: an anchor file that cannot be written stops the anchor, in one line
            try:
                self.file.parent.mkdir(parents=True, exist_ok=True)
                with self.file.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(asdict(anchor)) + "\n")
            except OSError as error:
                raise DomainError("SCR_MONITOR_ANCHOR_FILE", f"cannot append to {self.file}: {error.strerror}") from None
        if connection is not None:
            connection.execute(insert(anchors).values(**asdict(anchor)))
        else:
            with self.engine.begin() as own:
                own.execute(insert(anchors).values(**asdict(anchor)))
        return anchor

    def in_force(self) -> list[Anchor]:
        """The table's anchors since the chain was last re-made, then the file's last one (if any)."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(anchors).order_by(anchors.c.id)).all()
        found = [Anchor(r.position, r.hash, r.recorded_at, r.reason, bool(r.rechained), r.mac) for r in rows]
        # Only a re-chaining anchor this key signed may retire the anchors before it (else a forged row could).
        last_rechained = max((i for i, a in enumerate(found) if a.rechained and (self.key is None or a.checks(self.key))), default=0)
        current = found[last_rechained:]
        from_file = self.last_in_file()
        if from_file is not None and not (from_file.rechained is False and any(a.rechained and a.recorded_at > from_file.recorded_at for a in current)):
            current.append(from_file)
        return current

    def latest(self) -> Anchor | None:
        current = self.in_force()
        return max(current, key=lambda a: a.position) if current else None

    def last_in_file(self) -> Anchor | None:
        if not self.file or not self.file.exists():
            return None
        lines = [line for line in self.file.read_text(encoding="utf-8").splitlines() if line.strip()]
        if not lines:
            return None
        try:
            return Anchor(**json.loads(lines[-1]))
        except (ValueError, TypeError):
            return Anchor(-1, "", "", f"unreadable last line in {self.file}", False, "unreadable")
