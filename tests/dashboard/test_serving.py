"""The dashboard is served by `scr-monitor serve` and, for production, by any WSGI server via `dashboard.app:server`."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request

from tests.dashboard.conftest import ROOT


def test_scr_monitor_serve_answers_on_the_port_it_names(tmp_path):
    command = [sys.executable, "-m", "monitoring", "serve", "--db", f"sqlite:///{tmp_path / 's.sqlite'}", "--port", "0"]
    server = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True, env={**os.environ, "SCR_MONITOR_USER": "chair"})
    try:
        line = server.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        page = urllib.request.urlopen(url, timeout=30).read().decode()
        assert '<html lang="en-GB">' in page
        assert "/assets/00-bootstrap-5.3.9.min.css" in page  # styles from the app itself, never a CDN
        assert "https://" not in page.split("<body>")[0]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_wsgi_entry_builds_the_app_from_the_environment(tmp_path):
    script = (
        "from werkzeug.test import Client\n"
        "from dashboard.app import server\n"
        "response = Client(server).get('/_dash-layout')\n"
        "print(response.status_code, 'Acting as' in response.get_data(as_text=True))\n"
    )
    env = {**os.environ, "SCR_MONITOR_DB": f"sqlite:///{tmp_path / 'w.sqlite'}", "SCR_MONITOR_DASHBOARD_USER": "chair"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["200", "True"], result.stderr[-2000:]
