"""The web app's configuration: pools, kernel address, page titles, request-info protocol."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading

import pytest

from widgets import app, content, pools, session


def test_pools_give_the_home_page_its_own_size_and_carry_the_env():
    env = {"VOILA_APP_PORT": "9000", "VOILA_APP_IP": "127.0.0.1"}
    plan = pools.pool_plan(30, {})
    config = pools.pools_config(["00_home.ipynb", "01_treaty_bodies.ipynb"], env, plan)
    assert config["00_home.ipynb"]["pool_size"] == plan.home == 30
    assert config["01_treaty_bodies.ipynb"]["pool_size"] == plan.page
    assert config["default"]["pool_size"] == plan.page
    assert all(c["kernel_env_variables"] == env for c in config.values())
    first = pools.home_only(config)
    assert first["00_home.ipynb"]["pool_size"] == 30
    assert first["01_treaty_bodies.ipynb"]["pool_size"] == first["default"]["pool_size"] == 0
    assert config["01_treaty_bodies.ipynb"]["pool_size"] == plan.page  # not changed in place


def test_one_person_gets_one_kernel_per_page_home_page_first():
    plan = pools.pool_plan(None, {})
    assert (plan.home, plan.page, plan.home_first, plan.room) == (1, 1, True, None)
    assert "one person" in plan.describe()


def test_a_room_gets_a_home_pool_for_everyone_capped_and_a_few_per_page():
    for room, home, page in [(1, 1, 2), (20, 20, 2), (30, 30, 2), (31, 31, 3), (45, 40, 3)]:
        plan = pools.pool_plan(room, {})
        assert (plan.home, plan.page, plan.home_first) == (home, page, False), room
    assert pools.pool_plan(1000, {}).home == pools.ROOM_HOME_CAP
    assert pools.pool_plan(1000, {}).page == 4
    assert "a room of 30" in pools.pool_plan(30, {}).describe()


def test_pool_sizes_from_the_environment_win_over_either_plan():
    env = {"COURSE_HOME_POOL": "1", "COURSE_PAGE_POOL": "0"}
    assert (pools.pool_plan(None, env).home, pools.pool_plan(None, env).page) == (1, 0)
    assert (pools.pool_plan(30, env).home, pools.pool_plan(30, env).page) == (1, 0)
    assert pools.pool_plan(30, {"COURSE_HOME_POOL": " "}).home == 30  # empty: the plan's
    for bad in ("many", "-1", "2.5"):
        with pytest.raises(pools.UsageError, match="COURSE_HOME_POOL must be a whole number"):
            pools.pool_plan(None, {"COURSE_HOME_POOL": bad})


def test_room_is_read_in_both_spellings_and_the_rest_goes_to_voila():
    assert pools.split_room(["--room", "30", "--port=9000"]) == (30, ["--port=9000"])
    assert pools.split_room(["--port=9000", "--room=12"]) == (12, ["--port=9000"])
    assert pools.split_room(["notebooks", "--no-browser"]) == (None, ["notebooks", "--no-browser"])
    assert pools.split_room([]) == (None, [])
    # a Voila option that merely starts with the same letters is Voila's
    assert pools.split_room(["--roomy=1"]) == (None, ["--roomy=1"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--room"], "needs the number of people"),
        (["--room", "--port=9000"], "needs the number of people"),
        (["--room="], "needs the number of people"),
        (["--room", "thirty"], "'thirty' is not a whole number"),
        (["--room=2.5"], "'2.5' is not a whole number"),
        (["--room", "0"], "at least 1"),
        (["--room=-3"], "at least 1"),
        (["--room", "100000"], "more than one server can take"),
        (["--room", "3", "--room=4"], "given twice"),
    ],
)
def test_a_bad_room_gets_a_clear_message(argv, message):
    with pytest.raises(pools.UsageError, match=message):
        pools.split_room(argv)


def test_main_refuses_a_bad_room_before_voila_starts(capsys):
    with pytest.raises(SystemExit) as exit_info:
        app.main(["--room", "lots"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "'lots' is not a whole number" in err and "--room N" in err


def test_the_other_pages_fill_in_reading_order():
    pages = [p.notebook for p in content.load().outline.pages if p.notebook != pools.HOME]
    shuffled = sorted(pages, reverse=True) + ["bare.ipynb"]
    assert pools.reading_order(shuffled) == pages + ["bare.ipynb"]


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


class _FakeKernelManager:
    """Voila's pooling kernel manager as the course uses it: pools of tasks, fill_if_needed."""

    def __init__(self, loop, config, start_seconds=0.02, fail=()):
        self.loop, self.kernel_pools_config = loop, config
        self._pools: dict[str, list] = {}
        self.events: list[tuple[str, str]] = []
        self.start_seconds, self.fail = start_seconds, set(fail)

    def fill_if_needed(self, delay=None, notebook_name=None, **_kwargs):
        size = self.kernel_pools_config.get(notebook_name, {}).get("pool_size", 0)
        pool = self._pools.setdefault(notebook_name, [])
        for _ in range(size - len(pool)):
            pool.append(self.loop.create_task(self._start(notebook_name)))

    async def _start(self, name):
        self.events.append(("start", name))
        await asyncio.sleep(self.start_seconds)
        if name in self.fail:
            raise RuntimeError("kernel died")
        self.events.append(("ready", name))
        return {"kernel_id": name}


def test_the_home_kernel_starts_alone_then_the_pages_fill_one_after_another():
    pages = ["01_a.ipynb", "02_b.ipynb", "03_c.ipynb"]
    full = {n: {"pool_size": 1} for n in [pools.HOME, *pages]}
    full["02_b.ipynb"]["pool_size"] = 2

    def run():
        # in a thread of its own: the browser tests' Playwright keeps a loop in the main thread
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            km = _FakeKernelManager(loop, pools.home_only(full), fail={pools.HOME})
            for name in [pools.HOME, *pages]:  # what Voila's constructor does
                km.fill_if_needed(delay=0, notebook_name=name)
            log = logging.getLogger("test")
            pools.fill_home_first(km, pages, full, log, pause=0.05)
            loop.run_until_complete(asyncio.sleep(0.04))
            first = list(km.events)
            loop.run_until_complete(asyncio.sleep(0.5))
            return km, first
        finally:
            loop.close()
            asyncio.set_event_loop(None)

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        km, first = pool.submit(run).result()
    assert first == [("start", pools.HOME)]  # a failed home kernel ...
    # ... does not hold the others back; each page starts once the one before it is ready
    assert km.events == [
        ("start", pools.HOME),
        ("start", "01_a.ipynb"),
        ("ready", "01_a.ipynb"),
        ("start", "02_b.ipynb"),
        ("start", "02_b.ipynb"),
        ("ready", "02_b.ipynb"),
        ("ready", "02_b.ipynb"),
        ("start", "03_c.ipynb"),
        ("ready", "03_c.ipynb"),
    ]
    assert km.kernel_pools_config == full


def test_refills_after_a_burst_start_one_after_another():
    calls = []

    class Manager:
        fill_delay = 4.0

        def fill_if_needed(self, delay=None, notebook_name=None, **kwargs):
            calls.append((notebook_name, delay))

    km, now = Manager(), [100.0]
    pools.space_refills(km, 1.5, clock=lambda: now[0])
    km.fill_if_needed(delay=0, notebook_name="01.ipynb")  # a fill at start: unchanged
    for _ in range(3):  # a burst: three pages take a kernel at the same moment
        km.fill_if_needed(notebook_name=pools.HOME, extra_kernel_env_variables={})
    now[0] = 160.0  # much later: the plain delay again
    km.fill_if_needed(notebook_name=pools.HOME)
    assert calls == [
        ("01.ipynb", 0),
        (pools.HOME, 4.0),
        (pools.HOME, 5.5),
        (pools.HOME, 7.0),
        (pools.HOME, 4.0),
    ]


def test_the_server_says_where_learners_data_is_kept_and_never_a_password(monkeypatch, tmp_path):
    from widgets import app

    monkeypatch.delenv("COURSE_DATABASE_URL", raising=False)
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    assert app.store_location() == str(tmp_path / "course.sqlite3")
    monkeypatch.setenv("COURSE_DATABASE_URL", "postgresql://u:s3cret@db.example/course")
    where = app.store_location()
    assert "course" in where and "db.example" in where and "s3cret" not in where
