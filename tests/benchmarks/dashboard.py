"""How fast the trainer's dashboard is: refresh time with a full room, and first load in Voila.

    .venv/bin/python -m tests.benchmarks.dashboard                  # refresh, 30 x 50
    .venv/bin/python -m tests.benchmarks.dashboard --first-load     # also the page in Chromium
    .venv/bin/python -m tests.benchmarks.dashboard --participants 12 --answers 20

The refresh is what the dashboard does every 10 seconds: read the workshop from the store, build
the report, run the item analysis (pandas) and redraw every tab. The room is simulated with the
course's own questions: each participant answers ``--answers`` times (first tries at different
questions, then second tries), graded by the quiz's rules, and shares a plan summary.

The first load is measured in a real Chromium against ``python -m widgets.workshop
serve-dashboard``: from asking for the page to the sign-in fields being visible.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from widgets import content
from widgets.quizzes import bank
from widgets.quizzes import model as quiz
from widgets.store import FILENAME, Store
from widgets.workshop import model


def random_response(q: quiz.Question, rng: random.Random):
    """A plausible answer to a question: right about half the time."""
    if q.kind == "matching":
        ids = [t for t, _ in q.targets]
        return {p.left_id: (p.right_id if rng.random() < 0.6 else rng.choice(ids)) for p in q.pairs}
    if q.kind == "ordering":
        items = [i.id for i in q.items]
        if rng.random() < 0.5:
            rng.shuffle(items)
        return items
    if q.kind == "multiple":
        return sorted(o.id for o in q.options if rng.random() < 0.5) or [q.options[0].id]
    return rng.choice(q.options).id


def seed_room(store: Store, participants: int, answers: int, groups: int = 3, seed: int = 1):
    """A workshop with ``participants`` who each give ``answers`` answers; returns it."""
    rng = random.Random(seed)
    questions = list(bank.load().questions.values())
    c = model.create_workshop(store, "Benchmark room")
    trainer = model.Trainer(store, c.code, c.secret)
    worksheet = content.load().worksheet
    types = [t.id for t in worksheet.actor_types]
    positions = [p.id for p in worksheet.positions]
    for i in range(participants):
        learner = f"BNCH-{i:04d}-ROOM"
        model.join(store, c.code, learner, f"Person {i + 1}")
        for n in range(answers):
            q = questions[n % len(questions)]
            response = random_response(q, rng)
            r = quiz.grade(q, response)
            store.add_answer(learner, q.id, response, r.score, r.correct, workshop=c.code)
        actors = [
            {
                "name": f"A{k}",
                "type": rng.choice(types),
                "influence": rng.randint(1, 5),
                "interest": rng.randint(1, 5),
                "position": rng.choice(positions),
            }
            for k in range(5)
        ]
        store.put_doc(learner, "worksheet", "plan", {"actors": actors, "coalition": {}})
        model.share_plan_summary(store, c.code, learner)
    trainer.make_groups(groups)
    return c


def refresh_times(store: Store, created, repeat: int = 5) -> list[float]:
    """Seconds per dashboard refresh (report, item analysis, every tab redrawn)."""
    from widgets.workshop.trainer_view import Dashboard

    d = Dashboard(store=store)
    d.w_auto.value = False
    d.w_code.value, d.w_secret.value = created.code, created.secret
    assert d.sign_in()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        d.refresh()
        times.append(time.perf_counter() - t0)
    return times


def first_load(store_dir: Path, runs: int = 3) -> list[float]:
    """Seconds from asking for the dashboard to its sign-in being visible, in Chromium."""
    from playwright.sync_api import sync_playwright

    from tests.harness import CHROMIUM_ARGS, VoilaServer, chromium_path

    token = "bench-token"
    server = VoilaServer(
        store_dir,
        env={"COURSE_DASHBOARD_TOKEN": token},
        command=["widgets.workshop", "serve-dashboard"],
    )
    times = []
    try:
        time.sleep(8)  # let the preheated kernels start, as before a workshop
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for _ in range(runs):
                ctx = b.new_context()
                page = ctx.new_page()
                t0 = time.perf_counter()
                page.goto(f"{server.url}/?token={token}", wait_until="commit", timeout=90_000)
                page.wait_for_selector(".course-sign-in input", state="visible", timeout=90_000)
                times.append(time.perf_counter() - t0)
                ctx.close()
                time.sleep(6)  # the pool refills
            b.close()
    finally:
        server.stop()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.dashboard")
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--answers", type=int, default=50)
    parser.add_argument("--url", help="store URL (default: a SQLite file in a temp folder)")
    parser.add_argument("--first-load", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / FILENAME}"
        st = Store(url)
        t0 = time.perf_counter()
        created = seed_room(st, args.participants, args.answers)
        print(
            f"seeded {args.participants} participants x {args.answers} answers "
            f"in {time.perf_counter() - t0:.1f} s ({url.split(':', 1)[0]})"
        )
        times = refresh_times(st, created)
        print(
            f"dashboard refresh: first {times[0]:.2f} s, then median "
            f"{statistics.median(times[1:]):.2f} s (max {max(times[1:]):.2f} s)"
        )
        if args.first_load:
            loads = first_load(Path(tmp))
            print("dashboard first load in Chromium: " + ", ".join(f"{x:.2f} s" for x in loads))
        model.Trainer(st, created.code, created.secret).delete()
        st.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
