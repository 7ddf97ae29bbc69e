"""A real JupyterHub for the tests: PostgreSQL with password logins, local Unix accounts, the
hub with configurable-http-proxy, started from ``deploy/jupyterhub/jupyterhub_config.py``."""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from .conftest import ROOT, free_port, skip_or_fail, stop, wait_http

CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def check_requirements() -> None:
    """Skip (on a developer's machine) or fail (in CI) when the hub cannot run here."""
    if os.geteuid() != 0:
        skip_or_fail("the hub test runs as root: it creates local accounts for its users")
    if shutil.which("configurable-http-proxy") is None:
        skip_or_fail("configurable-http-proxy not found: npm install -g configurable-http-proxy")
    if postgres_bin() is None:
        skip_or_fail("PostgreSQL not found: apt-get install postgresql")
    for module in ("jupyterhub", "jupyterhub_idle_culler"):
        try:
            __import__(module)
        except ImportError:
            skip_or_fail(f"{module} is not installed: pip install -e .[test]")


def _as_postgres(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{a}'" for a in args)],
        check=True,
        capture_output=True,
        text=True,
        **kw,
    )


class Postgres:
    """A throw-away cluster that accepts password logins over TCP only (no trust, no socket)."""

    def __init__(self):
        self.bin = postgres_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="course-hub-pg-"))
        shutil.chown(self.dir, "postgres", "postgres")
        self.port = free_port()
        self.super_password = secrets.token_urlsafe(16)
        pwfile = self.dir / "pw"
        pwfile.write_text(self.super_password + "\n")
        shutil.chown(pwfile, "postgres", "postgres")
        data = self.dir / "data"
        _as_postgres(
            [str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8"]
            + ["--auth=scram-sha-256", f"--pwfile={pwfile}", "--no-instructions"]
        )
        opts = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories="
        _as_postgres(
            [str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "log"), "-w"]
            + ["-o", opts, "start"]
        )
        self.data = data
        self.owner_password = secrets.token_urlsafe(16)
        import psycopg

        with psycopg.connect(self.url("postgres", self.super_password, "postgres")) as conn:
            conn.autocommit = True
            conn.execute(
                f"CREATE ROLE course_owner LOGIN CREATEROLE PASSWORD '{self.owner_password}'"
            )
            conn.execute("CREATE DATABASE course OWNER course_owner")

    def url(self, user: str, password: str, db: str = "course") -> str:
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{db}"

    @property
    def owner_url(self) -> str:
        return self.url("course_owner", self.owner_password)

    def stop(self) -> None:
        subprocess.run(
            [
                "su",
                "postgres",
                "-s",
                "/bin/sh",
                "-c",
                f"{self.bin}/pg_ctl -D {self.data} -m fast stop",
            ],
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def open_path_for_users(*targets: Path) -> list[tuple[Path, int]]:
    """Let other accounts traverse the folders above the course and its environment.

    Each user's server runs as that user and must read the repository and the virtual
    environment (as on any real hub). A clone under a private folder (``/root``) would hide
    them: such folders get ``o+x`` (traverse, no listing) until :func:`restore_modes`.
    """
    import stat

    changed = []
    for target in targets:
        for folder in [target, *target.parents]:
            mode = folder.stat().st_mode
            if not mode & stat.S_IXOTH:
                folder.chmod(mode | stat.S_IXOTH)
                changed.append((folder, stat.S_IMODE(mode)))
    return changed


def restore_modes(changed: list[tuple[Path, int]]) -> None:
    for folder, mode in reversed(changed):
        folder.chmod(mode)


def ensure_user(name: str) -> None:
    """A local account for a hub user (the spawner runs each server as its user)."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "-m", "-s", "/bin/sh", name], check=True)


def remove_user(name: str) -> None:
    subprocess.run(["userdel", "-r", "-f", name], capture_output=True)


class Hub:
    """JupyterHub from the deployment's config file, on free ports, stopped with its servers."""

    def __init__(self, pg: Postgres, users: list[str], workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_urlsafe(12)
        self.admin_token = secrets.token_hex(24)
        self.trainer_password = secrets.token_urlsafe(16)
        self.state = Path(tempfile.mkdtemp(prefix="course-hub-state-"))
        self.log_path = workdir / "jupyterhub.log"
        env = {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "HOME": os.environ.get("HOME", "/root"),
            "LANG": "C.UTF-8",
            "COURSE_HUB_DATABASE_URL": pg.owner_url,
            "COURSE_TRAINER_DB_PASSWORD": self.trainer_password,
            "COURSE_HUB_AUTH": "dummy",
            "COURSE_HUB_PASSWORD": self.password,
            "COURSE_HUB_USERS": ",".join(users),
            "COURSE_HUB_IP": "127.0.0.1",
            "COURSE_HUB_PORT": str(self.port),
            "COURSE_HUB_INTERNAL_PORT": str(free_port()),
            "COURSE_HUB_PROXY_API_PORT": str(free_port()),
            "COURSE_HUB_STATE_DIR": str(self.state),
            "COURSE_HUB_ADMIN_TOKEN": self.admin_token,
        }
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
            cwd=self.state,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_http(f"{self.url}/hub/api", self.proc, self.log_path, timeout=90)
        deadline = time.monotonic() + 90  # the proxy answers first; then the hub's route
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/hub/api", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError(f"the hub did not start:\n{self.log()[-4000:]}") from None
                time.sleep(0.3)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    # -- the hub's REST API, with the admin service's token ------------------------------------------
    def api(self, method: str, path: str, body: dict | None = None, token: str | None = None):
        req = urllib.request.Request(
            f"{self.url}/hub/api{path}",
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {token or self.admin_token}"},
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read().decode()
            return json.loads(text) if text else None

    def server_ready(self, user: str) -> bool:
        server = self.api("GET", f"/users/{user}")["servers"].get("")
        return bool(server and server.get("ready"))

    def wait(self, user: str, ready: bool, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server_ready(user) == ready:
                return
            time.sleep(0.5)
        raise AssertionError(
            f"{user}'s server not {'ready' if ready else 'stopped'}:\n{self.log()[-3000:]}"
        )

    def stop_server(self, user: str) -> None:
        try:
            self.api("DELETE", f"/users/{user}/server")
        except urllib.error.HTTPError as exc:
            if exc.code != 202:
                raise
        self.wait(user, ready=False)

    def start_server(self, user: str) -> None:
        try:
            self.api("POST", f"/users/{user}/server")
        except urllib.error.HTTPError as exc:
            if exc.code != 202:
                raise
        self.wait(user, ready=True)

    def user_token(self, user: str) -> str:
        return self.api("POST", f"/users/{user}/tokens", {"note": "test", "expires_in": 900})[
            "token"
        ]

    def stop(self) -> None:
        stop(self.proc)  # the hub stops the users' servers and its proxy on the way out
        self._log.close()
        shutil.rmtree(self.state, ignore_errors=True)


class Kernel:
    """A new kernel in a user's server, driven over the kernel protocol (REST and websocket)."""

    def __init__(self, hub: Hub, user: str, token: str, timeout: float = 120):
        from websockets.sync.client import connect

        self.base = f"{hub.url}/user/{user}/api/kernels"
        self.headers = {"Authorization": f"token {token}"}
        self.user = user
        req = urllib.request.Request(self.base, method="POST", data=b"{}", headers=self.headers)
        with urllib.request.urlopen(req, timeout=timeout) as r:
            self.id = json.loads(r.read())["id"]
        ws_url = f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{self.id}/channels"
        self._ws = connect(ws_url, additional_headers=self.headers, open_timeout=timeout)
        self.ws = self._ws.__enter__()  # closed in close()

    def run(self, code: str, timeout: float = 120) -> str:
        """Execute code; return what it printed (and any traceback)."""
        msg_id, out = uuid.uuid4().hex, []
        header = {
            "msg_id": msg_id,
            "username": self.user,
            "session": uuid.uuid4().hex,
            "msg_type": "execute_request",
            "version": "5.3",
            "date": "",
        }
        content = {"code": code, "silent": False, "store_history": False}
        self.ws.send(
            json.dumps(
                {
                    "header": header,
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv(timeout=timeout))
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "error":
                out.append("\n".join(msg["content"]["traceback"]))
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                break
        return "".join(out)

    def close(self) -> None:
        self._ws.__exit__(None, None, None)
        req = urllib.request.Request(
            f"{self.base}/{self.id}", method="DELETE", headers=self.headers
        )
        urllib.request.urlopen(req, timeout=60)


def run_in_server(hub: Hub, user: str, token: str, code: str, timeout: float = 120) -> str:
    """Run code in a new kernel of a user's server, as the user; return what it printed."""
    kernel = Kernel(hub, user, token, timeout)
    try:
        return kernel.run(code, timeout)
    finally:
        kernel.close()
