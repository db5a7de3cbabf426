"""Configuration from the environment, in one place: only this module reads `os.environ`; the settings of
the scheduler, sign-in and the image renderer parse the mapping `environment()` gives them."""
from __future__ import annotations

import getpass
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from domain.errors import DomainError

DEFAULT_DB = "sqlite:///data/scr-monitor.sqlite"


def environment() -> Mapping[str, str]:
    """The process's environment: every setting is read from here."""
    return os.environ


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB
    key: str | None = None
    smtp_url: str | None = None
    local_user: str = "operator"
    dashboard_url: str = "http://127.0.0.1:8050"
    sign_in_window: timedelta = timedelta(minutes=15)  # failed sign-ins older than this are forgotten
    trusted_proxies: tuple = ()  # ip_network objects: only these may tell us the client's address
    anchor_key: str | None = None  # signs each event and the chain's head; held by the operator, never stored
    anchor_file: str | None = None  # a file outside the database that every verify appends its signed head to
    evidence_limit_bytes: int = 20 * 1024 * 1024  # the largest evidence document accepted (SCR_MONITOR_EVIDENCE_LIMIT_MB)
    recurrence_similarity: int = 80  # rapidfuzz token_sort_ratio (0-100) at which two recommendations' texts are the same learning
    page_lag_seconds: float = 2.0  # how long a page may show figures from before someone else's change (dashboard/page_cache.py)

    @classmethod
    def from_env(cls, db: str | None = None, environ: dict[str, str] | None = None) -> "Settings":
        env = environment() if environ is None else environ
        return cls(
            db_url=db or env.get("SCR_MONITOR_DB") or DEFAULT_DB,
            key=env.get("SCR_MONITOR_KEY") or None,
            smtp_url=env.get("SCR_MONITOR_SMTP_URL") or None,
            local_user=env.get("SCR_MONITOR_USER") or _os_user(),
            dashboard_url=env.get("SCR_MONITOR_DASHBOARD_URL") or "http://127.0.0.1:8050",
            sign_in_window=_minutes("SCR_MONITOR_SIGN_IN_WINDOW_MINUTES", env.get("SCR_MONITOR_SIGN_IN_WINDOW_MINUTES"), 15),
            trusted_proxies=proxy_networks(env.get("SCR_MONITOR_TRUSTED_PROXIES") or ""),
            anchor_key=env.get("SCR_MONITOR_ANCHOR_KEY") or None,
            anchor_file=env.get("SCR_MONITOR_ANCHOR_FILE") or None,
            evidence_limit_bytes=_megabytes("SCR_MONITOR_EVIDENCE_LIMIT_MB", env.get("SCR_MONITOR_EVIDENCE_LIMIT_MB"), 20),
            recurrence_similarity=_similarity(env.get("SCR_MONITOR_RECURRENCE_SIMILARITY")),
            page_lag_seconds=_seconds("SCR_MONITOR_PAGE_LAG_SECONDS", env.get("SCR_MONITOR_PAGE_LAG_SECONDS"), 2.0, most=60),
        )

    @property
    def is_postgres(self) -> bool:
        return self.db_url.startswith(("postgresql:", "postgres:", "postgresql+"))

    @property
    def is_memory(self) -> bool:
        return self.db_url == "memory:"


def proxy_networks(text: str) -> tuple:
    """`10.0.0.5, 10.1.0.0/16` -> networks; a mistake stops start-up, naming the setting."""
    networks = []
    for item in text.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise DomainError("SCR_MONITOR_TRUSTED_PROXIES", f"{item!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)") from None
    return tuple(networks)


def _number(name: str, text: str | None, default: float, unit: str) -> float:
    """A setting's number, or its default when unset; text that is no number is named with its unit."""
    try:
        return float(text) if text else default
    except ValueError:
        raise DomainError(name, f"{text!r} is not a number of {unit}") from None


def _minutes(name: str, text: str | None, default: float) -> timedelta:
    minutes = _number(name, text, default, "minutes")
    if not 0 < minutes <= 24 * 60:
        raise DomainError(name, "must be more than 0 and at most 1440 minutes")
    return timedelta(minutes=minutes)


def _seconds(name: str, text: str | None, default: float, *, most: float) -> float:
    seconds = _number(name, text, default, "seconds")
    if not 0 <= seconds <= most:
        raise DomainError(name, f"must be from 0 to {most:g} seconds")
    return seconds


def _megabytes(name: str, text: str | None, default: float) -> int:
    megabytes = _number(name, text, default, "megabytes")
    if not 0 < megabytes <= 1024:
        raise DomainError(name, "must be more than 0 and at most 1024 (MB)")
    return int(megabytes * 1024 * 1024)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user database in some containers
        return "operator"


def sqlite_path(url: str) -> Path:
    """`sqlite:///data/x.sqlite` (relative) or `sqlite:////abs/x.sqlite` -> a path."""
    if not url.startswith("sqlite:///"):
        raise DomainError("db", f"{url!r} is not a sqlite:/// or postgresql:// URL")
    return Path(url[len("sqlite:///"):])


AGGREGATES_KEPT = 2000  # per process: a board's open actions, recommendations and reviews, and its people


def eventsourcing_env(settings: Settings) -> dict[str, str]:
    """The eventsourcing library's persistence settings for the configured store."""
    url = settings.db_url
    # Aggregates kept in memory once read, and brought up to date from the events after their version at each
    # read (fast-forward): an action reported on weekly for years is not replayed from its first event at every
    # change. Each read gets its own copy, so a change that is refused leaves the kept one as it was.
    env: dict[str, str] = {"AGGREGATE_CACHE_MAXSIZE": str(AGGREGATES_KEPT), "AGGREGATE_CACHE_FASTFORWARD": "y",
                           "DEEPCOPY_FROM_AGGREGATE_CACHE": "y"}
    if settings.is_memory:
        env["PERSISTENCE_MODULE"] = "eventsourcing.popo"
    elif settings.is_postgres:
        parts = urlsplit(url)
        env.update(
            PERSISTENCE_MODULE="eventsourcing.postgres",
            POSTGRES_DBNAME=parts.path.lstrip("/") or "postgres",
            POSTGRES_HOST=parts.hostname or "127.0.0.1",
            POSTGRES_PORT=str(parts.port or 5432),
            POSTGRES_USER=unquote(parts.username or "postgres"),
            POSTGRES_PASSWORD=unquote(parts.password or ""),
            POSTGRES_CONNECT_TIMEOUT="5",
            # Big saves in bounded chunks in one transaction: the library's pipelined insert hangs (monitoring.storage.postgres_saves).
            APPLICATION_RECORDER_TOPIC="monitoring.storage.postgres_saves:BoundedPostgresRecorder",
        )
    else:
        path = sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        env.update(PERSISTENCE_MODULE="eventsourcing.sqlite", SQLITE_DBNAME=str(path), SQLITE_LOCK_TIMEOUT="10")
    if settings.key:
        env.update(CIPHER_TOPIC="eventsourcing.cryptography:AESCipher", CIPHER_KEY=settings.key)
    if settings.anchor_key:  # every event the application writes is signed (monitoring.security.signing)
        env.update(MAPPER_TOPIC="monitoring.security.signing:SigningMapper",
                   CIPHER_TOPIC="monitoring.security.signing:SigningCipher", EVENT_SIGNING_KEY=settings.anchor_key)
    return env


def sqlalchemy_url(settings: Settings) -> str:
    """The same database for the read models, through SQLAlchemy (psycopg 3 for PostgreSQL)."""
    url = settings.db_url
    if settings.is_memory:
        return "sqlite+pysqlite://"
    if settings.is_postgres:
        scheme, rest = url.split("://", 1)
        return "postgresql+psycopg://" + rest
    return "sqlite:///" + str(sqlite_path(url))


def _similarity(text: str | None) -> int:
    """SCR_MONITOR_RECURRENCE_SIMILARITY: a whole number from 50 to 100 (default 80)."""
    if not text:
        return 80
    if not text.strip().isdigit() or not 50 <= int(text) <= 100:
        raise DomainError("SCR_MONITOR_RECURRENCE_SIMILARITY", f"{text!r} must be a whole number from 50 to 100")
    return int(text)
