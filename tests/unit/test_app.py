"""The web app's configuration: pools, kernel address, page titles, request-info protocol."""

from __future__ import annotations

import json
import socket
import threading

from widgets import app, content, session


def test_pools_give_the_home_page_the_largest_pool_and_carry_the_env():
    env = {"VOILA_APP_PORT": "9000", "VOILA_APP_IP": "127.0.0.1"}
    config = app.pools_config(["00_home.ipynb", "01_treaty_bodies.ipynb"], env)
    assert config["00_home.ipynb"]["pool_size"] == app.HOME_POOL
    assert config["01_treaty_bodies.ipynb"]["pool_size"] == app.PAGE_POOL
    assert app.HOME_POOL >= app.PAGE_POOL
    assert all(c["kernel_env_variables"] == env for c in config.values())


def test_kernels_reach_a_server_listening_everywhere_on_localhost():
    assert app.kernel_address("0.0.0.0") == "127.0.0.1"
    assert app.kernel_address("") == "127.0.0.1"
    assert app.kernel_address("10.0.0.5") == "10.0.0.5"


def test_every_page_gets_its_title():
    course = content.load()
    for page in course.outline.pages:
        cfg = app.page_config_hook({"x": 1}, notebook_path=f"/srv/notebooks/{page.notebook}")
        assert cfg["courseTitle"].startswith(page.title) and cfg["x"] == 1
    other = app.page_config_hook({}, notebook_path="trainer.ipynb")["courseTitle"]
    assert other == course.outline.title


def test_voila_json_keeps_sources_stripped_and_tracebacks_hidden():
    config = json.loads((app.ROOT / "voila.json").read_text())
    assert config["VoilaConfiguration"]["strip_sources"] is True
    assert config["VoilaConfiguration"]["show_tracebacks"] is False
    assert config["VoilaConfiguration"]["template"] == "course"


def test_preheated_kernel_reads_its_query_string_over_the_websocket(monkeypatch):
    """A tiny stand-in for Voila's request-info websocket sends one message."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    payload = json.dumps({"QUERY_STRING": "code=ABCD-EFGH-JKLM&theme=dark"}).encode()

    def serve():
        conn, _ = server.accept()
        request = b""
        while b"\r\n\r\n" not in request:
            request += conn.recv(1024)
        assert b"GET /voila/query/kid-1 " in request
        conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n")
        conn.sendall(bytes([0x81, len(payload)]) + payload)
        conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_APP_PORT", str(port))
    monkeypatch.setenv("VOILA_KERNEL_ID", "kid-1")
    monkeypatch.setenv("QUERY_STRING", "")  # restored (to absent) after the test
    monkeypatch.delenv("QUERY_STRING")
    monkeypatch.setattr(session, "_request_received", False)
    session.query_params.cache_clear()
    try:
        assert session.query_params() == {"code": "ABCD-EFGH-JKLM", "theme": "dark"}
    finally:
        session.query_params.cache_clear()
        monkeypatch.setattr(session, "_request_received", False)
        thread.join(5)
        server.close()
