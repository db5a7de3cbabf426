"""Before a PostgreSQL store is opened: is the server there, does the database exist, may the role sign in?

Without this, each of those reaches the operator as eventsourcing's pool giving up after five seconds
("couldn't get a connection after 5.00 sec"), which names none of them. One direct connection, with a short
timeout, says which it is, and the command that fixes it.
"""
from __future__ import annotations

from urllib.parse import unquote, urlsplit

import psycopg
from sqlalchemy import Engine

from domain.errors import DomainError
from monitoring.config import Settings
from projections.outage import DatabaseAway, reason

CONNECT_TIMEOUT_SECONDS = 5
# What the driver says when the server is down, starting, stopping or unreachable (worth waiting for).
_AWAY = ("connection refused", "timeout expired", "starting up", "shutting down", "no route to host",
         "could not translate host name", "server closed the connection", "recovery mode")


def check_database(settings: Settings) -> None:
    """Raise DomainError (field `db`) naming what is missing; DatabaseAway when no server answers."""
    if not settings.is_postgres:
        return
    parts = urlsplit(settings.db_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 5432
    user, name = unquote(parts.username or "postgres"), parts.path.lstrip("/") or "postgres"
    try:
        with psycopg.connect(
            host=host, port=port, user=user, password=unquote(parts.password or ""), dbname=name,
            connect_timeout=CONNECT_TIMEOUT_SECONDS, autocommit=True,
        ):
            return
    except psycopg.Error as error:
        said = reason(error)
    where = f"{host}:{port}"
    if f'database "{name}" does not exist' in said:
        raise DomainError("db", f'the database "{name}" does not exist on {where}; create it with: '
                                f"createdb -h {host} -p {port} -U postgres -O {user} {name}")
    if f'role "{user}" does not exist' in said:
        raise DomainError("db", f'the role "{user}" does not exist on {where}; create it with: '
                                f"createuser -h {host} -p {port} -U postgres --pwprompt {user}")
    if "password authentication failed" in said or "no password supplied" in said:
        raise DomainError("db", f'PostgreSQL at {where} refused the password for "{user}" (check the URL in SCR_MONITOR_DB)')
    if any(sign in said.lower() for sign in _AWAY):
        raise DatabaseAway("db", f"no PostgreSQL server answers at {where} ({said})")
    raise DomainError("db", f"PostgreSQL at {where} refused the connection: {said}")


def read_only(engine: Engine) -> Engine:
    """The read API's view of the engine: on PostgreSQL each read in autocommit, so a page's twenty reads are
    twenty round trips, not eighty (no BEGIN, no ROLLBACK when the connection goes back). Under READ COMMITTED each
    statement reads its own snapshot either way, so no answer changes. SQLite's driver opens no transaction for
    a read: the engine as it is."""
    return engine.execution_options(isolation_level="AUTOCOMMIT") if engine.dialect.name == "postgresql" else engine
