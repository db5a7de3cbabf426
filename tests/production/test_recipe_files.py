"""The production recipe's files: gunicorn is a dependency, the Procfile names the three processes, the systemd
units say the same commands and pass `systemd-analyze verify`, and `serve --workers` takes a sane number."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from monitoring.cli.main import main
from monitoring.cli.production_server import gunicorn_options

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = {"web": "scr-monitor-web.service", "follower": "scr-monitor-follower.service",
         "scheduler": "scr-monitor-scheduler.service"}


def procfile() -> dict[str, str]:
    lines = [line for line in (DEPLOY / "Procfile").read_text().splitlines() if line and not line.startswith("#")]
    return dict(line.split(": ", 1) for line in lines)


def test_gunicorn_is_pinned_as_a_dependency():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(re.match(r"gunicorn[><=]", d) and "<" in d for d in dependencies)


def test_the_procfile_runs_the_web_the_follower_and_the_scheduler():
    processes = procfile()
    assert set(processes) == {"web", "follower", "scheduler"}
    assert "--workers" in processes["web"]
    assert processes["follower"].startswith("scr-monitor projections follow")
    assert processes["scheduler"] == "scr-monitor scheduler start"


@pytest.mark.parametrize("process", sorted(UNITS))
def test_each_unit_starts_the_procfiles_command(process):
    unit = (DEPLOY / "systemd" / UNITS[process]).read_text()
    command = re.search(r"^ExecStart=/opt/scr-monitor/\.venv/bin/(.+)$", unit, re.M)[1]
    expected = re.sub(r"\$\{(\w+):-([^}]+)\}", r"\2", procfile()[process])
    assert command.split()[:3] == expected.split()[:3]
    assert "Restart=always" in unit and "EnvironmentFile=/etc/scr-monitor/environment" in unit


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
@pytest.mark.parametrize("unit", sorted(UNITS.values()))
def test_the_unit_files_pass_systemd_analyze_verify(unit, tmp_path):
    # The units name the installed path; verify checks that the program exists, so point it at this checkout's.
    text = (DEPLOY / "systemd" / unit).read_text().replace("/opt/scr-monitor/.venv/bin/scr-monitor", str(Path(sys.executable).parent / "scr-monitor"))
    (tmp_path / unit).write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", str(tmp_path / unit)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_gunicorn_runs_with_timeouts_and_believes_forwarded_headers_only_from_trusted_proxies():
    options = gunicorn_options("127.0.0.1", 8050, 4)
    assert options["workers"] == 4 and options["timeout"] > 0 and options["graceful_timeout"] > 0
    assert options["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert options["max_requests"] > 0


@pytest.mark.parametrize("workers", ["0", "many", "65"])
def test_serve_refuses_a_number_of_workers_it_cannot_run(workers, capsys):
    assert main(["--db", "memory:", "serve", "--workers", workers]) == 2
    assert "is not a whole number of workers from 1 to 64" in capsys.readouterr().err
