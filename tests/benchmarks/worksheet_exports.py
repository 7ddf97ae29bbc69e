"""Worksheet speed: exports of 30- and 200-actor plans, and the page's first render in Voila.

Not part of the test suite. Run from the repository with the course's environment:

    .venv/bin/python tests/benchmarks/worksheet_exports.py            # exports and pages
    .venv/bin/python tests/benchmarks/worksheet_exports.py --no-voila # exports only

Prints the median of 5 runs for each export (plus the first, cold call that pays for imports),
then the time until the worksheet is visible in headless Chromium against a notebook holding one
ipywidget, both served by the same Voila process, alternating, median of 5 fresh browser contexts.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RUNS = 5


def big_plan(n_actors: int = 200):
    """A valid plan with ``n_actors`` actors spread over every type, rating and position."""
    from widgets import content
    from widgets.planning import worksheet

    ws = content.load().worksheet
    types = [t.id for t in ws.actor_types]
    priorities = [p.id for p in ws.priorities]
    w = worksheet.Worksheet()
    w.set_review(
        country="SN",
        committee="CRC",
        procedure="simplified",
        stage="srp-replies",
        session_date="2027-05-10",
        themes="Education",
        organisation="Example network",
    )
    for i in range(n_actors):
        w.add_actor(
            name=f"Organisation number {i + 1} with a fairly long name",
            type=types[i % len(types)],
            influence=1 + i % 5,
            interest=1 + (i // 5) % 5,
            alignment=1 + (i // 25) % 5,
            goal_interest=5 if i % 4 == 0 else None,
            reason="Evidence gathered at the last consultation meeting",
            ask="Raise the issue of school fees with the ministry",
            responsible=f"Member {1 + i % 20}",
            next_action="Call to present the coalition",
            next_date="2027-01-15",
            priority=priorities[i % len(priorities)],
            sensitive=i % 10 == 9,
            engage=["before", "after"],
            notes="Notes about this actor, " * 3,
        )
    for i in range(20):
        w.add_member(f"Member {i + 1}", ws.roles[i % len(ws.roles)].id)
    w.add_suggested_milestones()
    return w.plan


def time_exports(plan) -> list[tuple[str, float, float]]:
    """(name, first call, median of RUNS) in seconds for each export."""
    from widgets.planning import chart, chart_png, export

    cases = [
        ("Word (.docx, with map image)", lambda: export.to_docx(plan)),
        ("Excel (.xlsx)", lambda: export.to_xlsx(plan)),
        ("CSV (actors)", lambda: export.to_csv(plan)),
        ("Markdown", lambda: export.to_markdown(plan)),
        ("JSON", lambda: export.to_json(plan)),
        ("map PNG (Pillow)", lambda: chart_png.map_png(plan)),
        ("map SVG (page)", lambda: chart.map_svg(plan) + chart.map_text_html(plan)),
        ("all seven files", lambda: export.all_files(plan)),
    ]
    out = []
    for name, fn in cases:
        times = []
        for _ in range(RUNS + 1):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        out.append((name, times[0], statistics.median(times[1:])))
    return out


def time_page_change(plan) -> tuple[float, float]:
    """Median seconds for one change in the view with this plan (save + redraw), and to add one."""
    import os

    tmp = Path(tempfile.mkdtemp(prefix="ws-bench-store-"))
    os.environ["COURSE_STORE_DIR"] = str(tmp)
    from widgets.learner import Learner
    from widgets.planning import model
    from widgets.planning.view import WorksheetView
    from widgets.store import Store

    store = Store(f"sqlite:///{tmp / 'bench.sqlite3'}")
    v = WorksheetView(Learner("BENC-HMAR-KSSS", store=store))
    v.model.load(model.Plan.model_validate(plan.to_json_dict()))
    v.editor.loaded()
    edits, adds = [], []
    for i in range(RUNS):
        t0 = time.perf_counter()
        v.review.w_themes.value = f"Theme {i}"
        edits.append(time.perf_counter() - t0)
        v.actors.w_name.value = f"Extra actor {i}"
        t0 = time.perf_counter()
        v.actors.save_actor()
        adds.append(time.perf_counter() - t0)
    store.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return statistics.median(edits), statistics.median(adds)


BARE = """{"cells": [{"cell_type": "code", "execution_count": null, "id": "a1", "metadata": {},
"outputs": [], "source": ["import ipywidgets as W\\n", "W.Button(description='one widget')"]}],
"metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
"nbformat": 4, "nbformat_minor": 5}"""


def time_pages() -> list[tuple[str, list[float]]]:
    """Seconds until the widget is visible: a one-widget page vs the worksheet, same server."""
    from playwright.sync_api import sync_playwright

    from tests.harness import CHROMIUM_ARGS, VoilaServer, chromium_path

    tmp = Path(tempfile.mkdtemp(prefix="ws-bench-"))
    pages = tmp / "pages"
    pages.mkdir()
    (pages / "bare.ipynb").write_text(BARE, encoding="utf-8")
    shutil.copy(ROOT / "notebooks" / "07_worksheet.ipynb", pages / "07_worksheet.ipynb")
    server = VoilaServer(tmp / "store", extra_args=[str(pages)])
    cases = [
        ("one-widget notebook", "bare.ipynb", "", ".widget-button"),
        ("worksheet (07)", "07_worksheet.ipynb", "code=BENC-HMAR-KSSS", ".course-worksheet"),
    ]
    results: dict[str, list[float]] = {name: [] for name, *_ in cases}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for i in range(RUNS + 1):  # the first round warms the server up and is dropped
                for name, nb, query, selector in cases:
                    context = browser.new_context()
                    page = context.new_page()
                    t0 = time.perf_counter()
                    page.goto(server.page_url(nb, query), wait_until="commit")
                    page.wait_for_selector(selector, state="visible", timeout=120_000)
                    elapsed = time.perf_counter() - t0
                    context.close()
                    if i:
                        results[name].append(elapsed)
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return list(results.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-voila", action="store_true", help="time the exports only")
    args = parser.parse_args()
    t0 = time.perf_counter()
    plan = big_plan()
    print(
        f"plan of {len(plan.actors)} actors built and validated in {time.perf_counter() - t0:.3f} s"
    )
    for size in (30, 200):
        sized = big_plan(size)
        print(f"\n{size} actors: {'export':22} {'first call':>11} {'median of ' + str(RUNS):>13}")
        for name, first, med in time_exports(sized):
            print(f"{'':12}{name:22} {first:10.3f}s {med:12.3f}s")
    edit, add = time_page_change(plan)
    print(f"\nin the page, with {len(plan.actors)} actors (save + redraw map and summary):")
    print(f"{'change a field':32} {'':11} {edit:12.3f}s")
    print(f"{'add an actor':32} {'':11} {add:12.3f}s")
    if args.no_voila:
        return
    print(f"\n{'page (time to first render)':32} {'median':>8}   all runs")
    rows = time_pages()
    for name, times in rows:
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"{name:32} {statistics.median(times):7.2f}s   {runs}")
    ratio = statistics.median(rows[1][1]) / statistics.median(rows[0][1])
    print(f"worksheet / one-widget ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
