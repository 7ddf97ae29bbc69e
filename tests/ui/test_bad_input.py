"""Bad input over HTTP, in the address and over the kernel websocket: refused or ignored,
never an error page or a broken page."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import urllib.error
import urllib.request
import uuid

import pytest

pytestmark = pytest.mark.ui
HOME = "00_home.ipynb"


def test_unknown_pages_go_home(voila_server):
    for path in ("nope.ipynb", "", "notebooks", ".hidden.ipynb", "01_treaty_bodies.ipynb.bak"):
        with urllib.request.urlopen(voila_server.page_url(path), timeout=120) as r:
            assert r.status == 200
            assert r.url.endswith(f"/voila/render/{HOME}"), path
    for path in ("../pyproject.toml", "..%2Fpyproject.toml", "sub/x.ipynb"):
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(voila_server.page_url(path), timeout=120)
        assert exc.value.code == 404, path


def test_odd_query_strings_are_ignored(voila_server, page):
    long_code = "A" * 10_000
    for query in (
        "theme=%3Cscript%3Ealert(1)%3C/script%3E",
        f"code={long_code}",
        "template=lab&theme=dark%22%3E",
    ):
        p = page.open(voila_server.page_url(HOME, query))
        p.wait_for_load_state("networkidle")
        assert page.error_outputs() == []
        assert "theme-light" in p.get_attribute("body", "class")
        assert "<script>alert" not in p.inner_html(".course-nav-top")
        hrefs = p.eval_on_selector_all(".course-nav-top a", "els => els.map(e => e.href)")
        assert hrefs and all("code=" not in h and "script" not in h for h in hrefs), hrefs
    assert page.errors == []
    assert page.outside == []  # ?template=lab would load Font Awesome from a CDN


def _message(msg_type: str, content: dict) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "username": "",
                "session": uuid.uuid4().hex,
                "date": "2026-01-01T00:00:00Z",
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


async def _try_to_execute(ws_url: str) -> list[str]:
    import websockets

    seen = []
    async with websockets.connect(ws_url, open_timeout=30) as ws:
        await ws.send(
            _message("execute_request", {"code": "open('/tmp/hacked','w')", "silent": False})
        )
        await ws.send(_message("kernel_info_request", {}))
        try:
            while True:
                msg = json.loads(await asyncio.wait_for(ws.recv(), timeout=10))
                seen.append(msg["header"]["msg_type"])
                if msg["header"]["msg_type"] == "kernel_info_reply":
                    break
        except asyncio.TimeoutError:
            pass
    return seen


def test_code_sent_to_the_kernel_is_not_run(voila_server, tmp_path):
    with urllib.request.urlopen(voila_server.page_url(HOME), timeout=120) as r:
        html = r.read().decode()
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]{36})"', html).group(1)
    ws_url = voila_server.url.replace("http", "ws") + f"/api/kernels/{kernel_id}/channels"
    # Playwright's loop runs in this thread: talk to the websocket from another one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        seen = pool.submit(asyncio.run, _try_to_execute(ws_url)).result(timeout=120)
    assert "kernel_info_reply" in seen  # the socket works: the refusal is silent, not a crash
    assert "execute_reply" not in seen and "execute_input" not in seen, seen
    # and the page still works afterwards
    with urllib.request.urlopen(voila_server.page_url(HOME), timeout=120) as r:
        assert r.status == 200
