"""Speed and memory of the course as served, against a bare ipywidgets page.

    .venv/bin/python tests/benchmarks/bench.py [--first-runs 3] [--runs 5] [--room 30]
                                               [--pages all|00_home.ipynb,...]

In one run, one after the other:

1. **First page** (``--first-runs`` times, alternating): launch ``python -m widgets.app`` (the
   default, one-person mode, exactly what ``python3 course.py start`` runs) and time from the
   launch until the home page's widgets are visible in headless Chromium; then the same for a
   plain ``voila bare.ipynb`` (``bare.ipynb``: one IntSlider). Medians and their ratio
   (target <= 1.2). Chromium is started beforehand, like a browser already open.
2. **Every page**: the course app (one-person mode) serving the course pages and ``bare.ipynb``
   from one folder, and an unconfigured ``voila`` (no preheat, default template) serving
   ``bare.ipynb``. Per page, the median time until its widgets are visible and the ratio against
   the bare page on the unconfigured server; the resident memory of the page's kernel (found by
   kernel id through its connection file) and its ratio against the bare page's kernel. Loads are
   spaced like a person reading (the used kernel is replaced before the next load).
3. **A room**: the course app with ``--room N``, once its pools are full; N simultaneous requests
   for the home page until every page's HTML is complete, against the same burst for the bare
   page on the unconfigured server.

Targets: first page <= 1.2x, every page <= 1.0x, room burst <= 0.5x, quiz and reading pages
<= 1.2x the bare kernel's memory. Timings vary with the machine's load (report them as such);
they are never asserted in the test suite (a smoke test runs this with tiny numbers).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.harness import CHROMIUM_ARGS, ServerProcess, chromium_path, free_port  # noqa: E402

BARE = "bare.ipynb"
HERE = Path(__file__).resolve().parent


class Server(ServerProcess):
    """A Voila process on a free port; ``course`` = the course app (``extra``: its options).

    ``folder`` None serves the course app's own ``notebooks/``; for the plain server, a
    notebook path serves that one notebook at ``/``.
    """

    def __init__(
        self,
        folder: Path | None,
        course: bool,
        env: dict[str, str],
        log: Path,
        extra: list[str] = (),
        poll: float = 0.3,
    ):
        port = free_port()
        common = ["--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1", *extra]
        target = [str(folder)] if folder else []
        module = "widgets.app" if course else "voila"
        # the unconfigured one must not read voila.json
        cwd = ROOT if course else (folder if folder.is_dir() else folder.parent)
        args = [sys.executable, "-m", module, *target, *common]
        super().__init__(args, port=port, log_path=log, cwd=cwd, env=env, poll=poll)

    def page(self, name: str) -> str:
        return f"{self.url}/voila/render/{name}"


def kernel_rss(kernel_id: str) -> float:
    """Resident memory (MB) of the kernel process whose command line names this kernel id."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            if f"kernel-{kernel_id}.json" not in cmd:
                continue
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            continue
    return float("nan")


def time_page(browser, url: str, ready: str) -> tuple[float, str]:
    """Seconds from navigation until ``ready`` is visible, and the page's kernel id."""
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=180_000)
    page.wait_for_selector(ready, state="visible", timeout=180_000)
    elapsed = time.perf_counter() - start
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    time.sleep(1.0)  # let the kernel finish the page's last cells before memory is read
    rss = kernel_rss(kernel_id)
    context.close()
    return elapsed, rss


def first_page(browser, start_server, ready: str) -> float:
    """Seconds from launching a server (``start_server()``) until ``ready`` is visible at ``/``.

    The browser asks for the page as soon as the server answers, as a person who opens the
    address the command prints would (a little sooner, so this is the shortest wait possible).
    """
    start = time.perf_counter()
    server = start_server()
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url + "/", wait_until="commit", timeout=180_000)
        page.wait_for_selector(ready, state="visible", timeout=180_000)
        elapsed = time.perf_counter() - start
        context.close()
    finally:
        server.stop()
    return elapsed


def wait_for_log(server: Server, text: str, limit: float = 600) -> None:
    """Wait until the server's log contains ``text`` (e.g. a pool is full)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if text in server.log_text():
            return
        if server.proc.poll() is not None:
            raise RuntimeError("Voila exited: " + server.log_text()[-2000:])
        time.sleep(0.5)
    raise RuntimeError(f"not seen in the log within {limit:.0f} s: {text}")


def burst(url: str, n: int, limit: float = 120) -> tuple[float, int]:
    """Seconds until ``n`` simultaneous requests for ``url`` have all received their whole HTML,
    and how many failed (no complete page within ``limit`` seconds, or an error)."""

    def one(_):
        try:
            with urllib.request.urlopen(url, timeout=limit) as r:
                body = r.read()
        except OSError:
            return None
        return time.perf_counter() if b"</html>" in body else None

    start = time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        ends = list(pool.map(one, range(n)))
    done = [e for e in ends if e is not None]
    return (max(done) - start if done else float("nan")), len(ends) - len(done)


def _cpu() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return fields[3] + fields[4], sum(fields)  # idle + iowait, total


def wait_idle(seconds: float = 1.0, limit: float = 60.0) -> None:
    """Wait (at most ``limit`` s) until the CPUs are mostly idle: pools refilled, kernels settled."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        idle0, total0 = _cpu()
        time.sleep(seconds)
        idle1, total1 = _cpu()
        if total1 > total0 and (idle1 - idle0) / (total1 - total0) > 0.6:
            return


PARTS = ("first", "pages", "room")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first-runs", type=int, default=3, help="launches of each server (median)")
    ap.add_argument("--runs", type=int, default=5, help="page loads per page (median)")
    ap.add_argument("--room", type=int, default=30, help="people in the room (burst size)")
    ap.add_argument("--pages", default="all", help="comma-separated notebooks, or all")
    ap.add_argument("--settle", type=float, default=20, help="seconds to let pools fill")
    ap.add_argument(
        "--idle", type=float, default=60, help="at most this many seconds to wait for idle CPUs"
    )
    ap.add_argument(
        "--parts", default=",".join(PARTS), help="what to measure: first,pages,room (all)"
    )
    args = ap.parse_args(argv)
    parts = {x for x in args.parts.split(",") if x}
    if not parts or parts - set(PARTS):
        ap.error(f"--parts takes some of {','.join(PARTS)}")

    from playwright.sync_api import sync_playwright

    from widgets import content, pools

    outline = content.load().outline
    pages = [p.notebook for p in outline.pages]
    if args.pages != "all":
        pages = [p for p in args.pages.split(",") if p]
    kinds = {p.notebook: p.kind for p in outline.pages}

    work = Path(tempfile.mkdtemp(prefix="course-bench-"))
    course_dir = work / "course"
    bare_dir = work / "bare"
    course_dir.mkdir()
    bare_dir.mkdir()
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy(nb, course_dir / nb.name)
    shutil.copy(HERE / BARE, course_dir / BARE)
    shutil.copy(HERE / BARE, bare_dir / BARE)
    # The course as a learner starts it: no pool sizes from the environment.
    pool_vars = ("COURSE_HOME_POOL", "COURSE_PAGE_POOL")
    env = {k: v for k, v in os.environ.items() if k not in pool_vars}
    env["COURSE_STORE_DIR"] = str(work / "store")
    # The unconfigured server must not see the course template or voila.json.
    plain_env = {k: v for k, v in env.items() if k != "JUPYTER_PATH"}
    plan = pools.pool_plan(None, env)
    room_plan = pools.pool_plan(args.room, env)
    home = pools.HOME
    ready = ".course-nav-bar"

    rows = []
    firsts: dict[str, list[float]] = {"course": [], "plain": []}
    plain = None
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)

            # 1. First page: launch to widgets, alternating so both see the same machine load.
            launches = {
                "course": (
                    lambda: Server(None, True, env, work / "first-course.log", poll=0.05),
                    ready,
                ),
                "plain": (
                    lambda: Server(
                        bare_dir / BARE, False, plain_env, work / "first-plain.log", poll=0.05
                    ),
                    ".bench-bare",
                ),
            }
            for _ in range(args.first_runs if "first" in parts else 0):
                for name, (start_server, selector) in launches.items():
                    wait_idle(2.0, args.idle)
                    firsts[name].append(first_page(browser, start_server, selector))

            # 2. Every page, on the one-person server.
            wait_idle(2.0, args.idle)
            plain = Server(bare_dir, False, plain_env, work / "plain.log")
            if "pages" in parts:
                course = Server(course_dir, True, env, work / "course.log")
                try:
                    time.sleep(args.settle)
                    wait_idle(2.0, args.idle)

                    def measure(server, name, ready):
                        times, mems = [], []
                        for _ in range(args.runs):
                            if server is course:  # the used kernel is replaced, as for a reader
                                time.sleep(pools.FILL_DELAY + 1)
                            wait_idle(1.0, min(10, args.idle))
                            t, m = time_page(browser, server.page(name), ready)
                            times.append(t)
                            mems.append(m)
                        return statistics.median(times), statistics.median(mems)

                    plain_t, plain_m = measure(plain, BARE, ".bench-bare")
                    same_t, same_m = measure(course, BARE, ".bench-bare")
                    for name in pages:
                        t, m = measure(course, name, ready)
                        rows.append((name, kinds.get(name, "?"), t, m))
                finally:
                    course.stop()
            browser.close()

        # 3. A room: full pools, then the whole room opens the home page at once.
        if "room" in parts:
            wait_idle(2.0, args.idle)
            room = Server(course_dir, True, env, work / "room.log", extra=[f"--room={args.room}"])
            try:
                wait_for_log(
                    room, f"Kernel pool of {home} is filled with {room_plan.home} kernel(s)"
                )
                wait_idle(2.0, 5 * args.idle)
                room_burst, room_failed = burst(room.page(home), args.room)
            finally:
                room.stop()
            wait_idle(2.0, args.idle)
            plain_burst, plain_failed = burst(plain.page(BARE), args.room)
    finally:
        if plain is not None:
            plain.stop()
        shutil.rmtree(work, ignore_errors=True)

    ok = True
    if "first" in parts:
        course_first = statistics.median(firsts["course"])
        plain_first = statistics.median(firsts["plain"])
        rf = course_first / plain_first
        ok &= rf <= 1.2
        each = ", ".join(
            f"{a:.1f}/{b:.1f}" for a, b in zip(firsts["course"], firsts["plain"], strict=True)
        )
        print(f"\n{plan.describe()}")
        print(
            f"first page, from launch to widgets (median of {args.first_runs}): "
            f"course (python -m widgets.app) {course_first:.2f} s, "
            f"plain voila bare.ipynb {plain_first:.2f} s, ratio {rf:.2f} (target <= 1.2)"
        )
        print(f"  each launch, course/plain (s): {each}")
    if "pages" in parts:
        print(f"\nbare page, unconfigured voila: {plain_t:.2f} s, kernel {plain_m:.0f} MB")
        print(f"bare page, course server:      {same_t:.2f} s, kernel {same_m:.0f} MB\n")
        print(
            "| page | kind | visible (s, median) | x bare, plain voila | kernel RSS (MB) "
            "| x bare kernel |"
        )
        print("|---|---|---|---|---|---|")
        for name, kind, t, m in rows:
            rt, rm = t / plain_t, m / plain_m
            ok &= rt <= 1.0 and (kind == "home" or rm <= 1.2)
            print(f"| {name} | {kind} | {t:.2f} | {rt:.2f} | {m:.0f} | {rm:.2f} |")
    if "room" in parts:
        rb = room_burst / plain_burst
        ok &= rb <= 0.5
        print(f"\n{room_plan.describe()}")
        print(
            f"room of {args.room}, burst of {args.room} home-page requests: course (--room "
            f"{args.room}) {room_burst:.1f} s, bare page on plain voila {plain_burst:.1f} s, "
            f"ratio {rb:.2f} (target <= 0.5)"
        )
        if room_failed or plain_failed:
            ok &= not room_failed
            print(
                f"  pages not served (error, or none within 120 s): course {room_failed}, "
                f"plain voila {plain_failed} (the time above counts the others)"
            )
    print(f"\nall targets met: {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
