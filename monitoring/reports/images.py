"""Static images (PNG, SVG, PDF) of plotly figures with kaleido and Debian's Chromium: one browser per batch.

Why not kaleido.start_sync_server: when the browser fails to start, its worker thread dies and every later call
waits forever. ImageRenderer runs the same kaleido.Kaleido in its own event-loop thread, so a browser that
cannot start is one clear error, and every render has a time limit. MathJax is off (it loads from a CDN), and
the browser is never downloaded: only an installed Chromium is used.
"""
from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from domain.errors import DomainError
from monitoring.config import environment

NO_CHROMIUM = "no Chromium installed; apt-get install chromium"
CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
START_SECONDS, RENDER_SECONDS = 60, 90

# kaleido's browser is not thread-safe and a machine needs only one: every render takes this lock.
LOCK = threading.RLock()


def find_chromium(environ: dict[str, str] | None = None) -> str | None:
    """An installed Chromium: $BROWSER_PATH when set (and then only it), else Debian's."""
    env = environment() if environ is None else environ
    explicit = env.get("BROWSER_PATH")
    if explicit:
        return explicit if _executable(explicit) else None
    for candidate in (*CANDIDATES, shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and _executable(candidate):
            return candidate
    return None


def _executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def require_chromium(environ: dict[str, str] | None = None) -> str:
    path = find_chromium(environ)
    if path is None:
        raise DomainError("export", NO_CHROMIUM)
    return path


class ImageRenderer:
    """One headless Chromium (with `tabs` pages rendering side by side) for many figures."""

    def __init__(self, chromium: str | None = None, *, tabs: int = 1):
        self.chromium = chromium or require_chromium()
        self.tabs = tabs
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._opening: threading.Thread | None = None
        self._open_error: BaseException | None = None

    def __enter__(self) -> ImageRenderer:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._kaleido is not None

    def open(self) -> ImageRenderer:
        if self.is_open:
            return self
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido", daemon=True)
        self._thread.start()

        async def start():
            browser = _kaleido_class()(n=self.tabs, page_generator=_page(), path=self.chromium, timeout=RENDER_SECONDS)
            try:
                await browser.open()
            except BaseException:
                await browser.close()  # its watchdog and pipes too, not only the process
                raise
            return browser

        try:
            self._kaleido = self._call(start(), START_SECONDS)
        except Exception as error:
            self._stop_loop()
            message = error.args[0] if error.args and isinstance(error.args[0], str) else str(error)
            first_line = (message.strip().splitlines() or [type(error).__name__])[0]
            raise DomainError("export", f"Chromium at {self.chromium} did not start: {first_line}") from None
        return self

    def open_in_background(self) -> ImageRenderer:
        """Start the browser while the caller gathers data (about 2 s saved); render_many waits for it."""
        def opening():
            try:
                self.open()
            except BaseException as error:  # noqa: BLE001 - handed to the caller of render_many
                self._open_error = error

        self._opening = threading.Thread(target=opening, name="kaleido-open", daemon=True)
        self._opening.start()
        return self

    def _wait_until_open(self) -> None:
        if self._opening is not None:
            self._opening.join()
            self._opening = None
        if self._open_error is not None:
            error, self._open_error = self._open_error, None
            raise error
        if not self.is_open:
            self.open()

    def render(self, figure: dict, fmt: str, *, scale: float = 1) -> bytes:
        return self.render_many([(figure, fmt, scale)])[0]

    def render_many(self, jobs: Sequence[tuple[dict, str, float]], on_done: Callable[[int], Any] | None = None) -> list[bytes]:
        """Render (figure dict, format, scale) jobs, as many at once as there are tabs; results in job order."""
        self._wait_until_open()
        browser = self._kaleido

        async def one(index: int, figure: dict, fmt: str, scale: float) -> bytes:
            layout = figure.get("layout", {})
            opts = {"format": fmt, "width": layout.get("width") or 800, "height": layout.get("height") or 500, "scale": scale}
            data = await browser.calc_fig(figure, opts=opts)
            if on_done:
                on_done(index)
            return data

        async def everything():
            return await asyncio.gather(*(one(i, *job) for i, job in enumerate(jobs)))

        with LOCK:
            return self._call(everything(), RENDER_SECONDS + 10 * len(jobs))

    def close(self) -> None:
        if self._opening is not None:
            self._opening.join()
            self._opening = None
        if self._kaleido is not None:
            browser, self._kaleido = self._kaleido, None
            try:
                self._call(browser.close(), 30)
            except Exception:  # noqa: BLE001 - closing a browser that already died is not an error
                pass
        self._stop_loop()

    def _call(self, coroutine, timeout: float):
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout)
        except FutureTimeout:
            future.cancel()
            raise DomainError("export", f"Chromium took more than {timeout:.0f} s to draw the figures") from None

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop.close()
            self._loop, self._thread = None, None


RELOAD_EVERY = 25
PDF_TITLE = "SCR monitor: annual report figure"


def _page():
    """kaleido's page, with MathJax off (it loads from a CDN) and a title PDFs carry instead of "Kaleido-fier"."""
    from kaleido import PageGenerator

    page = PageGenerator(mathjax=False)
    page.header = page.header.replace("<title>Kaleido-fier</title>", f"<title>{PDF_TITLE}</title>")
    return page


def _kaleido_class():
    """kaleido.Kaleido, but a tab is reloaded every RELOAD_EVERY renders instead of after each one.

    Reloading re-parses plotly.js (about 0.3 s a figure here); kaleido's page purges each plot itself
    (Plotly.purge), and the images are the same byte for byte but for random ids and timestamps.
    This halves the pack's time (measured: 24 renders 14.0 s -> 7.7 s). It overrides a private method;
    if kaleido renames it, the override is simply unused and rendering is slower, never wrong.
    """
    import kaleido

    class QuickKaleido(kaleido.Kaleido):
        renders = 0

        async def _return_kaleido_tab(self, tab) -> None:
            self.renders += 1
            if self.renders % RELOAD_EVERY == 0:
                await tab.reload()
            await self.tabs_ready.put(tab)

    return QuickKaleido


_shared: dict[str, ImageRenderer] = {}


def shared_renderer() -> ImageRenderer:
    """The long-lived renderer of a web process (the dashboard's downloads), opened on first use."""
    with LOCK:
        renderer = _shared.get("renderer")
        if renderer is None or not renderer.is_open:
            renderer = _shared["renderer"] = ImageRenderer(tabs=1).open()
            atexit.register(renderer.close)
        return renderer
