"""The production recipe run as an operator would: a PostgreSQL database and role made by deploy/postgres.sql,
the demo data, the three processes started from deploy/Procfile, and the tests' own HTTP client driving the
dashboard as signed-in people do. Shared by the recipe test (small, bounded) and the service-load benchmark."""
from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEMO_PASSWORDS = {"police.lead": "demo-police-2026", "acute.trust.lead": "demo-acute-2026",
                  "annual.report": "demo-annual-2026", "subgroup.chair": "demo-subgroup-2026",
                  "business.manager": "demo-business-2026"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def procfile() -> dict[str, str]:
    lines = [line for line in (ROOT / "deploy" / "Procfile").read_text().splitlines() if line and not line.startswith("#")]
    return dict(line.split(": ", 1) for line in lines)


def make_database(host: str, port: int, password: str = "recipe-password") -> str:
    """Run deploy/postgres.sql as the README says; returns the role's store URL."""
    subprocess.run(["psql", "-h", host, "-p", str(port), "-U", "postgres", "-v", "ON_ERROR_STOP=1",
                    "-v", f"password='{password}'", "-q", "-f", str(ROOT / "deploy" / "postgres.sql")],
                   check=True, capture_output=True, timeout=60)
    return f"postgresql://scr_monitor:{password}@{host}:{port}/scr_monitor"


class Process:
    """One line of the Procfile, started with the recipe's environment; its output kept in a file."""

    def __init__(self, name: str, environment: dict[str, str], logs: Path) -> None:
        self.name, self.environment, self.log_path = name, environment, logs / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        """The Procfile's line, its `${NAME:-default}` filled from the environment as a shell would (no shell:
        the signals sent below reach the program itself)."""
        line = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: self.environment.get(m[1], m[2]), procfile()[self.name])
        log = open(self.log_path, "a")
        self.popen = subprocess.Popen(shlex.split(line), env=self.environment, stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True)  # its own process group: kill -9 reaches no one else
        log.close()

    def kill_hard(self) -> None:
        os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self) -> int:
        if self.popen is None or self.popen.poll() is not None:
            return self.popen.returncode if self.popen else 0
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            return self.popen.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            return self.popen.wait(timeout=30)

    def children(self) -> list[int]:
        """The process's own children (gunicorn's workers, under the shell that started it)."""
        found, queue = [], [self.popen.pid]
        while queue:
            pid = queue.pop()
            kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
            found += [int(k) for k in kids]
            queue += [int(k) for k in kids]
        return found

    @property
    def output(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""


def environment(db_url: str, port: int, workers: int, smtp_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "SCR_MONITOR_DB": db_url,
           "PORT": str(port), "WEB_WORKERS": str(workers), "SCR_MONITOR_USER": "business.manager",
           "SCR_MONITOR_SECRET": "recipe-test-secret", "SCR_MONITOR_DASHBOARD_URL": f"http://127.0.0.1:{port}"}
    if smtp_url:
        env["SCR_MONITOR_SMTP_URL"] = smtp_url
    env.update(extra)
    return env


def wait_until_healthy(base: str, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            response = requests.get(f"{base}/healthz", timeout=5)
            if response.status_code == 200:
                return response.json()
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{base}/healthz did not answer 200 within {seconds} s")


# --- a signed-in person's browser, as far as the server can tell ------------------------------------------

class _Answer:
    def __init__(self, response: requests.Response) -> None:
        self.status_code = response.status_code
        self._response = response
        self.is_json = response.headers.get("Content-Type", "").startswith("application/json")
        self.headers = response.headers

    def get_json(self):
        return self._response.json()

    def get_data(self, as_text: bool = False):
        return self._response.text if as_text else self._response.content


class Browser:
    """requests.Session with the Flask test client's few methods that tests.security's `call` uses."""

    def __init__(self, base: str, timeout: float = 30) -> None:
        self.base, self.timeout = base, timeout
        self.session = requests.Session()

    def get(self, path: str) -> _Answer:
        return _Answer(self.session.get(self.base + path, timeout=self.timeout, allow_redirects=False))

    def post(self, path: str, json=None, data=None, headers=None) -> _Answer:
        return _Answer(self.session.post(self.base + path, json=json, data=data, headers=headers,
                                         timeout=self.timeout, allow_redirects=False))

    def dependencies(self, attempts: int = 5) -> list:
        """Dash's callback list, as the renderer asks for it after the page loads (tried again if cut off)."""
        for attempt in range(attempts):
            try:
                return self.get("/_dash-dependencies").get_json()
            except requests.ConnectionError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.5)
        raise AssertionError("unreachable")

    def get_cookie(self, name: str):
        return SimpleNamespace(value=self.session.cookies.get(name))

    def sign_in(self, username: str, password: str | None = None, attempts: int = 5) -> float:
        """Returns the seconds the sign-in took (the form's POST); a connection cut off (a worker killed) is
        tried again, as a person would."""
        for attempt in range(attempts):
            try:
                return self._sign_in(username, password)
            except requests.ConnectionError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.5)
        raise AssertionError("unreachable")

    def _sign_in(self, username: str, password: str | None) -> float:
        page = self.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
        started = time.perf_counter()
        answer = self.post("/login", data={"username": username, "password": password or DEMO_PASSWORDS[username], "csrf_token": token})
        seconds = time.perf_counter() - started
        if answer.status_code != 302:
            raise AssertionError(f"sign-in as {username} answered {answer.status_code}")
        return seconds


def callback(browser: Browser, dependencies: list, where: str, values: dict) -> tuple[int, str]:
    """POST the callback whose output or input mentions `where`, as Dash's renderer would."""
    dep = next(d for d in dependencies if where in d["output"] or any(where in i["id"] for i in d["inputs"]))
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        ident, prop = part.rsplit(".", 1)
        outputs.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})

    def filled(items):
        return [{"id": json.loads(i["id"]) if i["id"].startswith("{") else i["id"], "property": i["property"],
                 "value": values.get(f'{i["id"]}.{i["property"]}')} for i in items]

    body = {"output": dep["output"], "outputs": outputs,
            "inputs": filled(dep["inputs"]), "state": filled(dep["state"]),
            "changedPropIds": [f'{dep["inputs"][0]["id"]}.{dep["inputs"][0]["property"]}']}
    answer = browser.post("/_dash-update-component", json=body, headers={"X-CSRFToken": browser.get_cookie("_csrf_token").value})
    return answer.status_code, answer.get_data(as_text=True)


PROGRESS_FORM = '{"form":"progress","type":"action-form"}'
PROGRESS_FIELD = '{"form":"progress","name":"%s","type":"action-field"}'


def report_progress(browser: Browser, dependencies: list, reference: str, note: str, on: str) -> tuple[int, str]:
    """The agency lead's progress form on the action page, submitted."""
    return callback(browser, dependencies, PROGRESS_FORM, {
        f"{PROGRESS_FORM}.n_submit": 1, "action-ref.data": reference, "action-version.data": None,
        f"{PROGRESS_FIELD % 'note'}.value": note, f"{PROGRESS_FIELD % 'on'}.value": on,
    })


def open_page(browser: Browser, dependencies: list, path: str) -> tuple[int, str]:
    """What the renderer asks for when a page is opened: its content, drawn by the pages callback."""
    return callback(browser, dependencies, "_pages_content", {"_pages_location.pathname": path, "_pages_location.search": ""})
