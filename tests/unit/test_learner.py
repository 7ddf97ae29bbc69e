"""The learner context: who, where the work is kept, and one policy for a store that fails."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from html import unescape

import pytest

from tests.unit.conftest import as_voila_page
from widgets import identity, learner, store, ui
from widgets.workshop import model as ws_model

CODE = "ABCD-EFGH-JKLM"


@pytest.fixture(autouse=True)
def _fresh(fresh_session):
    yield


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


# --- who ----------------------------------------------------------------------------------------
def test_current_is_built_once_per_kernel_from_the_address(monkeypatch):
    as_voila_page(monkeypatch, "code=abcd-efgh-jklm&workshop=WXYZ-2345")
    me = learner.current()
    assert me is learner.current()
    assert (me.code, me.status, me.workshop) == (CODE, "code", "WXYZ-2345")


@pytest.mark.parametrize(
    "query, status",
    [("", "none"), ("code=ABCD-EFGH-JKL0", "invalid"), ("code=" + "A" * 3000, "none")],
)
def test_no_learner_is_one_thing_code_none(monkeypatch, query, status):
    as_voila_page(monkeypatch, query)
    me = learner.current()
    assert me.code is None and not me.saves and me.status == status
    assert me.store is None


def test_without_a_code_work_is_kept_on_the_page_and_the_page_says_so(monkeypatch, tmp_path):
    as_voila_page(monkeypatch, "")
    me = learner.current()
    w = me.status_widget()
    result = me.save("quiz", "coalitions", {"answered": 1})
    assert (result.state, result.reason) == (learner.PAGE, "no_code")
    assert me.load("quiz", "coalitions") == {"answered": 1}
    assert ui.t("learner.why.no_code") in text_of(w.value)
    assert 'href="00_home.ipynb"' in w.value
    assert not list(tmp_path.glob("**/*.sqlite3"))


def test_an_invalid_code_is_a_warning(monkeypatch):
    as_voila_page(monkeypatch, "code=ABCD-EFGH-JKL0")
    html = learner.current().status_html()
    assert "course-status-warning" in html
    assert ui.t("learner.why.invalid_code", example=identity.EXAMPLE) in text_of(html)


# --- one policy for a store that cannot be used -------------------------------------------------
class Switch:
    """An opener that fails with a store message while ``broken`` is set."""

    def __init__(self, reason: str):
        self.reason, self.broken, self.opened = reason, True, 0

    def __call__(self) -> store.Store:
        self.opened += 1
        if self.broken:
            raise store.StoreError(self.reason, "X")
        return store.open_store()


def damaged_file(path):
    path.write_bytes(b"this is not a database" * 100)

    def repair():
        path.unlink()

    return repair


def newer_schema(path):
    store.Store(f"sqlite:///{path}").close()
    # closed here, not when garbage is collected: the last connection to close a WAL database
    # writes its log into the file, which would look like the page had changed it
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE schema_version SET version = 99")

    def repair():
        with closing(sqlite3.connect(path)) as conn, conn:
            conn.execute("UPDATE schema_version SET version = ?", (len(store.MIGRATIONS),))

    return repair


REAL_FAULTS = {"damaged": damaged_file, "schema_newer": newer_schema}
#: Faults made by an opener that fails (the others are made in a real file).
OPENER_FAULTS = ("unavailable", "busy", "read_only")


@pytest.mark.parametrize("reason", [*REAL_FAULTS, *OPENER_FAULTS])
def test_a_store_that_cannot_be_used_keeps_the_page_working_and_the_next_save_retries(
    reason, tmp_path, monkeypatch
):
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    path = tmp_path / store.FILENAME
    if reason in REAL_FAULTS:
        repair = REAL_FAULTS[reason](path)
        before = path.read_bytes()
        me = learner.Learner(CODE, "code")
    else:
        opener = Switch(reason)
        me = learner.Learner(CODE, "code", opener=opener)
    top, bottom = me.status_widget(), me.status_widget()
    assert me.load("quiz", "coalitions", {}) == {}  # the page starts as if nothing was saved

    first = me.save("quiz", "coalitions", {"answered": 1}, answers=[("q1", "a", 1.0, True)])
    assert (first.state, first.reason) == (learner.PAGE, reason)
    assert me.load("quiz", "coalitions") == {"answered": 1}  # kept on the page
    said = top.value
    assert ui.t(f"learner.why.{reason}") in text_of(said)
    assert ui.t("learner.page_only") in text_of(said)
    assert bottom.value == said  # every view shows the same line
    me.save("quiz", "coalitions", {"answered": 2})
    assert top.value == said  # said once, not once per save
    if reason in REAL_FAULTS:
        assert path.read_bytes() == before  # nothing on disk was changed

    if reason in REAL_FAULTS:
        repair()
    else:
        opener.broken = False
    again = me.save("quiz", "coalitions", {"answered": 3})
    assert again.saved and me.problem is None
    st = store.Store()
    assert st.get_doc(CODE, "quiz", "coalitions") == {"answered": 3}
    assert [a["question_id"] for a in st.answers(CODE)] == ["q1"]  # the try kept is recorded
    assert text_of(top.value) == f"{ui.STATUS_MARK['ok']} {ui.t('learner.saved_again')}"


def test_a_failed_write_is_retried_on_the_same_store(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    failing = {"on": True}

    class Flaky(store.Store):
        def put_doc(self, *a, **k):
            if failing["on"]:
                raise store.StoreError("busy", "X")
            return super().put_doc(*a, **k)

    st = Flaky()
    me = learner.Learner(CODE, "code", store=st)
    assert me.save("case", "choices", {"a": 1}).reason == "busy"
    failing["on"] = False
    assert me.save("case", "choices", {"a": 2}).saved
    assert st.get_doc(CODE, "case", "choices") == {"a": 2}


def test_work_that_could_not_be_read_is_never_written_over(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    store.Store().put_doc(CODE, "worksheet", "plan", {"mine": "from yesterday"})
    opener = Switch("busy")
    me = learner.Learner(CODE, "code", opener=opener)
    assert me.load("worksheet", "plan") is None
    opener.broken = False
    result = me.save("worksheet", "plan", {"mine": "new"})
    assert (result.state, result.reason) == (learner.PAGE, "unread")
    assert store.Store().get_doc(CODE, "worksheet", "plan") == {"mine": "from yesterday"}
    assert ui.t("learner.why.unread") in text_of(me.status_html())
    # a document with nothing saved under its key is saved once the store works
    assert me.save("worksheet", "other", {"x": 1}).saved


def test_a_protected_document_is_refused():
    me = learner.Learner(CODE, "code", store=store.Store("sqlite:///:memory:"))
    me.protect("worksheet", "plan", "schema_newer")
    result = me.save("worksheet", "plan", {})
    assert (result.state, result.reason) == (learner.REFUSED, "schema_newer")
    assert me.store.get_doc(CODE, "worksheet", "plan") is None


def test_reset_and_delete(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    st = store.Store()
    me = learner.Learner(CODE, "code", store=st)
    me.save("quiz", "tbnet", {"answered": 1}, answers=[("q", "a", 0.0, False)])
    me.save("worksheet", "plan", {"p": 1})
    assert me.reset_quizzes().saved
    assert st.docs(CODE, "quiz") == {} and st.answers(CODE) == []
    assert me.load("worksheet", "plan") == {"p": 1}
    assert me.delete_all().saved
    assert me.export()["documents"] == []
    nobody = learner.Learner(None)
    assert nobody.delete_all().state == learner.REFUSED and nobody.export() is None


# --- one alphabet for every code ----------------------------------------------------------------
def test_one_alphabet_and_every_code_ever_made_stays_valid():
    assert ws_model.ALPHABET is identity.ALPHABET
    for _ in range(50):
        assert identity.parse_code(identity.new_code())
        assert ws_model.CODE_RE.match(ws_model.new_code())
    # the workshop made codes without an L, the learner codes had one: both stay valid
    without_l = "ABCD-EFGH-JKMN"
    assert identity.parse_code(without_l) == without_l
    assert identity.parse_code("ABCD-EFGH-JKLM") == "ABCD-EFGH-JKLM"
    assert ws_model.CODE_RE.match("ABCD-JKMN") and ws_model.CODE_RE.match("ABCD-JKLM")
