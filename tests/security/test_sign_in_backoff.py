"""The sign-in slow-down: per account and address, per address, forgotten after a window, and never a lock-out
of the partnership by one hostile script (behind a shared proxy or not)."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from dashboard.app import create_app
from dashboard.auth import EXTENSION
from dashboard.client_address import client_address
from domain.errors import DomainError
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings, proxy_networks
from tests.conftest import TODAY
from tests.security.conftest import PASSWORD, add_people, build_two_boards

PROXY = "10.0.0.5"


@pytest.fixture
def served(sqlite_url):
    """The dashboard behind a reverse proxy at 10.0.0.5 (trusted), with a 15-minute window."""
    services = bootstrap(Settings(db_url=sqlite_url, trusted_proxies=proxy_networks(PROXY)), clock=lambda: TODAY)
    build_two_boards(services)
    add_people(services)
    yield create_app(services).server
    services.close()


def attempt(server, username, password, *, remote=PROXY, forwarded=None):
    """One sign-in from a fresh browser: its own cookies, the connection from `remote`."""
    client = server.test_client()
    environ = {"REMOTE_ADDR": remote}
    html = client.get("/login", environ_base=environ).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)[1]
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                       environ_base=environ, headers=headers).status_code


def move_clock(server, by: timedelta) -> None:
    auth = server.extensions[EXTENSION]
    start = auth.now()
    auth.now = lambda: start + by


def test_one_hostile_script_behind_the_proxy_cannot_lock_out_the_partnership(served):
    # The script's requests all reach us from the proxy, naming the script's own machine.
    for n in range(60):
        assert attempt(served, ("chair", "bm", f"guess{n}")[n % 3], "Password1!", forwarded="198.51.100.66") in (401, 429)
    # Everyone else, through the same proxy, from their own machines, signs in at once.
    for username, machine in (("chair", "198.51.100.20"), ("bm", "198.51.100.21"), ("viewer", "198.51.100.22")):
        assert attempt(served, username, PASSWORD, forwarded=machine) == 302
    # And the script, even with the right password it might have found, waits.
    assert attempt(served, "chair", PASSWORD, forwarded="198.51.100.66") == 429


def test_without_a_trusted_proxy_everyone_shares_its_address_and_still_signs_in(served):
    shared = "10.9.9.9"  # a proxy nobody listed: every request seems to come from it
    for n in range(40):
        attempt(served, f"guess{n}", "Password1!", remote=shared)
    for username in ("chair", "bm", "viewer", "police.lead"):
        assert attempt(served, username, PASSWORD, remote=shared) == 302


def test_from_a_suspect_address_an_account_waits_after_its_first_own_failure(served):
    shared = "10.9.9.9"
    for n in range(20):
        attempt(served, f"guess{n}", "Password1!", remote=shared)
    assert attempt(served, "viewer", "typo", remote=shared) == 401
    assert attempt(served, "viewer", PASSWORD, remote=shared) == 429  # 2 seconds, not the 3 free tries
    move_clock(served, timedelta(seconds=3))
    assert attempt(served, "viewer", PASSWORD, remote=shared) == 302


def test_forwarded_for_is_ignored_unless_a_trusted_proxy_sent_it(served):
    attacker = "203.0.113.9"
    for n in range(3):
        attempt(served, "chair", "guess", remote=attacker, forwarded=f"192.0.2.{n}")  # a new 'address' each time
    assert attempt(served, "chair", PASSWORD, remote=attacker, forwarded="192.0.2.77") == 429
    assert attempt(served, "chair", PASSWORD, remote="203.0.113.10") == 302


def test_a_client_cannot_pose_as_another_by_writing_forwarded_for_itself(served):
    for _ in range(3):  # the proxy appends what it saw after whatever the client sent
        attempt(served, "chair", "guess", forwarded="198.51.100.20, 198.51.100.66")
    assert attempt(served, "chair", PASSWORD, forwarded="198.51.100.66") == 429
    assert attempt(served, "chair", PASSWORD, forwarded="198.51.100.20") == 302


def test_failures_are_forgotten_after_the_window(served):
    for _ in range(5):
        attempt(served, "chair", "guess", forwarded="198.51.100.66")
    assert attempt(served, "chair", PASSWORD, forwarded="198.51.100.66") == 429
    move_clock(served, timedelta(minutes=15, seconds=1))
    assert attempt(served, "chair", "guess", forwarded="198.51.100.66") == 401  # counted from 1 again
    assert attempt(served, "chair", PASSWORD, forwarded="198.51.100.66") == 302


def test_no_wait_is_longer_than_the_window(sqlite_url):
    services = bootstrap(Settings(db_url=sqlite_url, sign_in_window=timedelta(minutes=2)), clock=lambda: TODAY)
    build_two_boards(services)
    add_people(services)
    server = create_app(services).server
    auth = server.extensions[EXTENSION]
    start = auth.now()
    for n in range(12):  # each try after the last wait ends, so the penalty keeps doubling
        auth.now = lambda n=n: start + timedelta(minutes=2 * n, seconds=n)
        attempt(server, "chair", "guess", remote="203.0.113.9")
    assert auth.store.wait("chair|203.0.113.9", auth.now(), window=timedelta(minutes=2)) <= 120
    services.close()


def test_the_window_and_the_proxies_are_read_from_the_environment():
    settings = Settings.from_env(environ={"SCR_MONITOR_SIGN_IN_WINDOW_MINUTES": "5", "SCR_MONITOR_TRUSTED_PROXIES": "10.0.0.5, 10.1.0.0/16"})
    assert settings.sign_in_window == timedelta(minutes=5)
    assert [str(n) for n in settings.trusted_proxies] == ["10.0.0.5/32", "10.1.0.0/16"]
    with pytest.raises(DomainError, match="SCR_MONITOR_TRUSTED_PROXIES: 'proxy.local' is not an IP address"):
        Settings.from_env(environ={"SCR_MONITOR_TRUSTED_PROXIES": "proxy.local"})
    with pytest.raises(DomainError, match="SCR_MONITOR_SIGN_IN_WINDOW_MINUTES: 'soon' is not a number"):
        Settings.from_env(environ={"SCR_MONITOR_SIGN_IN_WINDOW_MINUTES": "soon"})


@pytest.mark.parametrize("remote, forwarded, expected", [
    ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not from a proxy: the header is anybody's
    (PROXY, "198.51.100.1", "198.51.100.1"),
    (PROXY, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the left part is what the client wrote
    (PROXY, "198.51.100.1, 10.0.0.5", "198.51.100.1"),  # two of our proxies in a row
    (PROXY, "not-an-address", PROXY),
    (PROXY, None, PROXY),
])
def test_the_client_is_the_right_most_address_not_a_trusted_proxy(remote, forwarded, expected):
    assert client_address(remote, forwarded, proxy_networks(PROXY)) == expected
