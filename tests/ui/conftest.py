"""Browser harness: the course served by Voila on a free port, driven by Debian's Chromium.

Playwright cannot download its own browser here, so it launches the system Chromium
(``$CHROMIUM`` or ``/usr/bin/chromium``). A missing browser is an error, not a skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError(
            "Chromium not found: install Debian's 'chromium' package "
            "(bash .ci/run does it) or set CHROMIUM to its path."
        )
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VoilaServer:
    """A Voila process serving the course, stopped on exit.

    ``command`` is the module (and its arguments) to run: the course app by default, or e.g.
    ``["widgets.workshop", "serve-dashboard"]`` for the trainer's dashboard.
    """

    def __init__(
        self,
        store_dir: Path,
        extra_args: list[str] | None = None,
        env: dict[str, str] | None = None,
        command: list[str] | None = None,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = store_dir / f"voila-{self.port}.log"
        store_dir.mkdir(parents=True, exist_ok=True)
        # Small preheated pools: one kernel per page is enough for one browser, and starts fast.
        pools = {"COURSE_HOME_POOL": "1", "COURSE_PAGE_POOL": "1"}
        full_env = dict(os.environ, COURSE_STORE_DIR=str(store_dir), **{**pools, **(env or {})})
        args = [
            sys.executable,
            "-m",
            *(command or ["widgets.app", "--no-browser"]),
            f"--port={self.port}",
            "--Voila.ip=127.0.0.1",
            *(extra_args or []),
        ]
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=full_env, stdout=self._log, stderr=subprocess.STDOUT
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Voila exited: {self.log_path.read_text(errors='replace')}")
            try:
                urllib.request.urlopen(self.url + "/voila/static/voila.js", timeout=2)
                return
            except urllib.error.HTTPError:
                return  # answering (a token-protected server refuses, but it is up)
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"Voila did not start within {timeout}s")

    def page_url(self, notebook: str, query: str = "") -> str:
        return f"{self.url}/voila/render/{notebook}" + (f"?{query}" if query else "")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    server = VoilaServer(tmp_path_factory.mktemp("ui-store"))
    yield server
    server.stop()


LOCAL_PREFIXES = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")


class Page:
    """A browser page that records console errors, uncaught exceptions and outside requests."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []  # requests to anything but 127.0.0.1
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on(
            "request",
            lambda r: None if r.url.startswith(LOCAL_PREFIXES) else self.outside.append(r.url),
        )
        page.on(
            "websocket",
            lambda w: None if w.url.startswith(LOCAL_PREFIXES) else self.outside.append(w.url),
        )

    def open(self, url: str, ready: str = ".course-nav-bar", timeout: float = 90_000):
        self.page.goto(url, wait_until="load", timeout=timeout)
        self.page.wait_for_selector(ready, state="visible", timeout=timeout)
        return self.page

    def axe_violations(self) -> list[str]:
        """axe-core's violations on the page as it is now (axe's script ships with the package)."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page)
        return [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
        ]

    def error_outputs(self) -> list[str]:
        sel = (
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
            ".jp-OutputArea-output.jp-mod-error, .jp-RenderedText[data-mime-type*=error]"
        )
        texts = [e.inner_text() for e in self.page.query_selector_all(sel)]
        body = self.page.inner_text("body")
        if "There was an error when executing cell" in body:
            texts.append("There was an error when executing cell")
        return texts


@pytest.fixture
def page(browser):
    context = browser.new_context()
    p = Page(context.new_page())
    yield p
    context.close()
