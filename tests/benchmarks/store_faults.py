"""How often the store's concurrency faults happen: real processes, real databases.

    .venv/bin/python -m tests.benchmarks.store_faults [--trials N]

Needs ``COURSE_TEST_DATABASE_URL`` for the PostgreSQL rows (``eval "$(bash .ci/postgres.sh)"``).
Each row prints how many of N trials (or writes) failed. The same workers serve the tests in
``tests/unit/test_store_concurrency.py``, which run a few trials and expect no failure.

Measured on the 2-core development machine (``--trials 20``), before -> after the store package:
fresh PostgreSQL, 2 processes: 20 of 20 trials failed -> 0 of 20; 8 processes: 10 of 10 (70 of
80 opens) -> 0; 8 processes x 100 answers of one learner: 632 of 800 refused (and as many quiz
documents lost) -> 0; new SQLite file, 16 processes: 4 of 40 trials (4 of 640 opens) -> 0;
SQLite locked by another program: open failed after 10.1 s -> open and read at once, a write
reports "busy" after 2.0 s.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import secrets
import tempfile
import time
from pathlib import Path

PG_ENV = "COURSE_TEST_DATABASE_URL"
LEARNER = "SAME-CODE-TWOT"


def _context():
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def _open_worker(url: str, migrate: bool, barrier, out) -> None:
    from widgets.store import Store

    try:
        barrier.wait(30)
        st = Store(url, migrate=True) if migrate else Store(url)
        st.get_doc(LEARNER, "quiz", "x")
        st.close()
        out.put("ok")
    except Exception as exc:  # every failure is counted, whatever its type
        out.put(f"{type(exc).__name__}: {exc}")


def _run_all(target, args_of, n: int) -> list[str]:
    """Start ``n`` processes at once (a barrier) and collect one result from each."""
    ctx = _context()
    barrier, out = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args_of(i), barrier, out)) for i in range(n)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    return results


def simultaneous_opens(url: str, n: int, migrate: bool = False) -> list[str]:
    """``n`` processes open the store at ``url`` at the same moment (``migrate``: as the app
    does at start): each one's result."""
    return _run_all(_open_worker, lambda i: (url, migrate), n)


def _answer_worker(url: str, writes: int, barrier, out) -> None:
    from widgets.store import Store

    st = Store(url)
    refused = missing_docs = 0
    barrier.wait(30)
    for i in range(writes):
        try:
            st.add_answer(LEARNER, "q1", [i], 1.0, True)
            st.put_doc(LEARNER, "quiz", f"doc-{os.getpid()}-{i}", {"try": i})
        except Exception:
            refused += 1
            missing_docs += 1
    st.close()
    out.put((refused, missing_docs))


def same_learner_answers(url: str, n: int, writes: int) -> tuple[int, int]:
    """``n`` processes each save ``writes`` answers (and a quiz document) for one learner."""
    results = _run_all(_answer_worker, lambda i: (url, writes), n)
    return sum(r for r, _ in results), sum(m for _, m in results)


def fresh_pg_url(base: str) -> tuple[str, str]:
    """A URL whose tables go into a new, empty schema (and the schema's name)."""
    import psycopg

    schema = f"f_{secrets.token_hex(6)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def drop_pg_schema(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _failed(results: list[str]) -> int:
    return sum(r != "ok" for r in results)


def bench_pg_opens(base: str, n: int, trials: int) -> None:
    bad_trials = bad_procs = 0
    for _ in range(trials):
        url, schema = fresh_pg_url(base)
        failed = _failed(simultaneous_opens(url, n))
        bad_trials += failed > 0
        bad_procs += failed
        drop_pg_schema(base, schema)
    print(
        f"fresh PostgreSQL, {n} processes open at once: {bad_trials} of {trials} trials failed "
        f"({bad_procs} of {n * trials} opens)"
    )


def bench_pg_answers(base: str, n: int, writes: int) -> None:
    url, schema = fresh_pg_url(base)
    from widgets.store import Store

    Store(url).close()
    refused, missing = same_learner_answers(url, n, writes)
    drop_pg_schema(base, schema)
    print(
        f"PostgreSQL, {n} processes x {writes} answers for the same learner: {refused} of "
        f"{n * writes} answers refused, {missing} quiz documents not saved"
    )


def bench_sqlite_opens(n: int, trials: int) -> None:
    bad_trials = bad_procs = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(trials):
            url = f"sqlite:///{Path(tmp) / f'new-{i}.sqlite3'}"
            failed = _failed(simultaneous_opens(url, n))
            bad_trials += failed > 0
            bad_procs += failed
    print(
        f"new SQLite file, {n} processes open at once: {bad_trials} of {trials} trials failed "
        f"({bad_procs} of {n * trials} opens)"
    )


def bench_locked(hold_seconds: float = 12.0) -> None:
    """Another program holds the write lock: how long a page's open, read and save take."""
    import sqlite3
    import subprocess
    import sys

    from widgets.store import Store, StoreError

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "course.sqlite3"
        Store(f"sqlite:///{path}").close()
        holder = subprocess.Popen(
            [sys.executable, "-c", LOCK_HOLDER, str(path), str(hold_seconds)],
            stdout=subprocess.PIPE,
        )
        holder.stdout.readline()  # "locked"
        t0 = time.perf_counter()
        outcome = []
        try:
            st = Store(f"sqlite:///{path}")
            outcome.append(f"open {time.perf_counter() - t0:.1f} s")
            st.get_doc(LEARNER, "quiz", "x")
            outcome.append(f"read ok at {time.perf_counter() - t0:.1f} s")
            st.put_doc(LEARNER, "quiz", "x", {})
            outcome.append("write ok")
        except (StoreError, sqlite3.Error) as exc:
            outcome.append(
                f"{getattr(exc, 'reason', 'failed')} at {time.perf_counter() - t0:.1f} s"
            )
        holder.kill()
        holder.wait()
    print("SQLite locked by another program: " + ", ".join(outcome))


#: A program that takes the store's write lock and keeps it (argv: path, seconds).
LOCK_HOLDER = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
c.execute("UPDATE schema_version SET version = version")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=20)
    args = ap.parse_args()
    base = os.environ.get(PG_ENV)
    if base:
        bench_pg_opens(base, 2, args.trials)
        bench_pg_opens(base, 8, max(1, args.trials // 2))
        bench_pg_answers(base, 8, 100)
    else:
        print(f"PostgreSQL rows skipped: set {PG_ENV}")
    bench_sqlite_opens(16, args.trials * 2)
    bench_locked()


if __name__ == "__main__":
    main()
