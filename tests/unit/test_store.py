"""The store: documents, answers, export and deletion, schema versions, damaged and locked files."""

from __future__ import annotations

import sqlite3

import pytest

from widgets import content, store
from widgets.store import schema

CODE = "ABCD-EFGH-JKLM"
OTHER = "OTHR-CODE-XYZW"


@pytest.fixture
def s(store_url):
    """A store on each engine (SQLite, then PostgreSQL: see tests/conftest.py)."""
    st = store.Store(store_url)
    yield st
    st.close()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / store.FILENAME}"


def test_documents_round_trip_and_replace(s):
    s.put_doc(CODE, "plan", "main", {"name": "<img src=x>", "n": 1})
    s.put_doc(CODE, "plan", "main", {"name": "second", "n": 2})
    assert s.get_doc(CODE, "plan", "main") == {"name": "second", "n": 2}
    assert s.get_doc(CODE, "plan", "other", default="none") == "none"
    assert s.docs(CODE, "plan") == {"main": {"name": "second", "n": 2}}


def test_answers_count_attempts_and_delete(s):
    assert s.add_answer(CODE, "q1", ["a"], 0.0, False) == 1
    assert s.add_answer(CODE, "q1", ["b"], 1.0, True) == 2
    rows = s.answers(CODE)
    assert [(r["attempt"], r["correct"], r["response"]) for r in rows] == [
        (1, False, ["a"]),
        (2, True, ["b"]),
    ]
    s.delete_answers(CODE)
    assert s.answers(CODE) == []


def fill_every_table(st, learner: str) -> None:
    st.put_doc(learner, "plan", "main", {"x": learner})
    st.add_answer(learner, "q1", ["a"], 1.0, True, workshop="WS1")
    st.create_workshop("WS1", "Workshop", "hash") if st.workshop("WS1") is None else None
    st.add_participant("WS1", learner, f"name of {learner}")
    st.put_shared_summary("WS1", learner, {"summary": learner})
    st.record_join_failure(learner)


def test_export_holds_everything_stored_about_the_learner_and_nothing_else(s):
    """Every table that names a learner is in the export (shared summaries and failed joins
    were left out before)."""
    fill_every_table(s, CODE)
    fill_every_table(s, OTHER)
    exported = s.export_learner(CODE)
    assert exported["documents"][0]["body"] == {"x": CODE}
    assert [a["question_id"] for a in exported["answers"]] == ["q1"]
    assert [w["workshop"] for w in exported["workshops"]] == ["WS1"]
    assert [(x["workshop"], x["body"]) for x in exported["shared_summaries"]] == [
        ("WS1", {"summary": CODE})
    ]
    assert len(exported["join_failures"]) == 1
    assert OTHER not in repr(exported)
    for table, column in store.learners.LEARNER_TABLES.items():  # nothing stored is left out
        n = s.query(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (CODE,))[0][0]
        exported_n = (
            int(exported["created_at"] is not None)
            if table == "learners"
            else len(exported[_EXPORT_KEY[table]])
        )
        assert n == exported_n, table


_EXPORT_KEY = {
    "answers": "answers",
    "documents": "documents",
    "shared_summaries": "shared_summaries",
    "participants": "workshops",
    "join_failures": "join_failures",
}


def test_delete_learner_empties_every_table_and_leaves_others_alone(s):
    fill_every_table(s, CODE)
    fill_every_table(s, OTHER)
    s.delete_learner(CODE)
    exported = s.export_learner(CODE)
    assert all(exported[k] == [] for k in _EXPORT_KEY.values())
    assert exported["created_at"] is None
    assert s.get_doc(OTHER, "plan", "main") == {"x": OTHER}
    assert s.shared_summaries("WS1") == {OTHER: {"summary": OTHER}}


def test_persists_across_connections(sqlite_url):
    a = store.Store(sqlite_url)
    a.put_doc(CODE, "quiz", "coalitions", {"score": 3})
    a.close()
    b = store.Store(sqlite_url)
    assert b.get_doc(CODE, "quiz", "coalitions") == {"score": 3}
    assert b.schema_version == len(store.MIGRATIONS)
    b.close()


def test_failed_write_rolls_back(s):
    s.put_doc(CODE, "plan", "main", {"x": 1})
    with pytest.raises(store.StoreError):
        with s.transaction() as cur:
            cur.execute("UPDATE documents SET body = '{}' WHERE learner = ?", (CODE,))
            cur.execute("INSERT INTO nowhere VALUES (1)")
    assert s.get_doc(CODE, "plan", "main") == {"x": 1}


# -- what a learner is told: every reason has its sentence in course_data ----------------------
def test_every_reason_has_its_sentence_in_the_strings_file():
    course = content.load()
    for reason in store.REASONS:
        err = store.StoreError(reason, "/some/where")
        assert str(err) == course.text(f"store.error.{reason}", where="/some/where")
        assert err.retry == (reason in ("busy", "unavailable"))
    with pytest.raises(ValueError):
        store.StoreError("The disk is full.")


# -- damaged files: reported, never replaced --------------------------------------------------
@pytest.mark.parametrize("damage", [b"not a database" * 100, b""], ids=["garbage", "empty"])
def test_a_damaged_or_empty_file_is_reported_and_kept(tmp_path, monkeypatch, damage):
    """A 0-byte file used to be turned silently into a new empty store."""
    path = tmp_path / store.FILENAME
    path.write_bytes(damage)
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    store.reset_store_cache()
    with pytest.raises(store.StoreError) as info:
        store.open_store()
    assert info.value.reason == "damaged" and not info.value.retry
    assert path.read_bytes() == damage
    assert sorted(p.name for p in tmp_path.iterdir()) == [store.FILENAME]
    st = store.open_store(fallback=True)  # the transitional fallback: memory, and why
    assert st.memory and st.reason == "damaged" and str(info.value) in st.problem
    st.put_doc(CODE, "plan", "main", {"x": 1})
    assert st.get_doc(CODE, "plan", "main") == {"x": 1}
    assert path.read_bytes() == damage
    store.reset_store_cache()


def test_the_fallback_is_not_sticky_the_next_open_tries_the_real_store(tmp_path, monkeypatch):
    path = tmp_path / store.FILENAME
    path.write_bytes(b"")
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    store.reset_store_cache()
    assert store.open_store(fallback=True).memory
    path.unlink()  # the learner (or their IT) moved the damaged file away
    st = store.open_store(fallback=True)
    assert not st.memory and st.problem is None
    st.put_doc(CODE, "plan", "main", {"x": 1})
    assert store.open_store() is st  # cached once it works
    store.reset_store_cache()


# -- schema versions: kernels check, the processes that start the course upgrade ---------------
def make_old_store(path, version: int) -> None:
    """A store as an older course left it: the first ``version`` steps, and a saved plan."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")  # as every version of the course made it
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for steps in store.MIGRATIONS[:version]:
        for sql in steps:
            conn.execute(sql)
    conn.execute("INSERT INTO schema_version VALUES (?)", (version,))
    conn.execute("INSERT INTO learners VALUES (?, 0)", (CODE,))
    conn.execute("INSERT INTO documents VALUES (?, 'worksheet', 'plan', '{\"x\": 1}', 0)", (CODE,))
    conn.close()


def test_a_kernel_never_upgrades_an_older_store_the_app_does(tmp_path, sqlite_url):
    path = tmp_path / store.FILENAME
    make_old_store(path, schema.LATEST - 1)
    before = path.read_bytes()
    with pytest.raises(store.StoreError) as info:
        store.Store(sqlite_url)
    assert info.value.reason == "schema_older"
    assert path.read_bytes() == before
    assert store.migrate(sqlite_url) == schema.LATEST  # what the app runs at start
    st = store.Store(sqlite_url)
    assert st.get_doc(CODE, "worksheet", "plan") == {"x": 1}  # existing stores keep working
    st.add_group("WS1", "g1", "Group 1")  # the newest step's table is there
    st.close()


def test_a_newer_store_is_refused_by_kernels_and_by_the_app(sqlite_url):
    a = store.Store(sqlite_url)
    with a.transaction() as cur:
        cur.execute("UPDATE schema_version SET version = ?", (schema.LATEST + 1,))
    a.close()
    for opener in (store.Store, store.migrate):
        with pytest.raises(store.StoreError) as info:
            opener(sqlite_url)
        assert info.value.reason == "schema_newer"


def test_the_app_start_reports_a_store_it_cannot_upgrade_and_carries_on(tmp_path, capsys):
    (tmp_path / store.FILENAME).write_bytes(b"")
    store.migrate_at_start(f"sqlite:///{tmp_path / store.FILENAME}")
    err = capsys.readouterr().err
    assert err.strip() == str(store.StoreError("damaged", str(tmp_path / store.FILENAME)))


# -- deleted data does not stay in the file ---------------------------------------------------
def test_deleted_plans_are_wiped_from_the_file_even_where_sqlite_keeps_them(
    sqlite_url, tmp_path, monkeypatch
):
    """Builds of SQLite without SECURE_DELETE keep deleted rows readable in free pages: the
    store turns ``secure_delete`` on itself (simulated here by turning it off first)."""
    real_connect = sqlite3.connect

    def insecure_connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.execute("PRAGMA secure_delete = OFF")
        return conn

    monkeypatch.setattr(sqlite3, "connect", insecure_connect)
    secret = "witness-name-" + "x" * 200
    st = store.Store(sqlite_url)
    st.put_doc(CODE, "worksheet", "plan", {"actors": [secret]})
    st.delete_learner(CODE)
    st.close()
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert secret.encode() not in data


@pytest.mark.parametrize("start", ["app", "dashboard", "cli"])
def test_every_process_that_starts_the_course_upgrades_an_older_store(tmp_path, monkeypatch, start):
    """The app, the trainer's dashboard process and the workshop commands migrate at start."""
    import os
    from types import SimpleNamespace

    from widgets import app
    from widgets.workshop import cli

    make_old_store(tmp_path / store.FILENAME, schema.LATEST - 1)
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    monkeypatch.setenv("JUPYTER_PATH", os.environ.get("JUPYTER_PATH", ""))  # set by the start
    monkeypatch.chdir(os.getcwd())  # the start moves to the repository; come back after
    launched = SimpleNamespace(launch_instance=lambda argv: None)  # no Voila
    if start == "app":
        monkeypatch.setattr(app, "make_app_class", lambda plan: launched)
        app.main([])
    elif start == "dashboard":
        monkeypatch.setattr(cli, "trainer_app_class", lambda: launched)
        cli.serve_dashboard([])
    else:
        assert cli.main(["create", "Upgraded"]) == 0
    st = store.Store(f"sqlite:///{tmp_path / store.FILENAME}")
    assert st.schema_version == schema.LATEST
    assert st.get_doc(CODE, "worksheet", "plan") == {"x": 1}
    st.close()
