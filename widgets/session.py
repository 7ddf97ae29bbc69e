"""Where the page runs and what its address says: Voila or JupyterLab, query parameters.

In Voila every page view is a new kernel and the page's query string (``?code=...&theme=dark``)
reaches the kernel as ``QUERY_STRING``; with preheated kernels it must be asked for through
``voila.utils.get_query_string()``. In JupyterLab and under nbval there is no query string.
Only the parameters the course knows are kept, and only when they match a strict pattern, so a
hostile address cannot inject anything into links or the store.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

#: Query parameters the course carries from page to page, with the pattern each must match.
CARRIED = {
    "code": re.compile(r"^[A-Z2-9]{4}(?:-[A-Z2-9]{4}){2}$"),
    "theme": re.compile(r"^(?:light|dark)$"),
    "workshop": re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}$"),
    "lang": re.compile(r"^(?:[a-z]{2,3}(?:-[a-z]{2,4})?|pseudo)$"),  # widgets.content.languages
}
MAX_QUERY = 2048


def in_voila() -> bool:
    """True when this kernel was started by Voila (its environment says so)."""
    return any(k in os.environ for k in ("VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_REQUEST_URL"))


def _request_info_url() -> str:
    """Where a preheated kernel asks Voila for its page's request (as ``voila.utils`` does)."""
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    ip = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{ip}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"


def _read_one_message(url: str, timeout: float = 5.0) -> str:
    """The first text message from a plain ``ws://`` websocket (RFC 6455), standard library only.

    ``websockets`` would do, but its import costs about 9 MB in every kernel; this reads one
    small unfragmented message from Voila on this machine and closes.
    """
    import base64
    import socket
    import struct
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    key = base64.b64encode(os.urandom(16)).decode()
    sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout)
    try:
        host = f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname
        sock.sendall(
            (
                f"GET {parts.path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        sock.settimeout(None)  # the page may be requested much later: wait for it
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = sock.recv(4096)
            if not chunk:
                raise ConnectionError("websocket closed during the handshake")
            buf += chunk
        head, buf = buf.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError("websocket handshake refused")

        def need(n: int) -> bytes:
            nonlocal buf
            while len(buf) < n:
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionError("websocket closed")
                buf += chunk
            out, buf = buf[:n], buf[n:]
            return out

        b0, b1 = need(2)
        length = b1 & 0x7F
        if length == 126:
            length = struct.unpack("!H", need(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", need(8))[0]
        mask = need(4) if b1 & 0x80 else b""
        payload = need(length)
        if mask:
            payload = bytes(c ^ mask[i % 4] for i, c in enumerate(payload))
        return payload.decode("utf-8")
    finally:
        sock.close()


def _wait_for_request() -> None:
    """In a preheated kernel, wait until the page is requested and take its request info.

    The same protocol as ``voila.utils.get_query_string()``, without importing ``voila`` (which
    pulls in the whole Jupyter server: about 1.7 s and 50 MB per kernel).
    """
    import json

    url = _request_info_url()
    if url.startswith("ws://"):
        message = _read_one_message(url)
    else:  # wss:// behind a proxy: let the websockets library handle TLS
        from websockets.sync.client import connect

        with connect(url, open_timeout=5) as ws:
            message = ws.recv()
    for key, value in json.loads(message).items():
        os.environ[key] = str(value)


_request_received = False


def _raw_query_string() -> str:
    global _request_received
    if os.environ.get("VOILA_PREHEAT", "False") == "True" and not _request_received:
        _wait_for_request()
        _request_received = True
    return os.environ.get("QUERY_STRING", "")


def parse_query(raw: str) -> dict[str, str]:
    """Keep the carried parameters whose values are valid; drop everything else.

    Values are upper-cased for codes (learners may type them in lower case). A query longer than
    ``MAX_QUERY`` characters is ignored whole.
    """
    if not raw or len(raw) > MAX_QUERY:
        return {}
    out: dict[str, str] = {}
    for key, value in parse_qsl(raw.lstrip("?"), keep_blank_values=False):
        pattern = CARRIED.get(key)
        if pattern is None or key in out:
            continue
        value = value.strip().upper() if key in ("code", "workshop") else value.strip().lower()
        if pattern.match(value):
            out[key] = value
    return out


@lru_cache(maxsize=1)
def query_params() -> dict[str, str]:
    """The page's valid carried query parameters (empty outside Voila)."""
    try:
        return parse_query(_raw_query_string())
    except Exception:  # a query we cannot read is treated as no query
        return {}


def rejected_params() -> list[str]:
    """Names of carried parameters present in the address but refused as invalid."""
    try:
        raw = _raw_query_string()
    except Exception:
        return []
    if len(raw) > MAX_QUERY:
        return ["(address too long)"]
    present = {k for k, _ in parse_qsl(raw.lstrip("?")) if k in CARRIED}
    return sorted(present - set(parse_query(raw)))


def with_query(href: str, params: dict[str, str] | None = None) -> str:
    """``href`` with the page's carried parameters (or ``params``) appended."""
    params = query_params() if params is None else params
    return f"{href}?{urlencode(params)}" if params else href
