"""Speed and memory of the course as served, against a bare ipywidgets page.

    .venv/bin/python tests/benchmarks/bench.py [--runs 5] [--burst 20] [--pages all|00_home.ipynb,...]

In one run it starts:

- the course app as configured (``python -m widgets.app``: preheated pools, template) serving the
  course pages and ``bare.ipynb`` (one IntSlider) from the same folder;
- an unconfigured ``voila`` (no preheat, default template) serving ``bare.ipynb``;

and prints, per page, the median time until its widgets are visible in headless Chromium and the
ratio against the bare page on the unconfigured server; the resident memory of the page's kernel
(found by kernel id through its connection file) and its ratio against the bare page's kernel on
the same server; and a burst: N simultaneous requests for the home page until every page's HTML
is complete, against the same burst for the bare page on the unconfigured server.
Targets: every page <= 1.0x, burst <= 0.5x, quiz and reading pages <= 1.2x the bare kernel's memory.
Timings are never asserted in the test suite (a smoke test runs this with tiny numbers).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ui.conftest import CHROMIUM_ARGS, chromium_path, free_port  # noqa: E402

BARE = "bare.ipynb"
HERE = Path(__file__).resolve().parent


class Server:
    """A Voila process on a free port; ``course`` = the configured course app."""

    def __init__(self, folder: Path, course: bool, env: dict[str, str], log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        common = ["--no-browser", f"--port={self.port}", "--Voila.ip=127.0.0.1"]
        if course:
            args = [sys.executable, "-m", "widgets.app", str(folder), *common]
        else:
            args = [sys.executable, "-m", "voila", str(folder), *common]
        self._log = log.open("wb")
        cwd = ROOT if course else folder  # the unconfigured one must not read voila.json
        self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/voila/static/voila.js", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("Voila did not start")

    def page(self, name: str) -> str:
        return f"{self.url}/voila/render/{name}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()


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


def burst(url: str, n: int) -> float:
    """Seconds until ``n`` simultaneous requests for ``url`` have all received their whole HTML."""

    def one(_):
        with urllib.request.urlopen(url, timeout=600) as r:
            body = r.read()
        assert b"</html>" in body
        return time.perf_counter()

    start = time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        ends = list(pool.map(one, range(n)))
    return max(ends) - start


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="page loads per page (median)")
    ap.add_argument("--burst", type=int, default=20, help="simultaneous requests in the burst")
    ap.add_argument("--pages", default="all", help="comma-separated notebooks, or all")
    ap.add_argument("--settle", type=float, default=20, help="seconds to let pools fill")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from widgets import content

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
    env = dict(os.environ, COURSE_STORE_DIR=str(work / "store"))
    # The unconfigured server must not see the course template or voila.json.
    plain_env = {k: v for k, v in env.items() if k != "JUPYTER_PATH"}

    rows = []
    course = Server(course_dir, True, env, work / "course.log")
    plain = Server(bare_dir, False, plain_env, work / "plain.log")
    try:
        time.sleep(args.settle)
        wait_idle(2.0, 60)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)

            def measure(server, name, ready):
                times, mems = [], []
                for _ in range(args.runs):
                    wait_idle(1.0, 4)
                    t, m = time_page(browser, server.page(name), ready)
                    times.append(t)
                    mems.append(m)
                return statistics.median(times), statistics.median(mems)

            plain_t, plain_m = measure(plain, BARE, ".bench-bare")
            same_t, same_m = measure(course, BARE, ".bench-bare")
            for name in pages:
                t, m = measure(course, name, ".course-nav-bar")
                rows.append((name, kinds.get(name, "?"), t, m))
            browser.close()

        wait_idle()
        course_burst = burst(course.page(pages[0] if pages else "00_home.ipynb"), args.burst)
        wait_idle()
        plain_burst = burst(plain.page(BARE), args.burst)
    finally:
        course.stop()
        plain.stop()
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nbare page, unconfigured voila: {plain_t:.2f} s, kernel {plain_m:.0f} MB")
    print(f"bare page, course server:      {same_t:.2f} s, kernel {same_m:.0f} MB\n")
    print("| page | kind | visible (s, median) | x bare, plain voila | kernel RSS (MB) | x bare kernel |")
    print("|---|---|---|---|---|---|")
    ok = True
    for name, kind, t, m in rows:
        rt, rm = t / plain_t, m / plain_m
        ok &= rt <= 1.0 and (kind == "home" or rm <= 1.2)
        print(f"| {name} | {kind} | {t:.2f} | {rt:.2f} | {m:.0f} | {rm:.2f} |")
    rb = course_burst / plain_burst
    print(
        f"\nburst of {args.burst}: course home {course_burst:.1f} s, bare page on plain voila "
        f"{plain_burst:.1f} s, ratio {rb:.2f} (target <= 0.5)"
    )
    print(f"\nall page targets met: {ok and rb <= 0.5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
