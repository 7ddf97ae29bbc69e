"""Quiz page vs a bare ipywidget page in one Voila run: time to first render and kernel memory.

    .venv/bin/python tests/benchmarks/quiz_page.py [--runs 5]

Not part of the test suite. Serves a temporary folder holding a copy of the quiz pages and a
notebook with one bare ipywidget, with the course's own launcher (``widgets.app``) and
``voila.json``. Each run opens each page in a fresh browser context (Debian's Chromium) and
measures the time from navigation until the widgets are visible, then the resident memory of the
kernel that page started (Linux ``/proc``). Pages alternate so that both see the same machine
load. Prints medians of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ui.conftest import CHROMIUM_ARGS, chromium_path, free_port  # noqa: E402

BARE = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "bare-0",
            "metadata": {},
            "outputs": [],
            "source": ["import ipywidgets as W\n", 'W.Button(description="Hello")'],
        }
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}
PAGES = {  # notebook -> (query, selector that means "rendered")
    "bare.ipynb": ("", ".widget-button"),
    "06_check_your_knowledge.ipynb": ("code=BNCH-TEST-2345", ".course-quiz .course-question"),
    "02_why_coalitions.ipynb": ("code=BNCH-TEST-2345", ".course-quiz .course-question"),
}


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="quiz-bench-"))
    pages_dir = work / "pages"
    pages_dir.mkdir()
    (pages_dir / "bare.ipynb").write_text(json.dumps(BARE))
    for name in PAGES:
        if name != "bare.ipynb":
            shutil.copy(ROOT / "notebooks" / name, pages_dir / name)
    port = free_port()
    env = dict(os.environ, COURSE_STORE_DIR=str(work / "store"))
    log = (work / "voila.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "widgets.app", str(pages_dir), "--no-browser", f"--port={port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    results: dict[str, dict[str, list[float]]] = {n: {"render_s": [], "rss_mb": []} for n in PAGES}
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/voila/static/voila.js", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            # one warm-up load per page: first-time file reads are not what we measure
            for run in range(args.runs + 1):
                for name, (query, selector) in PAGES.items():
                    before = _children(server.pid)
                    ctx = browser.new_context()
                    page = ctx.new_page()
                    url = f"{base}/voila/render/{name}" + (f"?{query}" if query else "")
                    t0 = time.perf_counter()
                    page.goto(url, wait_until="commit")
                    page.wait_for_selector(selector, state="visible", timeout=120_000)
                    elapsed = time.perf_counter() - t0
                    time.sleep(1.0)  # let the kernel settle after the last message
                    new = _children(server.pid) - before
                    rss = max((_rss_mb(k) for k in new), default=float("nan"))
                    ctx.close()
                    for k in new:  # stop the page's kernel so they do not pile up
                        try:
                            os.kill(k, 15)
                        except ProcessLookupError:
                            pass
                    if run:
                        results[name]["render_s"].append(elapsed)
                        results[name]["rss_mb"].append(rss)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    bare = {k: statistics.median(v) for k, v in results["bare.ipynb"].items()}
    print(f"median of {args.runs} runs, one Voila server, no preheated kernels")
    print(f"{'page':34} {'first render (s)':>17} {'ratio':>6} {'kernel RSS (MB)':>16} {'ratio':>6}")
    for name, r in results.items():
        t, m = statistics.median(r["render_s"]), statistics.median(r["rss_mb"])
        print(
            f"{name:34} {t:17.2f} {t / bare['render_s']:6.2f} {m:16.1f} {m / bare['rss_mb']:6.2f}"
        )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
