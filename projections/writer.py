"""Bulk writes straight through the driver: one executemany per table and batch.

SQLAlchemy's per-row parameter processing cost more than the database itself on a rebuild. Here a row
is picked from its state with one C-level attrgetter/itemgetter, only JSON columns are converted in
Python, and the tuples go to the driver. Values are stored exactly as SQLAlchemy's own types store
them (ISO dates on SQLite, native types on PostgreSQL), so Core selects read them back as usual.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import date
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple
from uuid import UUID

from sqlalchemy import JSON, Connection, Engine, Table, create_engine, event

from projections.schema import DateDict

# What SQLAlchemy's SQLite Date type writes, registered explicitly (Python 3.12 deprecates the default).
sqlite3.register_adapter(date, date.isoformat)

_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode


def _json(value: Any) -> str | None:
    return None if value is None else _encode_json(value)


def _date_dict(value: dict | None) -> str | None:
    return None if value is None else _encode_json({k: v.isoformat() for k, v in value.items()})


_ID_TEXTS: dict[int, str] = {}  # UUID's 128-bit number -> its text; ids repeat a lot in a batch


def id_text(value: Any) -> str | None:
    """An aggregate id as the text the tables hold. Cached by the UUID's number: hashing an int is done
    in C, hashing a UUID object runs Python (this is called once per event in a rebuild)."""
    if value is None or type(value) is str:
        return value
    if type(value) is not UUID:
        return str(value)
    number = value.int
    text = _ID_TEXTS.get(number)
    if text is None:
        if len(_ID_TEXTS) >= 200_000:
            _ID_TEXTS.clear()
        text = _ID_TEXTS[number] = str(value)
    return text


def converter(column_type) -> Callable[[Any], Any] | None:
    if isinstance(column_type, DateDict):
        return _date_dict
    if isinstance(column_type, JSON):
        return _json
    return None


class TableWriter:
    """INSERT and UPDATE-by-key statements for one table, in the driver's own parameter style."""

    def __init__(self, table: Table, dialect, key: tuple[str, ...] | None = None, settable: tuple[str, ...] | None = None) -> None:
        quote = dialect.identifier_preparer.quote
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        names = [c.name for c in table.columns]
        key = key or tuple(c.name for c in table.primary_key.columns)
        settable = list(settable or [n for n in names if n not in key])
        self._insert_names, self._update_names = names, [*settable, *key]
        self._converters = {c.name: converter(c.type) for c in table.columns}
        name = quote(table.name)
        self.insert_sql = f"INSERT INTO {name} ({', '.join(map(quote, names))}) VALUES ({', '.join([mark] * len(names))})"
        # PostgreSQL takes many new rows fastest through COPY (one stream, no statement per row).
        self.copy_sql = f"COPY {name} ({', '.join(map(quote, names))}) FROM STDIN" if dialect.name == "postgresql" else None
        self.update_sql = (
            f"UPDATE {name} SET {', '.join(f'{quote(n)} = {mark}' for n in settable)}"
            f" WHERE {' AND '.join(f'{quote(n)} = {mark}' for n in key)}"
        )

    def insert(self, rows: Iterable[Any], *, from_dicts: bool = False) -> Statement:
        return Statement(self.insert_sql, self._params(self._insert_names, rows, from_dicts), self.copy_sql)

    def insert_tuples(self, rows: list[tuple]) -> Statement:
        """Rows already in column order and converted (the history, built as tuples in the hot path)."""
        return Statement(self.insert_sql, rows, self.copy_sql)

    def update(self, rows: Iterable[Any], *, from_dicts: bool = False) -> Statement:
        return Statement(self.update_sql, self._params(self._update_names, rows, from_dicts))

    def _params(self, names: list[str], rows: Iterable[Any], from_dicts: bool) -> list[tuple]:
        """One tuple per row, picked in C; only JSON columns go through Python."""
        pick = (itemgetter if from_dicts else attrgetter)(*names)
        fixes = [(i, self._converters[n]) for i, n in enumerate(names) if self._converters[n] is not None]
        if not fixes:
            return [pick(row) for row in rows]
        params = []
        for row in rows:
            values = list(pick(row))
            for i, convert in fixes:
                values[i] = convert(values[i])
            params.append(tuple(values))
        return params


class Statement(NamedTuple):
    sql: str
    rows: list
    copy_sql: str | None = None


COPY_FROM = 50  # rows: below this, one executemany is as quick as opening a COPY


def execute(connection: Connection, statements: list[Statement]) -> None:
    """Send the batch's writes: on SQLite one executemany per statement; on PostgreSQL many new rows by
    COPY, then everything else in one pipeline (one round trip instead of one per statement)."""
    statements = [s for s in statements if s.rows]
    if connection.dialect.name != "postgresql":
        for statement in statements:
            connection.exec_driver_sql(statement.sql, statement.rows)
        return
    raw = connection.connection.driver_connection
    by_copy = [s for s in statements if s.copy_sql and len(s.rows) >= COPY_FROM]
    the_rest = [s for s in statements if not (s.copy_sql and len(s.rows) >= COPY_FROM)]
    with raw.cursor() as cursor:
        for statement in by_copy:
            with cursor.copy(statement.copy_sql) as copy:
                for row in statement.rows:
                    copy.write_row(row)
        with raw.pipeline():
            for statement in the_rest:
                cursor.executemany(statement.sql, statement.rows)


def prepare_bulk(connection: Connection) -> None:
    """Settings for a big batch, for this transaction's connection.

    SQLite: 64 MB of page cache (a batch touches many pages), and the write-ahead log folded into the
    database every 40 MB instead of every 4 MB (fewer, larger checkpoints). PostgreSQL: the commit does
    not wait for its log to reach the disk; a crash can lose the last batches, but each is lost whole with
    the position it reached, so the next catch-up projects them again."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA cache_size=-65536")
        connection.exec_driver_sql("PRAGMA wal_autocheckpoint=10000")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL synchronous_commit = off")


def create_sqlite_engine(url: str, **options: Any) -> Engine:
    """The read models' SQLite file as every process opens it: WAL, so readers and the event writer work
    side by side; fsync at checkpoints only; up to 30 s of waiting for another process's write lock."""
    connect_args = {"timeout": 30, **options.pop("connect_args", {})}
    engine = create_engine(url, connect_args=connect_args, **options)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine
