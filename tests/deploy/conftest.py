"""Deployment tests: the course served the way Binder and JupyterHub serve it.

These start real servers (``jupyter server`` with the Voila server extension; JupyterHub with
configurable-http-proxy and PostgreSQL) and drive Debian's Chromium, reusing the browser
harness of ``tests/ui``.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import pytest

from tests.harness import (
    CHROMIUM_ARGS,
    Page,
    ServerProcess,
    chromium_path,
    free_port,
    stop,
    wait_http,
)

ROOT = Path(__file__).resolve().parents[2]
__all__ = ["CHROMIUM_ARGS", "Page", "chromium_path", "free_port", "in_ci", "stop", "wait_http"]


def in_ci() -> bool:
    """True under ``.ci/run`` (or any CI): a missing dependency is then a failure, not a skip."""
    return any(os.environ.get(k, "").lower() in ("1", "true", "yes") for k in ("COURSE_CI", "CI"))


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where everything must be installed."""
    if in_ci():
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


class BinderServer(ServerProcess):
    """``jupyter server`` as Binder runs it: from the repository's folder, with its
    ``jupyter_config.json`` (the Voila server extension, no preheated kernels), after
    ``postBuild``, and with a token."""

    def __init__(self, workdir: Path):
        port = free_port()
        self.token = secrets.token_hex(16)
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
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={self.token}",
        ]
        if os.geteuid() == 0:  # CI runs as root; Binder does not
            args.append("--allow-root")
        super().__init__(
            args, port=port, log_path=workdir / "jupyter-server.log", env=env, ready_path="/api"
        )

    def page_url(self, notebook: str, query: str = "") -> str:
        q = f"token={self.token}" + (f"&{query}" if query else "")
        return f"{self.url}/voila/render/notebooks/{notebook}?{q}"
