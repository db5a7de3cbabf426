"""Sign-in for the dashboard: `install(app, services)` adds /login and /logout, a guard on every request,
server-side sessions with idle and absolute timeouts, CSRF checks on every write, and a slow-down after
failed sign-ins. A store with no users yet runs open (no sign-in; a banner says so), CSRF checks still apply.

CSRF: the token lives in the signed, HttpOnly session cookie and is mirrored in the `_csrf_token` cookie,
which Dash's renderer sends back as the `X-CSRFToken` header on every callback (assets/csrf.js does the
same for any other same-origin POST); forms carry it as the `csrf_token` field.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

from flask import current_app, g, redirect, request, session
from flask.sessions import SecureCookieSessionInterface

from dashboard.auth_store import FREE_FAILURES, FREE_FROM_ONE_ADDRESS, AuthStore
from dashboard.client_address import client_address
from dashboard.login_page import login_page
from domain.errors import PermissionDenied
from monitoring.config import environment

EXTENSION = "scr_monitor_auth"
CSRF_COOKIE, CSRF_HEADER, CSRF_FIELD = "_csrf_token", "X-CSRFToken", "csrf_token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
PUBLIC = ("/login", "/assets/", "/_dash-component-suites/", "/_favicon.ico", "/favicon.ico")


@dataclass(frozen=True)
class AuthSettings:
    secret: str | None = None
    secure_cookies: bool = False
    idle: timedelta = timedelta(minutes=30)
    longest: timedelta = timedelta(hours=12)

    @classmethod
    def from_env(cls, environ=None) -> "AuthSettings":
        env = environment() if environ is None else environ
        return cls(
            secret=env.get("SCR_MONITOR_SECRET") or None,
            secure_cookies=env.get("SCR_MONITOR_SECURE_COOKIES", "") in ("1", "true", "yes"),
            idle=timedelta(minutes=float(env.get("SCR_MONITOR_SESSION_IDLE_MINUTES") or 30)),
            longest=timedelta(hours=float(env.get("SCR_MONITOR_SESSION_MAX_HOURS") or 12)),
        )


class _Cookies(SecureCookieSessionInterface):
    """Flask's signed cookie, marked Secure whenever the request came over HTTPS (or we are told to)."""

    def get_cookie_secure(self, app) -> bool:
        return bool(app.config.get("SCR_MONITOR_SECURE_COOKIES")) or request.is_secure


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def fingerprint(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "").encode()).hexdigest()


class Auth:
    def __init__(self, services, settings: AuthSettings) -> None:
        self.services = services
        self.settings = settings
        self.store = AuthStore(services.engine)
        self.window = services.settings.sign_in_window  # failures older than this are forgotten
        self.proxies = services.settings.trusted_proxies
        self.now = utcnow  # tests move the clock
        self._users_exist = False
        self.dash_app = None  # set by install(): whose inline scripts the page may run

    def is_open(self) -> bool:
        """No users yet. Once the first user exists it never goes back, so only the open state is re-checked."""
        if not self._users_exist:
            self._users_exist = self.services.users.any_users()
        return not self._users_exist

    # --- every request ------------------------------------------------------------------------

    def guard(self):
        g.scr_user = None
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        if request.method not in SAFE_METHODS and not self._csrf_ok():
            return "CSRF token missing or wrong: reload the page and try again.", 403
        if request.path.startswith(PUBLIC) or self.is_open():
            return None
        user = self._resume()
        if user is not None:
            g.scr_user = user
            return None
        if request.method == "GET" and not request.path.startswith("/_"):
            reason = "&expired=1" if "sid" in session else ""
            session.pop("sid", None)
            return redirect(f"/login?next={quote(request.full_path.rstrip('?'), safe='/')}{reason}")
        return "Sign in first.", 401

    def _csrf_ok(self) -> bool:
        sent = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD) or ""
        return bool(sent) and secrets.compare_digest(sent, session.get("csrf", ""))

    def _resume(self) -> str | None:
        found = self.store.resume(session.get("sid"), self.now(), self.settings.idle, self.settings.longest)
        if found is None:
            return None
        username, credential = found
        user = self.services.users.find(username)
        if user is None or not user.enabled or fingerprint(user.password_hash) != credential:
            self.store.end(session.get("sid"))  # disabled, or the password changed since: sign in again
            return None
        return user.username

    def after(self, response):
        token = session.get("csrf")
        if token and request.cookies.get(CSRF_COOKIE) != token:
            response.set_cookie(CSRF_COOKIE, token, samesite="Strict", secure=_Cookies().get_cookie_secure(current_app),
                                httponly=False, path="/")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.path.startswith(("/assets/", "/_dash-component-suites/")):
            response.headers.setdefault("Cache-Control", "no-store")
        if response.mimetype == "text/html" and not response.direct_passthrough:
            response.headers.setdefault("Content-Security-Policy", content_security_policy(self.dash_app))
        return response

    # --- /login and /logout -------------------------------------------------------------------

    def login(self):
        if self.is_open():
            return redirect("/")
        target = _safe_next(request.values.get("next"))
        if request.method == "GET":
            notice = "You have signed out." if request.args.get("signed_out") else (
                "Your session timed out: sign in again." if request.args.get("expired") else None)
            return login_page(session["csrf"], target, notice=notice)
        username = (request.form.get("username") or "").strip().lower()[:64]
        password = (request.form.get("password") or "")[:1024]
        key, address = self._keys(username)
        wait = self._wait(key, address)
        if wait:
            return login_page(session["csrf"], target, username=username,
                              error=f"Too many failed sign-ins. Try again in {wait} seconds."), 429
        user = self.services.users.authenticate(username, password)
        if user is None or not user.grants:
            self.store.failed(key, self.now(), self.window)
            self.store.failed(address, self.now(), self.window)
            self.store.forget_older_than(self.now() - self.window)
            return login_page(session["csrf"], target, username=username,
                              error="That username and password do not match an account that is enabled."), 401
        self.store.succeeded(key)
        self.store.end(session.get("sid"))
        session.clear()  # a fresh session and CSRF token: nothing from before sign-in carries over
        session["sid"] = self.store.start(user.username, fingerprint(user.password_hash), self.now())
        session["csrf"] = secrets.token_urlsafe(32)
        return redirect(target)

    def _keys(self, username: str) -> tuple[str, str]:
        """The slow-down's two keys: this account from this address, and the address as a whole."""
        address = client_address(request.remote_addr, request.headers.get("X-Forwarded-For"), self.proxies)
        return f"{username}|{address}", f"*|{address}"

    def _wait(self, key: str, address: str) -> int:
        """Seconds to wait. Only an account's own failures make it wait: from a suspect address (many failures
        across accounts) its first failure already counts, but an account with none of its own is always heard,
        so one hostile script behind a shared proxy cannot lock the partnership out."""
        now = self.now()
        suspect = self.store.recent(address, now, self.window) >= FREE_FROM_ONE_ADDRESS
        return self.store.wait(key, now, 1 if suspect else FREE_FAILURES, self.window)

    def logout(self):
        self.store.end(session.get("sid"))
        session.clear()
        return redirect("/login?signed_out=1")


def content_security_policy(dash_app) -> str:
    """Scripts only from this server, plus Dash's own inline start-up scripts by hash (asked each time:
    Dash gathers them on first use), so markup that reached a page as HTML still could not run."""
    hashes = " ".join(dash_app.csp_hashes()) if dash_app is not None else ""  # Dash quotes them itself
    return (
        f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never `//elsewhere` or `https://elsewhere`."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def forbidden(error: PermissionDenied):
    return f"{error}", 403


def install(app, services, settings: AuthSettings | None = None) -> Auth:
    """Wire sign-in into a Dash app's Flask server (called once by dashboard.app.create_app)."""
    server = app.server
    auth = Auth(services, settings or AuthSettings.from_env())
    auth.dash_app = app
    server.extensions[EXTENSION] = auth
    server.secret_key = auth.settings.secret or auth.store.secret()
    server.session_interface = _Cookies()
    server.config.update(
        SESSION_COOKIE_NAME="scr_monitor_session", SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SCR_MONITOR_SECURE_COOKIES=auth.settings.secure_cookies,
    )
    server.add_url_rule("/login", "login", auth.login, methods=["GET", "POST"])
    server.add_url_rule("/logout", "logout", auth.logout, methods=["POST"])
    server.before_request_funcs.setdefault(None, []).insert(0, auth.guard)
    server.after_request(auth.after)
    server.register_error_handler(PermissionDenied, forbidden)
    return auth


def current_auth() -> Auth | None:
    return current_app.extensions.get(EXTENSION)


def signed_in_user() -> str | None:
    """The signed-in username for this request, or None (open mode, or no auth installed)."""
    return getattr(g, "scr_user", None)
