"""Load test of the workshop store: many participants answering at the same time.

    python tests/benchmarks/load.py                      # 200 x 20 on SQLite (+ PostgreSQL if set)
    python tests/benchmarks/load.py -n 200 -a 20 --postgres postgresql://user:pw@127.0.0.1/db

Every simulated participant is a thread with its own connection (as every page kernel has its
own), joins the workshop, waits at a barrier so that all start together, then submits its answers
one by one. The script prints throughput and write latency (median, p95, max), then checks that
no acknowledged answer is lost and none is counted twice: the rows in the store, and the
dashboard's aggregation, must match exactly what was acknowledged.

PostgreSQL runs when ``--postgres URL`` or ``$COURSE_TEST_DATABASE_URL`` is given; the tables go
into a fresh schema that is dropped afterwards. The server must accept as many connections as
participants (``bash .ci/postgres.sh`` starts one with ``max_connections=300``).

``python tests/benchmarks/load.py writer URL WORKSHOP LEARNER`` is the helper for the kill test:
it writes answers forever and prints ``ack N`` after each one is committed.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from widgets.store import Store  # noqa: E402
from widgets.workshop import model  # noqa: E402


@dataclass
class Result:
    """What one load run measured."""

    engine: str
    participants: int
    answers_each: int
    acknowledged: int
    errors: list[str]
    seconds: float
    latencies: list[float]
    stored: int
    counted: int

    @property
    def throughput(self) -> float:
        return self.acknowledged / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else 0.0

    @property
    def ok(self) -> bool:
        expected = self.participants * self.answers_each
        return (
            not self.errors
            and self.acknowledged == expected
            and self.stored == expected
            and self.counted == expected
        )

    def line(self) -> str:
        return (
            f"{self.engine:10s} {self.participants} participants x {self.answers_each} answers: "
            f"{self.acknowledged} acknowledged in {self.seconds:.2f} s = "
            f"{self.throughput:.0f} answers/s; write latency median "
            f"{1000 * self.percentile(50):.2f} ms, p95 {1000 * self.percentile(95):.1f} ms, "
            f"max {1000 * max(self.latencies or [0]):.1f} ms; stored {self.stored}, "
            f"counted {self.counted}, errors {len(self.errors)} -> "
            + ("OK: nothing lost, nothing counted twice" if self.ok else "FAILED")
        )


def learner_code(i: int) -> str:
    """A distinct learner key for participant ``i``."""
    return f"load-{i:04d}"


def run(url: str, participants: int = 200, answers: int = 20, engine: str = "") -> Result:
    """Run one load test against the store at ``url`` and check the result."""
    admin = Store(url)
    ws = model.create_workshop(admin, "Load test")
    learners = [learner_code(i) for i in range(participants)]
    for i, learner in enumerate(learners):
        model.join(admin, ws.code, learner, f"Participant {i}")
    barrier = threading.Barrier(participants + 1)
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    acked = [0]

    def participant(learner: str) -> None:
        try:
            st = Store(url)
        except Exception as exc:  # a refused connection is an error, reported below
            errors.append(f"{learner}: connect: {exc}")
            barrier.wait()
            return
        mine = []
        barrier.wait()
        try:
            for q in range(answers):
                t0 = time.perf_counter()
                try:
                    st.add_answer(learner, f"q{q:02d}", ["a"], q % 2, q % 2 == 1, workshop=ws.code)
                except Exception as exc:
                    with lock:
                        errors.append(f"{learner} q{q}: {exc}")
                    continue
                mine.append(time.perf_counter() - t0)
        finally:
            st.close()
            with lock:
                latencies.extend(mine)
                acked[0] += len(mine)

    threads = [threading.Thread(target=participant, args=(x,)) for x in learners]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0

    stored = admin.query(
        "SELECT COUNT(*) FROM answers WHERE workshop = ?", (ws.code,)
    )[0][0]
    dupes = admin.query(
        "SELECT COUNT(*) FROM (SELECT learner, question_id FROM answers WHERE workshop = ? "
        "GROUP BY learner, question_id HAVING COUNT(*) > 1) d",
        (ws.code,),
    )[0][0]
    if dupes:
        errors.append(f"{dupes} answers stored twice")
    report = model.build_report(admin, ws.code, {})
    counted = sum(q.answered for q in report.questions)
    admin.delete_workshop(ws.code)
    admin.close()
    return Result(
        engine=engine or url.split(":", 1)[0],
        participants=participants,
        answers_each=answers,
        acknowledged=acked[0],
        errors=errors,
        seconds=seconds,
        latencies=latencies,
        stored=stored,
        counted=counted,
    )


def fresh_pg_schema(base: str) -> tuple[str, object]:
    """A URL whose tables go into a new schema, and a function that drops it."""
    import psycopg

    schema = f"load_{secrets.token_hex(5)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")

    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", drop


def writer(url: str, workshop: str, learner: str) -> None:
    """Write answers until killed, printing ``ack N`` once each is committed."""
    st = Store(url)
    n = 0
    while True:
        n += 1
        attempt = st.add_answer(learner, "kill-test", {"n": n}, 1.0, True, workshop=workshop)
        print(f"ack {attempt}", flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["writer"]:
        writer(*argv[1:4])
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-n", "--participants", type=int, default=200)
    p.add_argument("-a", "--answers", type=int, default=20)
    p.add_argument("--postgres", default=os.environ.get("COURSE_TEST_DATABASE_URL"))
    p.add_argument("--no-sqlite", action="store_true")
    args = p.parse_args(argv)
    results = []
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as d:
            url = f"sqlite:///{Path(d) / 'load.sqlite3'}"
            results.append(run(url, args.participants, args.answers, "SQLite"))
            print(results[-1].line(), flush=True)
    if args.postgres:
        url, drop = fresh_pg_schema(args.postgres)
        try:
            results.append(run(url, args.participants, args.answers, "PostgreSQL"))
            print(results[-1].line(), flush=True)
        finally:
            drop()
    else:
        print("PostgreSQL: skipped (give --postgres URL or set COURSE_TEST_DATABASE_URL)")
    for r in results:
        for e in r.errors[:5]:
            print(f"  {r.engine} error: {e}")
    return 0 if results and all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
