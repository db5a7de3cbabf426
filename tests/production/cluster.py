"""A PostgreSQL cluster of the test's own, which it may stop and start (never the machine's main server)."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """initdb + pg_ctl as the postgres user (initdb refuses root) in a temporary directory."""

    def __init__(self) -> None:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            raise RuntimeError("no PostgreSQL binaries are installed")
        self.bindir = os.path.dirname(bins[-1])
        self.root = tempfile.mkdtemp(prefix="scr-outage-pg-")
        shutil.chown(self.root, "postgres", "postgres")
        self.data, self.port = os.path.join(self.root, "data"), _free_port()
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres")
        self.start()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", self.data, "-o", options, "-w", "start", "-l", f"{self.root}/log")

    def stop(self) -> None:
        """As an outage looks to clients: the server ends every connection at once."""
        self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")

    def create_database(self, name: str) -> str:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def remove(self) -> None:
        subprocess.run(self._as_postgres + [f"{self.bindir}/pg_ctl", "-D", self.data, "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(self._as_postgres + [f"{self.bindir}/{program}", *args], check=True, capture_output=True, timeout=120)
