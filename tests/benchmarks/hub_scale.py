"""Scale of the JupyterHub deployment: N learners, each on their own server, answering at once.

    sudo .venv/bin/python -m tests.benchmarks.hub_scale --learners 30 --answers 20

Starts the real deployment (deploy/jupyterhub, as tests/deploy/test_hub.py does: PostgreSQL with
a role per user, local accounts, configurable-http-proxy), starts every learner's server
through the hub's API, then opens one kernel per learner over the kernel protocol (no browser)
and, all at the same moment, has each save ``--answers`` quiz answers the way a quiz page does
(``Store.add_answer`` then ``Store.put_doc`` of the quiz state, as the learner's own database
role). Prints answers per second, the save latency (median and 95th percentile), how long the
servers took to start, and memory per learner (proportional set size of the learner's server
and kernel, and of the database's share). Needs root, Node's configurable-http-proxy and
PostgreSQL, like the hub test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.deploy import hub as H
from widgets import hubdb
from widgets.store import Store
from widgets.workshop import model

SETUP = r"""
from widgets import learner
from widgets.store import open_store
from widgets.workshop import model
me = learner.current().code
store = open_store()
assert store.problem is None, store.problem
model.join(store, "WORKSHOP", me, "")  # every learner is in the trainer's workshop
"""
LOAD = r"""
import json, time
while time.time() < START:
    time.sleep(0.01)
lat = []
t0 = time.time()
for i in range(ANSWERS):
    t = time.perf_counter()
    store.add_answer(me, f"q{i % 12}", ["a"], 1.0, True, workshop="WORKSHOP")
    store.put_doc(me, "quiz", "coalitions", {"answered": i + 1, "pad": "x" * 400})
    lat.append(time.perf_counter() - t)
print(json.dumps({"lat": lat, "t0": t0, "t1": time.time()}))
"""


def pss_kb(pid: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def process_tree(root: int, owner: str) -> list[int]:
    """``root`` and its descendants owned by ``owner`` (the hub, its proxy and its services)."""
    import pwd

    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            uid = stat.parent.stat().st_uid
        except (OSError, IndexError):
            continue
        if pwd.getpwuid(uid).pw_name == owner:
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def memory_by_owner() -> dict[str, int]:
    """Proportional memory (kB) of every process, summed by the name of its owner."""
    import pwd

    out: dict[str, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            uid = int(
                next(x for x in status.read_text().splitlines() if x.startswith("Uid:")).split()[1]
            )
            name = pwd.getpwuid(uid).pw_name
        except (OSError, StopIteration, KeyError):
            continue
        out[name] = out.get(name, 0) + pss_kb(status.parent.name)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--learners", type=int, default=30)
    ap.add_argument("--answers", type=int, default=20)
    args = ap.parse_args()
    H.check_requirements()
    users = [f"tbc-load{i:02d}" for i in range(args.learners)]
    pg = H.Postgres()
    for u in users:
        H.ensure_user(u)
    opened = H.open_path_for_users(H.ROOT, Path(sys.prefix), Path(sys.base_prefix))
    hub = None
    try:
        base = memory_by_owner()
        hub = H.Hub(pg, users, Path(tempfile.mkdtemp(prefix="course-hub-bench-")))
        trainer = Store(hubdb.trainer_url(pg.owner_url, hub.trainer_password))
        ws = model.create_workshop(trainer, "Load")
        t = time.monotonic()
        for u in users:  # ask for every server at once; the hub starts them side by side
            _start(hub, u)
        for u in users:
            hub.wait(u, ready=True, timeout=600)
        spawn_s = time.monotonic() - t
        tokens = {u: hub.user_token(u) for u in users}

        # Every learner's kernel started and connected first (a page open), then all answer.
        kernels: dict[str, H.Kernel] = {}

        def connect(u: str) -> None:
            kernels[u] = H.Kernel(hub, u, tokens[u], timeout=300)
            kernels[u].run(SETUP.replace("WORKSHOP", ws.code), timeout=300)

        _in_threads(connect, users)
        assert sorted(kernels) == sorted(users), "a kernel did not start"
        mem = memory_by_owner()
        hub_kb = sum(pss_kb(str(pid)) for pid in process_tree(hub.proc.pid, "root"))
        start = time.time() + 2
        code = LOAD.replace("WORKSHOP", ws.code).replace("START", repr(start))
        code = code.replace("ANSWERS", str(args.answers))
        results: dict[str, dict] = {}

        def run(u: str) -> None:
            results[u] = json.loads(kernels[u].run(code, timeout=600).strip().splitlines()[-1])

        _in_threads(run, users)
        for k in kernels.values():
            k.close()
        missing = [u for u in users if u not in results]
        assert not missing, f"no result from {missing}"
        lat = sorted(x for r in results.values() for x in r["lat"])
        t0 = min(r["t0"] for r in results.values())
        t1 = max(r["t1"] for r in results.values())
        n = len(lat)
        stored = len(trainer.workshop_answers(ws.code))
        per_learner = statistics.mean(mem.get(u, 0) for u in users) / 1024
        pg_share = (mem.get("postgres", 0) - base.get("postgres", 0)) / 1024 / len(users)
        p95 = lat[min(n - 1, int(0.95 * n))]
        print(f"learners: {len(users)}, answers each: {args.answers}, cores: {_cores()}")
        print(f"servers started (all asked at once): {spawn_s:.1f} s")
        print(f"answers saved: {n} (in the database: {stored}) in {t1 - t0:.2f} s")
        print(f"answers per second: {n / (t1 - t0):.0f}")
        print(
            f"save latency: median {statistics.median(lat) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
        )
        print(f"memory per learner (server + one page's kernel, PSS): {per_learner:.0f} MB")
        print(f"database memory per learner (PSS growth / learners): {pg_share:.1f} MB")
        print(f"hub, proxy and culler (PSS): {hub_kb / 1024:.0f} MB")
        assert stored == n, "an answer was lost or counted twice"
    finally:
        if hub is not None:
            hub.stop()
        pg.stop()
        H.restore_modes(opened)
        for u in users:
            H.remove_user(u)


def _start(hub, user: str) -> None:
    import urllib.error

    try:
        hub.api("POST", f"/users/{user}/server")
    except urllib.error.HTTPError as exc:
        if exc.code != 202:
            raise


def _in_threads(fn, items) -> None:
    threads = [threading.Thread(target=fn, args=(x,)) for x in items]
    for th in threads:
        th.start()
    for th in threads:
        th.join()


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    main()
