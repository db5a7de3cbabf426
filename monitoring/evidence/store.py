"""The bytes of evidence documents, content-addressed by SHA-256, in the store's own database.

Why here and not on disk: one database is one thing to back up, restore and encrypt; a folder of
files beside it would drift from the record. Why its own table and transaction: a 20 MB file must
not be written while the event table is locked, so the bytes are committed first and the event
that attaches them is saved after (a file stored with no event is harmless and is stored once).
With SCR_MONITOR_KEY set the bytes are encrypted with the events' own cipher.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import (
    BigInteger, Boolean, Column, Date, DateTime, Engine, LargeBinary, MetaData, String, Table, Text, func, insert, select, update,
)
from sqlalchemy.exc import IntegrityError

from domain.errors import DomainError, NotFound
from projections.tables import create_tables

metadata = MetaData()
files = Table(
    "evidence_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("encrypted", Boolean, nullable=False),
    Column("content", LargeBinary),  # NULL once purged
    Column("stored_at", DateTime(timezone=True), nullable=False),
    Column("purged_on", Date),
    Column("purged_reason", Text),
)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    kind: str
    content: bytes | None  # plain bytes (decrypted), None when purged
    purged_on: date | None
    purged_reason: str | None


class FileStore:
    """Put, get, purge and check the stored bytes; `cipher` is the events' cipher (None: stored plain)."""

    def __init__(self, engine: Engine, cipher=None) -> None:
        self.engine = engine
        self.cipher = cipher
        self._ready = False

    def ensure_table(self) -> None:
        if not self._ready:
            create_tables(self.engine, metadata)
            self._ready = True

    def put(self, data: bytes, kind: str) -> str:
        """Store these bytes (once) in their own transaction; returns their SHA-256."""
        self.ensure_table()
        sha = sha256_of(data)
        with self.engine.connect() as connection:
            row = connection.execute(select(files.c.purged_on).where(files.c.sha256 == sha)).first()
        if row is not None:
            if row.purged_on is not None:
                raise DomainError("file", f"these bytes (sha256 {sha}) were purged on {row.purged_on.isoformat()}; they cannot be attached again")
            return sha
        content = self.cipher.encrypt(data) if self.cipher is not None else data
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(files).values(
                    sha256=sha, size=len(data), kind=kind, encrypted=self.cipher is not None, content=content,
                    stored_at=datetime.now(timezone.utc),
                ))
        except IntegrityError:
            pass  # the same bytes, stored a moment ago by someone else
        return sha

    def get(self, sha: str) -> StoredFile:
        self.ensure_table()
        with self.engine.connect() as connection:
            row = connection.execute(select(files).where(files.c.sha256 == sha)).first()
        if row is None:
            raise NotFound("sha256", f"no stored file {sha}")
        content = None if row.content is None else self._plain(bytes(row.content), row.encrypted)
        return StoredFile(row.sha256, row.size, row.kind, content, row.purged_on, row.purged_reason)

    def purge(self, sha: str, reason: str, on: date) -> None:
        """Destroy the bytes; the row (hash, size, kind, when and why) stays."""
        self.ensure_table()
        with self.engine.begin() as connection:
            connection.execute(update(files).where(files.c.sha256 == sha).values(content=None, purged_on=on, purged_reason=reason))

    def check(self, sha: str) -> str | None:
        """None when the stored bytes still hash to `sha`; else what is wrong, in a few words (asked only of
        files the record does not say were purged)."""
        self.ensure_table()
        with self.engine.connect() as connection:
            row = connection.execute(select(files.c.content, files.c.encrypted).where(files.c.sha256 == sha)).first()
        if row is None:
            return "missing"
        if row.content is None:
            return "missing"  # a purge counts only when the record holds its event (monitoring.evidence.verification)
        try:
            plain = self._plain(bytes(row.content), row.encrypted)
        except DomainError:
            return "changed (cannot be decrypted)"
        return None if sha256_of(plain) == sha else "changed"

    def shas(self) -> list[str]:
        self.ensure_table()
        with self.engine.connect() as connection:
            return list(connection.execute(select(files.c.sha256).order_by(files.c.sha256)).scalars())

    def encrypted_count(self) -> int:
        """Files whose bytes are held encrypted (what `key rotate` re-encrypts)."""
        self.ensure_table()
        with self.engine.connect() as connection:
            return connection.execute(
                select(func.count()).select_from(files).where(files.c.content.is_not(None), files.c.encrypted)
            ).scalar_one()

    def reencrypt(self, connection, old, new) -> int:
        """Inside `key rotate`'s transaction: every stored file decrypted with `old`, encrypted with `new`."""
        self.ensure_table()
        rows = connection.execute(select(files.c.sha256, files.c.content).where(files.c.content.is_not(None), files.c.encrypted)).all()
        for sha, content in rows:
            connection.execute(update(files).where(files.c.sha256 == sha).values(content=new.encrypt(old.decrypt(bytes(content)))))
        return len(rows)

    def _plain(self, content: bytes, encrypted: bool) -> bytes:
        if not encrypted:
            return content
        if self.cipher is None:
            raise DomainError("SCR_MONITOR_KEY", "this store's files are encrypted; set SCR_MONITOR_KEY")
        try:
            return self.cipher.decrypt(content)
        except Exception:
            raise DomainError("SCR_MONITOR_KEY", "cannot decrypt a stored file: wrong key, or the file was changed") from None
