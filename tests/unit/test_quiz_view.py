"""Quiz and progress widgets without a browser: choose, submit, read feedback, score and store."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from html import unescape
from pathlib import Path

import pytest

from tests.unit.conftest import as_voila_page
from widgets import content, identity, store, ui
from widgets import learner as learner_mod
from widgets.quizzes import bank, model
from widgets.quizzes.progress import overview
from widgets.quizzes.view import QuizView

ROOT = Path(__file__).resolve().parents[2]
CODE = "ABCD-EFGH-JKLM"


@pytest.fixture(autouse=True)
def _fresh(fresh_session):
    yield


def voila(monkeypatch, query: str) -> None:
    as_voila_page(monkeypatch, query)


def learner(st=None, code=CODE):
    """The context of a learner with a code (on the store ``st``, or their own)."""
    return learner_mod.Learner(code, "code", store=st)


def said(widget) -> str:
    """The text of an HTML widget, entities decoded (tags kept)."""
    return unescape(widget.value)


def right_line() -> str:
    return f"{model.RIGHT} {ui.t('quiz.right')}"


def summary_of(quiz: QuizView, answered: int) -> str:
    return ui.tn("quiz.progress", len(quiz.w_questions), answered=answered)


def first(quiz: QuizView, kinds=model.ONE_ANSWER):
    return next(qv for qv in quiz.w_questions if qv.question.kind in kinds)


def wrong_and_right(q: model.Question) -> tuple[str, str]:
    wrong = next(o.id for o in q.options if not o.correct)
    right = next(o.id for o in q.options if o.correct)
    return wrong, right


# --- practice quiz ---------------------------------------------------------------------------
def test_practice_wrong_then_right_shows_feedback_score_and_stores_each_try():
    st = store.open_store()
    quiz = QuizView("coalitions", learner(st))
    qv = first(quiz)
    wrong, right = wrong_and_right(qv.question)
    qv.w_input.value = wrong
    qv.w_submit.click()
    fb = said(qv.w_feedback)
    assert f"{model.WRONG} {ui.t('quiz.wrong')}" in fb
    assert qv.question.option(wrong).feedback in fb
    page = content.load().page(qv.question.section)
    assert ui.t("quiz.read", title=page.title) in fb and f'href="{page.notebook}' in fb
    assert ui.t("quiz.answer") not in fb  # not revealed after one wrong try
    assert not qv.w_submit.disabled
    n = len(bank.load().question_ids("coalitions", 0))
    summary = said(quiz.w_summary)
    assert summary_of(quiz, 1) in summary
    assert ui.t("quiz.score", points="0", total=n, percent=0) in summary
    qv.w_input.value = right
    qv.submit()
    fb = said(qv.w_feedback)
    assert right_line() in fb and qv.question.explanation in fb
    assert qv.w_submit.disabled and qv.w_input.disabled
    rows = st.answers(CODE)
    assert [(r["question_id"], r["attempt"], r["response"], r["correct"]) for r in rows] == [
        (qv.question.id, 1, wrong, False),
        (qv.question.id, 2, right, True),
    ]
    doc = st.get_doc(CODE, "quiz", "coalitions")
    assert doc["answered"] == 1 and doc["attempts"][qv.question.id][1][2] is True


def test_progress_survives_a_new_view_on_the_same_store():
    st = store.open_store()
    quiz = QuizView("tbnet", learner(st))
    qv = first(quiz)
    qv.w_input.value = wrong_and_right(qv.question)[1]
    qv.submit()
    again = QuizView("tbnet", learner(st))
    assert [q.question.id for q in again.w_questions] == [q.question.id for q in quiz.w_questions]
    qv2 = again._view(qv.question.id)
    assert qv2.w_input.value == qv.w_input.value and qv2.w_input.disabled
    assert right_line() in said(qv2.w_feedback)
    assert summary_of(again, 1) in said(again.w_summary)


def test_choose_nothing_says_so_and_records_nothing():
    st = store.open_store()
    quiz = QuizView("coalitions", learner(st))
    qv = first(quiz, ("multiple",))
    qv.submit()
    assert ui.t("quiz.none") in said(qv.w_feedback)
    assert st.answers(CODE) == []


def test_multiple_matching_and_ordering_inputs_are_graded():
    st = store.open_store()
    quiz = QuizView("treaty-bodies", learner(st))
    multi = first(quiz, ("multiple",))
    for o in multi.question.options:
        multi.w_boxes[o.id].value = o.correct or o.id == "d"
    quiz.submit(multi.question.id)
    assert "◐ Partly right." in multi.w_feedback.value
    mquiz = QuizView("national-actors", learner(st))  # part 1 has no matching question
    match = first(mquiz, ("matching",))
    for p in match.question.pairs:
        match.w_rows[p.left_id].value = p.right_id
    assert mquiz.submit(match.question.id).correct
    assert match.w_feedback.value.count("matched correctly") == len(match.question.pairs)
    order = first(quiz, ("ordering",))
    items = [i.id for i in order.question.items]
    for w, value in zip(order.w_places, [items[1], items[0], *items[2:]], strict=True):
        w.value = value
    r = quiz.submit(order.question.id)
    assert not r.correct and r.score == pytest.approx((len(items) - 2) / len(items))
    assert "Step 1: not in the right place" in order.w_feedback.value
    scores = {r["question_id"]: r["score"] for r in st.answers(CODE)}
    assert scores[match.question.id] == 1.0
    assert 0 < scores[multi.question.id] < 1


def test_restart_clears_the_quiz_but_keeps_the_record_of_tries():
    st = store.open_store()
    quiz = QuizView("nhri", learner(st))
    qv = first(quiz)
    qv.w_input.value = wrong_and_right(qv.question)[0]
    qv.submit()
    quiz.w_restart.click()
    assert qv.w_feedback.value == "" and not qv.w_submit.disabled
    assert st.get_doc(CODE, "quiz", "nhri")["answered"] == 0
    assert len(st.answers(CODE)) == 1


# --- final check ----------------------------------------------------------------------------
def test_check_quiz_gives_feedback_at_the_end_with_sections_and_a_download():
    st = store.open_store()
    quiz = QuizView("check", learner(st))
    n_check = len(bank.load().question_ids("check", 0))  # one per objective
    assert quiz.mode == "check" and len(quiz.w_questions) == n_check
    assert {qv.question.section for qv in quiz.w_questions} == set(bank.load().sections)
    answered = 0
    for qv in quiz.w_questions:
        if qv.question.kind in model.ONE_ANSWER:
            right = wrong_and_right(qv.question)[1]
            qv.w_input.value = right  # saved as a draft, no feedback yet
            answered += 1
            assert qv.w_feedback.value == ""
    assert st.answers(CODE) == []
    assert st.get_doc(CODE, "quiz", "check")["drafts"]  # drafts survive a reload
    reloaded = QuizView("check", learner(st))
    one = first(reloaded)
    assert one.w_input.value == wrong_and_right(one.question)[1]
    reloaded.w_finish.click()
    assert len(st.answers(CODE)) == answered
    assert all(qv.w_feedback.value for qv in reloaded.w_questions)
    summary = said(reloaded.w_summary)
    assert summary_of(reloaded, answered) in summary
    mark = round(bank.load().pass_mark * 100)
    assert any(ui.t(k, mark=mark) in summary for k in ("quiz.passed", "quiz.not_passed"))
    sections = reloaded.w_sections.value
    assert "<table" in sections and sections.count("<tr>") == 1 + len(bank.load().sections)
    assert ui.t("quiz.read", title="") in unescape(sections) or ui.t("quiz.sections.ok") in sections
    assert reloaded.w_finish.disabled
    panel = reloaded.w_certificate
    assert panel in reloaded.children and panel.layout.display is None  # shown once finished
    assert QuizView("check", learner(store.open_store())).w_certificate.layout.display is None
    assert QuizView("coalitions", learner(st)).w_certificate is None  # only the final check


def test_unanswered_questions_in_a_finished_check_say_so():
    quiz = QuizView("check", learner(store.open_store()))
    quiz.finish()
    assert all(ui.t("quiz.unanswered") in said(qv.w_feedback) for qv in quiz.w_questions)
    summary = said(quiz.w_summary)
    assert ui.t("quiz.score", points="0", total=len(quiz.w_questions), percent=0) in summary
    assert ui.t("quiz.not_passed", mark=round(quiz.state.pass_mark * 100)) in summary


# --- identity, bad input and a damaged store ---------------------------------------------
def test_voila_code_and_workshop_come_from_the_address(monkeypatch):
    voila(monkeypatch, "code=abcd-efgh-jklm&workshop=WXYZ-2345&theme=dark")
    me = learner_mod.current()
    assert (me.code, me.status, me.workshop) == (CODE, "code", "WXYZ-2345")
    quiz = QuizView("coalitions")
    qv = first(quiz)
    qv.w_input.value = wrong_and_right(qv.question)[1]
    qv.submit()
    rows = store.open_store().answers(CODE)
    assert rows[0]["workshop"] == "WXYZ-2345"
    other = next(q for q in quiz.w_questions if q is not qv and q.question.kind in model.ONE_ANSWER)
    other.w_input.value = wrong_and_right(other.question)[0]
    other.submit()
    fb = other.w_feedback.value
    assert "02_why_coalitions.ipynb?code=ABCD-EFGH-JKLM&amp;workshop=WXYZ-2345&amp;theme=dark" in fb
    assert quiz.w_notice.value == ""


@pytest.mark.parametrize(
    "bad",
    ["../../etc/passwd", "ABCD-EFGH-JKLM' OR '1'='1", "ABCD-EFGH-JKL0", "<script>", "A" * 3000],
)
def test_a_bad_code_in_the_address_is_refused_and_nothing_is_saved(monkeypatch, bad):
    from urllib.parse import urlencode

    voila(monkeypatch, urlencode({"code": bad}))
    ln = learner_mod.current()
    assert ln.code is None
    quiz = QuizView("coalitions")
    if len(bad) < 100:
        assert ln.status == "invalid"
        assert ui.t("learner.why.invalid_code", example=identity.EXAMPLE) in unescape(
            quiz.w_notice.value
        )
    qv = first(quiz)
    qv.w_input.value = wrong_and_right(qv.question)[1]
    qv.submit()
    assert right_line() in said(qv.w_feedback)  # the quiz still works for the session
    assert not (Path(os.environ["COURSE_STORE_DIR"]) / store.FILENAME).exists()


def test_voila_without_a_code_says_progress_is_not_saved(monkeypatch):
    voila(monkeypatch, "")
    quiz = QuizView("coalitions")
    assert ui.t("learner.why.no_code") in quiz.w_notice.value
    assert 'href="00_home.ipynb"' in quiz.w_notice.value


def test_a_damaged_store_file_is_reported_and_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    damaged = tmp_path / store.FILENAME
    damaged.write_bytes(b"this is not a database" * 100)
    before = damaged.read_bytes()
    quiz = QuizView("coalitions", learner())
    notice = unescape(quiz.w_notice.value)
    assert ui.t("learner.why.damaged") in notice and ui.t("learner.page_only") in notice
    qv = first(quiz)
    qv.w_input.value = wrong_and_right(qv.question)[1]
    qv.submit()
    assert right_line() in said(qv.w_feedback)
    assert damaged.read_bytes() == before


def test_a_failed_write_is_reported_not_swallowed():
    class Failing(store.Store):
        def add_answer(self, *a, **k):
            raise store.StoreError("busy", "X")

    quiz = QuizView("coalitions", learner(Failing("sqlite:///:memory:")))
    qv = first(quiz)
    qv.w_input.value = wrong_and_right(qv.question)[1]
    qv.submit()
    assert ui.t("learner.why.busy") in quiz.w_notice.value
    assert right_line() in said(qv.w_feedback)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("abcd-efgh-jklm", CODE),
        ("  ABCDEFGHJKLM ", CODE),
        ("abcd efgh jklm", CODE),
        ("ABCD-EFGH-JKL1", None),
        ("'; DROP TABLE answers; --", None),
        ("../../x", None),
        ("", None),
    ],
)
def test_parse_code(typed, expected):
    if expected is None:
        with pytest.raises(ValueError):
            identity.parse_code(typed)
    else:
        assert identity.parse_code(typed) == expected


def test_local_code_is_sanitised():
    assert identity.local_code("Jane Doe") == "local-jane-doe"
    assert identity.local_code("../../root;rm") == "local-root-rm"
    assert identity.local_code("élise") == "local-lise"
    assert identity.local_code("") == "local-learner"
    code, status = identity.identify()
    assert status == "local" and code == identity.local_code()


# --- the home page panel --------------------------------------------------------------------
def test_progress_overview_counts_answers_per_quiz():
    st = store.open_store()
    quiz = QuizView("coalitions", learner(st))
    for qv in quiz.w_questions:
        if qv.question.kind in model.ONE_ANSWER:
            qv.w_input.value = wrong_and_right(qv.question)[1]
            qv.submit()
    n = sum(qv.question.kind in model.ONE_ANSWER for qv in quiz.w_questions)
    st.put_doc(CODE, "worksheet", "plan", {"keep": "until delete"})
    rows = {r.page_id: r for r in overview(st.docs(CODE, "quiz"))}
    assert list(rows) == [
        "treaty-bodies",
        "coalitions",
        "tbnet",
        "nhri",
        "national-actors",
        "check",
    ]
    b = bank.load()
    assert rows["coalitions"].answered == n
    assert rows["coalitions"].total == len(b.question_ids("coalitions", 0))
    assert rows["check"].total == len(b.question_ids("check", 0)) and rows["tbnet"].answered == 0


# --- across processes and imports ---------------------------------------------------------
def _run(code: str, env: dict) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_progress_persists_across_two_processes(tmp_path):
    env = dict(os.environ, COURSE_STORE_DIR=str(tmp_path), VOILA_KERNEL_ID="k")
    env["QUERY_STRING"] = f"code={CODE}"
    first_run = """
        from widgets.quizzes.view import QuizView
        quiz = QuizView("national-actors")
        qv = next(q for q in quiz.w_questions if q.question.kind == "single")
        qv.w_input.value = next(o.id for o in qv.question.options if o.correct)
        qv.submit()
        print(qv.question.id)
    """
    qid = _run(first_run, env)
    second_run = f"""
        from widgets.quizzes.view import QuizView
        quiz = QuizView("national-actors")
        qv = quiz._view("{qid}")
        print(quiz.learner.code, quiz.state.answered, qv.w_input.disabled, "Right." in qv.w_feedback.value)
    """
    assert _run(second_run, env) == f"{CODE} 1 True True"


@pytest.mark.parametrize("notebook", ["02_why_coalitions.ipynb", "06_check_your_knowledge.ipynb"])
def test_a_quiz_page_imports_neither_pandas_nor_matplotlib(tmp_path, notebook):
    import json

    nb = json.loads((ROOT / "notebooks" / notebook).read_text())
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert any("widgets.quiz(" in c for c in cells)
    code = (
        "\n".join(cells)
        + "\nimport sys\nprint(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))"
    )
    env = dict(os.environ, COURSE_STORE_DIR=str(tmp_path))
    assert _run(code, env).splitlines()[-1] == "[]"


def test_hint_is_shown_on_request_and_only_questions_with_one_have_the_button():
    quiz = QuizView("treaty-bodies", learner(store.open_store()))
    with_hint = [qv for qv in quiz.w_questions if qv.question.hint]
    assert with_hint and all(
        qv.w_hint_button is None for qv in quiz.w_questions if not qv.question.hint
    )
    qv = with_hint[0]
    assert qv.w_hint.value == ""
    qv.w_hint_button.click()
    assert qv.question.hint in said(qv.w_hint) and ui.t("quiz.hint.label") in said(qv.w_hint)


def test_a_store_locked_by_another_program_is_reported_and_the_quiz_goes_on(tmp_path):
    import sqlite3

    path = tmp_path / "course.sqlite3"
    st = store.Store(f"sqlite:///{path}")
    st._conn.execute("PRAGMA busy_timeout = 200")  # do not wait 10 s in a test
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        quiz = QuizView("coalitions", learner(st))
        qv = first(quiz)
        qv.w_input.value = wrong_and_right(qv.question)[1]
        qv.submit()
        assert right_line() in said(qv.w_feedback)
        assert ui.t("learner.why.busy") in quiz.w_notice.value
    finally:
        other.execute("ROLLBACK")
        other.close()
    qv2 = next(q for q in quiz.w_questions if q is not qv and q.question.kind in model.ONE_ANSWER)
    qv2.w_input.value = wrong_and_right(qv2.question)[1]
    qv2.submit()
    assert ui.t("learner.saved_again") in quiz.w_notice.value  # once the lock is gone
    assert st.get_doc(CODE, "quiz", "coalitions")["answered"] == 2
    st.close()


def test_saved_progress_that_cannot_be_read_is_never_overwritten():
    class Unreadable(store.Store):
        def get_doc(self, *a, **k):
            raise store.StoreError("busy", "X")

    st = Unreadable("sqlite:///:memory:")
    st.put_doc(CODE, "quiz", "coalitions", {"precious": True})
    quiz = QuizView("coalitions", learner(st))
    notice = unescape(quiz.w_notice.value)
    assert ui.t("learner.why.busy") in notice and ui.t("learner.page_only") in notice
    qv = first(quiz)
    qv.w_input.value = wrong_and_right(qv.question)[1]
    qv.submit()
    assert right_line() in said(qv.w_feedback)
    assert st.docs(CODE, "quiz") == {"coalitions": {"precious": True}}
    assert st.answers(CODE) == []


def test_a_saved_answer_that_no_longer_fits_the_question_is_ignored():
    st = store.open_store()
    quiz = QuizView("coalitions", learner(st))
    qv = first(quiz)
    doc = quiz.state.to_doc()
    doc["attempts"] = {qv.question.id: [["no-such-option", 0.0, False]]}
    doc["drafts"] = {qv.question.id: "no-such-option"}
    st.put_doc(CODE, "quiz", "coalitions", doc)
    again = QuizView("coalitions", learner(st))
    assert again._view(qv.question.id).w_feedback.value == ""
    assert again._view(qv.question.id).w_input.value is None
