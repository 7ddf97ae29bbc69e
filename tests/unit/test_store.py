"""The store: documents, answers, deletion, schema version and damaged files."""

from __future__ import annotations

import pytest

from widgets import store

CODE = "ABCD-EFGH-JKLM"


@pytest.fixture
def s(store_url):
    """A store on each engine (SQLite, then PostgreSQL: see tests/conftest.py)."""
    st = store.Store(store_url)
    yield st
    st.close()


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
    assert [(r["attempt"], r["correct"]) for r in rows] == [(1, False), (2, True)]
    s.delete_answers(CODE)
    assert s.answers(CODE) == []


def test_export_and_delete_learner_leave_others_alone(s):
    s.put_doc(CODE, "plan", "main", {"x": 1})
    s.put_doc("OTHR-CODE-XYZW", "plan", "main", {"x": 2})
    exported = s.export_learner(CODE)
    assert exported["documents"][0]["body"] == {"x": 1}
    s.delete_learner(CODE)
    assert s.export_learner(CODE) == {
        "learner": CODE,
        "documents": [],
        "answers": [],
        "workshops": [],
    }
    assert s.get_doc("OTHR-CODE-XYZW", "plan", "main") == {"x": 2}


def test_persists_across_connections(tmp_path):
    url = f"sqlite:///{tmp_path / 'course.sqlite3'}"
    a = store.Store(url)
    a.put_doc(CODE, "quiz", "coalitions", {"score": 3})
    a.close()
    b = store.Store(url)
    assert b.get_doc(CODE, "quiz", "coalitions") == {"score": 3}
    assert b.schema_version == len(store.MIGRATIONS)


def test_damaged_file_is_reported_and_kept(tmp_path, monkeypatch):
    path = tmp_path / store.FILENAME
    path.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    store.reset_store_cache()
    st = store.open_store()
    assert st.problem and "damaged" in st.problem
    st.put_doc(CODE, "plan", "main", {"x": 1})  # still works for the session
    assert st.get_doc(CODE, "plan", "main") == {"x": 1}
    assert path.read_bytes() == b"not a database" * 100
    store.reset_store_cache()


def test_failed_write_rolls_back(s):
    s.put_doc(CODE, "plan", "main", {"x": 1})
    with pytest.raises(store.StoreError):
        with s.transaction() as cur:
            cur.execute("UPDATE documents SET body = '{}' WHERE learner = ?", (CODE,))
            cur.execute("INSERT INTO nowhere VALUES (1)")
    assert s.get_doc(CODE, "plan", "main") == {"x": 1}


def test_newer_schema_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'course.sqlite3'}"
    a = store.Store(url)
    with a.transaction() as cur:
        cur.execute("UPDATE schema_version SET version = 999")
    a.close()
    with pytest.raises(store.StoreError, match="newer version"):
        store.Store(url)
