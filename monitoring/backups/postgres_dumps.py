"""PostgreSQL: pg_dump's custom format (one consistent snapshot of every table) and pg_restore in one
transaction; a scratch database to prove a dump restores before the backup is called done."""
from __future__ import annotations

import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from domain.errors import DomainError

MAGIC = b"PGDMP"
EVENTS = "scr_monitor_events"  # eventsourcing names it after the application (Monitoring.name)
TIMEOUT = 3600  # seconds: a store of national size dumps in minutes; a hung tool must still end


def libpq_url(url: str) -> str:
    """`postgresql+psycopg://...` -> `postgresql://...`, as pg_dump and psycopg take it."""
    scheme, rest = url.split("://", 1)
    return "postgresql://" + rest


def with_database(url: str, name: str) -> str:
    parts = urlsplit(libpq_url(url))
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except FileNotFoundError:
        raise DomainError(what, f"{command[0]} is not installed; install the PostgreSQL client (apt-get install postgresql-client)") from None
    except subprocess.TimeoutExpired:
        raise DomainError(what, f"{command[0]} did not finish in {TIMEOUT} s") from None
    if done.returncode != 0:
        first = next((line for line in done.stderr.splitlines() if line.strip()), f"exit {done.returncode}")
        raise DomainError(what, f"{command[0]} failed: {first}")


def dump(url: str, target: Path) -> None:
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", f"--dbname={libpq_url(url)}"], "backup")


def restore(file: Path, url: str) -> None:
    """Everything or nothing: one transaction, stopping at the first error."""
    _run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--clean",
          "--if-exists", f"--dbname={libpq_url(url)}", str(file)], "restore")


def events_held(url: str) -> int:
    """Events stored in the database (0 when it has no events table yet): empty enough to restore into."""
    with psycopg.connect(libpq_url(url), connect_timeout=5, autocommit=True) as connection:
        found = connection.execute("select to_regclass(%s)", (f"public.{EVENTS}",)).fetchone()[0]
        return connection.execute(f'select count(*) from "{EVENTS}"').fetchone()[0] if found else 0


class ScratchDatabase:
    """A throwaway database on the same server, for restoring a dump to check it; dropped afterwards."""

    def __init__(self, url: str) -> None:
        self.maintenance = with_database(url, "postgres")
        self.name = f"scr_backup_check_{uuid.uuid4().hex[:12]}"
        self.url = with_database(url, self.name)

    def __enter__(self) -> "ScratchDatabase":
        try:
            with psycopg.connect(self.maintenance, connect_timeout=5, autocommit=True) as connection:
                connection.execute(f'create database "{self.name}"')
        except psycopg.Error as error:
            raise DomainError("backup", f"cannot create a scratch database to check the backup in: {error}".splitlines()[0]) from None
        return self

    def __exit__(self, *exc) -> None:
        with psycopg.connect(self.maintenance, connect_timeout=5, autocommit=True) as connection:
            connection.execute(f'drop database if exists "{self.name}" with (force)')


def is_backup(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(len(MAGIC)) == MAGIC
