"""Deployment tests: the course served the way Binder and JupyterHub serve it.

These start real servers (``jupyter server`` with the Voila server extension; JupyterHub with
configurable-http-proxy and PostgreSQL) and drive Debian's Chromium, reusing the browser
harness of ``tests/ui``.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.ui.conftest import CHROMIUM_ARGS, Page, chromium_path, free_port

ROOT = Path(__file__).resolve().parents[2]
__all__ = ["CHROMIUM_ARGS", "Page", "chromium_path", "free_port", "wait_http", "in_ci"]


def in_ci() -> bool:
    """True under ``.ci/run`` (or any CI): a missing dependency is then a failure, not a skip."""
    return any(os.environ.get(k, "").lower() in ("1", "true", "yes") for k in ("COURSE_CI", "CI"))


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where everything must be installed."""
    if in_ci():
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


def wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    """Wait until ``url`` answers (any HTTP status), or fail with the server's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout}s:\n{log.read_text()[-4000:]}")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started by a test (and, for a process group, its children)."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


class BinderServer:
    """``jupyter server`` as Binder runs it: from the repository's folder, with its
    ``jupyter_config.json`` (the Voila server extension, no preheated kernels), after
    ``postBuild``, and with a token."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "jupyter-server.log"
        env = dict(os.environ, COURSE_STORE_DIR=str(workdir / "store"))
        # Binder knows nothing of the repository's share/ folder: the template must come from
        # where postBuild put it.
        env.pop("JUPYTER_PATH", None)
        env.pop("JUPYTER_CONFIG_PATH", None)
        env["JUPYTER_RUNTIME_DIR"] = str(workdir / "runtime")
        args = [
            sys.executable,
            "-m",
            "jupyter_server",
            "--no-browser",
            f"--port={self.port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={self.token}",
        ]
        if os.geteuid() == 0:  # CI runs as root; Binder does not
            args.append("--allow-root")
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        wait_http(f"{self.url}/api", self.proc, self.log_path)

    def page_url(self, notebook: str, query: str = "") -> str:
        q = f"token={self.token}" + (f"&{query}" if query else "")
        return f"{self.url}/voila/render/notebooks/{notebook}?{q}"

    def stop(self) -> None:
        stop(self.proc)
        self._log.close()
