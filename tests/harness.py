"""The one way tests and benchmarks start a server and a browser.

``ServerProcess`` runs a command on a free port, waits until it answers, keeps its log and stops
it; ``VoilaServer`` is the course app (or any module given as ``command``) on top of it. The
browser tests (``tests/ui``), the deployment tests (``tests/deploy``) and the benchmarks
(``tests/benchmarks``) all use these, so a change to how the course starts is made once.

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
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def wait_http(
    url: str, proc: subprocess.Popen, log: Path, timeout: float = 60, poll: float = 0.3
) -> None:
    """Wait until ``url`` answers (any HTTP status), or fail with the end of the server's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # answering (a token-protected server refuses, but it is up)
        except OSError:
            time.sleep(poll)
    raise RuntimeError(
        f"{url} did not answer within {timeout}s:\n{log.read_text(errors='replace')[-4000:]}"
    )


def stop(proc: subprocess.Popen) -> None:
    """Stop a server process: terminate, then kill if it does not exit."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


class ServerProcess:
    """A server started with ``args`` (its port already chosen), logged to ``log_path``."""

    def __init__(
        self,
        args: Sequence[str],
        *,
        port: int,
        log_path: Path,
        cwd: Path = ROOT,
        env: dict[str, str] | None = None,
        ready_path: str = "/voila/static/voila.js",
        timeout: float = 120,
        poll: float = 0.3,
    ):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = log_path.open("wb")
        self.proc = subprocess.Popen(
            list(args), cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        wait_http(self.url + ready_path, self.proc, log_path, timeout, poll)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log_text(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def page_url(self, notebook: str, query: str = "") -> str:
        return f"{self.url}/voila/render/{notebook}" + (f"?{query}" if query else "")

    def stop(self) -> None:
        stop(self.proc)
        self._log.close()


class VoilaServer(ServerProcess):
    """The course app (``python -m widgets.app``) with its own store folder, on a free port.

    ``command`` replaces the module and its arguments, e.g. ``["widgets.workshop",
    "serve-dashboard"]`` for the trainer's dashboard or ``["voila", "bare.ipynb"]`` for a plain
    Voila; ``pools`` are the preheated kernels (one per page is enough for one browser).
    """

    def __init__(
        self,
        store_dir: Path,
        extra_args: Sequence[str] = (),
        env: dict[str, str] | None = None,
        command: Sequence[str] | None = None,
        *,
        cwd: Path = ROOT,
        base_env: dict[str, str] | None = None,
        pools: dict[str, str] | None = None,
        log_path: Path | None = None,
    ):
        store_dir.mkdir(parents=True, exist_ok=True)
        port = free_port()
        pools = {"COURSE_HOME_POOL": "1", "COURSE_PAGE_POOL": "1"} if pools is None else pools
        full_env = dict(
            os.environ if base_env is None else base_env,
            COURSE_STORE_DIR=str(store_dir),
            **{**pools, **(env or {})},
        )
        args = [
            sys.executable,
            "-m",
            *(command or ["widgets.app", "--no-browser"]),
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            *extra_args,
        ]
        super().__init__(
            args,
            port=port,
            log_path=log_path or store_dir / f"voila-{port}.log",
            cwd=cwd,
            env=full_env,
        )


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
