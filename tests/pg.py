"""A PostgreSQL server for the tests: the configured one, or a throwaway cluster from the installed binaries."""
from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

import psycopg

DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"


def _answers(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=3, autocommit=True) as conn:
            conn.execute("select 1")
        return True
    except Exception:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _throwaway_cluster() -> str:
    """initdb + pg_ctl as the postgres user (initdb refuses root) in a temporary directory."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        raise RuntimeError("no PostgreSQL server answers and no PostgreSQL binaries are installed")
    bindir = os.path.dirname(bins[-1])
    root = tempfile.mkdtemp(prefix="scr-pg-")
    shutil.chown(root, "postgres", "postgres")
    data, port = os.path.join(root, "data"), _free_port()
    run = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(run + [f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres"], check=True, capture_output=True)
    subprocess.run(
        run + [f"{bindir}/pg_ctl", "-D", data, "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "-w", "start", "-l", f"{root}/log"],
        check=True, capture_output=True,
    )
    atexit.register(lambda: subprocess.run(run + [f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"], capture_output=True))
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


_server: str | None = None


def server_url() -> str:
    """The maintenance URL of a server that answers; started once per test process."""
    global _server
    if _server is None:
        configured = os.environ.get("SCR_MONITOR_TEST_PG", DEFAULT)
        _server = configured if _answers(configured) else _throwaway_cluster()
    return _server


def fresh_database() -> tuple[str, callable]:
    """A new empty database; returns its URL and a function that drops it."""
    admin = server_url()
    name = f"scr_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    url = admin.rsplit("/", 1)[0] + "/" + name

    def drop() -> None:
        for _ in range(5):
            try:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'drop database if exists "{name}" with (force)')
                return
            except Exception:
                time.sleep(0.2)

    return url, drop
