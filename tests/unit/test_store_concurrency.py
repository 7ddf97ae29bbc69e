"""The store with several processes at once: real processes, a real SQLite file and PostgreSQL.

The figures (how many of N trials failed before and after) come from the same workers in
``tests/benchmarks/store_faults.py``.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.benchmarks import store_faults as faults
from widgets import store

CODE = faults.LEARNER


@pytest.mark.postgres
@pytest.mark.parametrize("n", [2, 8])
def test_processes_opening_a_fresh_postgresql_store_at_once_all_get_it(pg_url, n):
    """Both ran the migrations: one hit ``UniqueViolation`` on ``pg_type`` and fell to memory
    (13 of 20 trials with 2 processes). The migrations now run under an advisory lock."""
    base = pg_url.split("?")[0]  # the fixture fails the test when no server is set
    for _ in range(3):
        url, schema = faults.fresh_pg_url(base)
        try:
            assert faults.simultaneous_opens(url, n) == ["ok"] * n
            st = store.Store(url)
            assert st.schema_version == len(store.MIGRATIONS)
            st.close()
        finally:
            faults.drop_pg_schema(base, schema)


@pytest.mark.postgres
def test_two_starts_upgrading_an_older_postgresql_store_at_once_run_each_step_once(pg_url):
    """Two app or dashboard starts on a store one version behind: the advisory lock lets one
    run the step (``ALTER TABLE ... ADD COLUMN``) and the other find it done."""
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for steps in store.MIGRATIONS[:-1]:
            for sql in steps:
                conn.execute(sql)
        conn.execute("INSERT INTO schema_version VALUES (%s)", (len(store.MIGRATIONS) - 1,))
    with pytest.raises(store.StoreError) as older:  # a page's kernel does not upgrade it
        store.Store(pg_url)
    assert older.value.reason == "schema_older"
    assert faults.simultaneous_opens(pg_url, 2, migrate=True) == ["ok", "ok"]
    st = store.Store(pg_url)
    assert st.query("SELECT version FROM schema_version") == [(len(store.MIGRATIONS),)]
    st.close()


@pytest.mark.postgres
def test_one_learner_answering_from_several_processes_loses_nothing(pg_url):
    """``MAX(attempt) + 1`` then ``INSERT`` under READ COMMITTED: two tabs of one learner got
    the same attempt number and one answer (and its quiz document) was refused."""
    store.Store(pg_url).close()
    refused, missing_docs = faults.same_learner_answers(pg_url, 8, 25)
    assert (refused, missing_docs) == (0, 0)
    st = store.Store(pg_url)
    attempts = sorted(a["attempt"] for a in st.answers(CODE))
    assert attempts == list(range(1, 8 * 25 + 1))
    assert len(st.docs(CODE, "quiz")) == 8 * 25
    st.close()


def test_processes_opening_a_new_sqlite_file_at_once_all_get_it(tmp_path):
    """Each made the file in place and switched it to WAL: an opener that came in between
    failed at ``PRAGMA journal_mode = WAL`` (5 of 640 opens; the race is rare, so the test
    above pins its cause deterministically). A new file is now built aside and linked into
    place whole."""
    for i in range(8):
        url = f"sqlite:///{tmp_path / f'new-{i}.sqlite3'}"
        assert faults.simultaneous_opens(url, 16) == ["ok"] * 16
        made = {f"new-{j}.sqlite3" for j in range(i + 1)}
        assert {p.name for p in tmp_path.iterdir()} == made  # no private file left behind


class _Paused:
    """A sqlite3 connection (or cursor) that stops at its first ``CREATE TABLE`` until told."""

    def __init__(self, obj, halfway, go):
        self._obj, self._halfway, self._go = obj, halfway, go

    def __getattr__(self, name):
        return getattr(self._obj, name)

    def cursor(self):
        return _Paused(self._obj.cursor(), self._halfway, self._go)

    def execute(self, sql, *args):
        if sql.lstrip().upper().startswith("CREATE TABLE") and not self._halfway.is_set():
            self._halfway.set()
            self._go.wait(30)
        return self._obj.execute(sql, *args)


def _open_paused(url, halfway, go, out):
    import sqlite3

    real = sqlite3.connect
    sqlite3.connect = lambda *a, **k: _Paused(real(*a, **k), halfway, go)
    try:
        st = store.Store(url)
        st.put_doc(CODE, "quiz", "first", {"by": "paused"})
        st.close()
        out.put("ok")
    except Exception as exc:
        out.put(f"{type(exc).__name__}: {exc}")


def test_an_opener_halfway_through_making_a_new_file_never_makes_another_fail(tmp_path):
    """The deterministic case behind the simultaneous first opens: while one opener is making
    the store, the file must not be visible half-made (it was: 0 bytes, then locked), and a
    second opener must get a working store at once."""
    path = tmp_path / store.FILENAME
    url = f"sqlite:///{path}"
    ctx = faults._context()
    halfway, go, out = ctx.Event(), ctx.Event(), ctx.Queue()
    child = ctx.Process(target=_open_paused, args=(url, halfway, go, out))
    child.start()
    try:
        assert halfway.wait(30)
        assert not path.exists()  # nothing half-made in place
        t0 = time.monotonic()
        st = store.Store(url)
        st.put_doc(CODE, "quiz", "second", {"by": "not paused"})
        assert time.monotonic() - t0 < store.BUSY_SECONDS
    finally:
        go.set()
    assert out.get(timeout=60) == "ok"
    child.join(30)
    assert sorted(st.docs(CODE, "quiz")) == ["first", "second"]  # one store, used by both
    st.close()


def test_a_store_locked_by_another_program_reads_at_once_and_reports_a_busy_write(tmp_path):
    """Every page waited 10 s and then used memory for the whole session."""
    path = tmp_path / store.FILENAME
    store.Store(f"sqlite:///{path}").put_doc(CODE, "quiz", "x", {"n": 1})
    holder = subprocess.Popen(
        [sys.executable, "-c", faults.LOCK_HOLDER, str(path), "60"], stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout.readline().strip() == b"locked"
        t0 = time.monotonic()
        st = store.Store(f"sqlite:///{path}")
        assert st.get_doc(CODE, "quiz", "x") == {"n": 1}
        assert time.monotonic() - t0 < 1.0  # opening and reading do not wait for the lock
        with pytest.raises(store.StoreError) as info:
            st.put_doc(CODE, "quiz", "x", {"n": 2})
        assert info.value.reason == "busy" and info.value.retry
        assert time.monotonic() - t0 < store.BUSY_SECONDS + 1.5
    finally:
        holder.kill()
        holder.wait()
    st.put_doc(CODE, "quiz", "x", {"n": 2})  # the next save, once the lock is gone
    assert st.get_doc(CODE, "quiz", "x") == {"n": 2}
    st.close()


@pytest.mark.postgres
def test_a_dropped_postgresql_connection_is_made_again_on_the_next_call(pg_url):
    """A server restart must not leave a page without its store for the rest of its life."""
    import psycopg

    st = store.Store(pg_url)
    st.put_doc(CODE, "quiz", "x", {"n": 1})
    pid = st.query("SELECT pg_backend_pid()")[0][0]
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    try:  # the call that finds the connection gone may fail, and says it is worth a retry
        st.get_doc(CODE, "quiz", "x")
    except store.StoreError as exc:
        assert exc.retry
    assert st.get_doc(CODE, "quiz", "x") == {"n": 1}
    st.put_doc(CODE, "quiz", "x", {"n": 2})
    st.reopen()
    assert st.get_doc(CODE, "quiz", "x") == {"n": 2}
    st.close()
