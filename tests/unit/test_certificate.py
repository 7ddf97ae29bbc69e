"""The completion certificate: what it says, the PDF, names in any script, and the panel."""

from __future__ import annotations

import base64
import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from widgets import content, learner, store
from widgets.quizzes import bank, certificate, model
from widgets.quizzes.view import QuizView

CODE = "CERT-TEST-2345"
DAY = dt.date(2026, 11, 28)


def right_answer(q: model.Question):
    if q.kind in model.ONE_ANSWER:
        return next(o.id for o in q.options if o.correct)
    if q.kind == "multiple":
        return [o.id for o in q.options if o.correct]
    if q.kind == "matching":
        return {p.left_id: p.right_id for p in q.pairs}
    return [i.id for i in q.items]


def finished_check(wrong_sections=(), code=CODE) -> tuple[model.QuizState, dict]:
    """A finished final check: every answer right except in ``wrong_sections`` (unanswered)."""
    b = bank.load()
    qids = b.question_ids("check", model.seed_for(code, "check"))
    questions = {q: b.questions[q] for q in qids}
    state = model.QuizState("check", "check", qids, b.pass_mark)
    for qid, q in questions.items():
        if q.section not in wrong_sections:
            state.drafts[qid] = right_answer(q)
    state.finish(questions)
    return state, questions


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1  # one page, whatever the list's length
    return " ".join(reader.pages[0].extract_text().split())


def test_a_part_to_read_again_says_so_and_its_objectives_are_not_met():
    state, questions = finished_check(wrong_sections={"nhri"})
    cert = certificate.from_check(state, questions, "Amina Rahmani", DAY)
    course = content.load()
    check_parts = [p for p in course.outline.pages if p.id in bank.load().sections]
    assert [p.title for p in cert.parts] == [p.title for p in check_parts]  # course order
    by_id = {p.page_id: p for p in cert.parts}
    assert not by_id["nhri"].completed
    assert all(p.completed for pid, p in by_id.items() if pid != "nhri")
    nhri = course.page("nhri")
    assert not set(o.text for o in nhri.objectives) & set(cert.objectives_met)
    assert [o.text for o in course.page("treaty-bodies").objectives] == [
        o for o in cert.objectives_met[:3]
    ]
    assert cert.passed  # 8 of 10 points reach the pass mark of 70%


def test_the_pdf_names_the_learner_the_course_the_parts_and_never_the_code():
    state, questions = finished_check(wrong_sections={"nhri"})
    cert = certificate.from_check(state, questions, "Amina Rahmani-Okafor", DAY)
    data = certificate.pdf_bytes(cert)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    course = content.load()
    assert "Certificate of completion" in text
    assert "Amina Rahmani-Okafor" in text and "28 November 2026" in text
    assert " ".join(course.outline.title.split()) in text
    for part in cert.parts:
        assert part.title in text
    for objective in cert.objectives_met:
        assert " ".join(objective.split()) in text
    # the part to read again: its title followed by "read again", never "Passed"
    nhri = course.page("nhri").title
    assert f"{nhri} read again" in text
    assert text.count("read again") == 2  # the part, and the footnote explaining it
    assert text.count("completed") >= len(cert.parts) - 1
    assert "Passed" not in text and "passed" not in text
    assert CODE not in text and CODE.encode() not in data
    assert "Final check: 80% (the pass mark is 70%)" in text


def test_a_check_below_the_pass_mark_gives_a_record_of_progress():
    sections = set(bank.load().sections)
    state, questions = finished_check(wrong_sections=sections - {"treaty-bodies"})
    cert = certificate.from_check(state, questions, "Jo", DAY)
    assert not cert.passed
    text = pdf_text(certificate.pdf_bytes(cert))
    assert "Record of progress" in text and "Certificate of completion" not in text
    assert text.count("read again") == len(sections) - 1 + 1
    assert "has taken the final check" in text


def test_an_unfinished_check_gives_no_certificate():
    b = bank.load()
    qids = b.question_ids("check", 1)
    state = model.QuizState("check", "check", qids, b.pass_mark)
    with pytest.raises(ValueError, match="finished"):
        certificate.from_check(state, {q: b.questions[q] for q in qids}, "X", DAY)


@pytest.mark.parametrize(
    "name",
    [
        "محمد‌رضا کریمی",  # Persian, with a zero-width non-joiner, right to left
        "שרה לוי",  # Hebrew
        "अनुष्का शर्मा",  # Devanagari: not in the font
        "क्‍ष",  # a zero-width joiner between Devanagari letters
        "Ana 👩🏽‍⚖️ Souza",  # emoji with a skin tone and a joiner
        "Zoë Ñúñez Łukasz Ğül",
        "",  # left empty: a line to write the name by hand
        "x" * 300,
    ],
)
def test_names_in_any_script_never_make_it_fail(name):
    state, questions = finished_check()
    cert = certificate.from_check(state, questions, name, DAY)
    data = certificate.pdf_bytes(cert)
    assert data.startswith(b"%PDF") and len(PdfReader(io.BytesIO(data)).pages) == 1
    assert len(cert.name) <= certificate.NAME_LIMIT


def test_characters_the_font_lacks_are_reported_once_and_joiners_never():
    assert certificate.missing_characters("Zoë Ñúñez Łukasz") == ""
    assert certificate.missing_characters("محمد\u200cرضا") == ""  # Persian letters, ZWNJ
    assert certificate.missing_characters("ab\u200dc\u200f") == ""
    assert certificate.missing_characters("Ana 👩🏽 👩") == "👩🏽"
    assert certificate.missing_characters("अनु") == "अनु"


def test_names_are_cleaned_of_control_characters_and_cut_to_the_limit():
    assert certificate.clean_name("  Amina\n\tRahmani\x00 ") == "Amina Rahmani"
    assert certificate.clean_name("a\u200db") == "a\u200db"  # joiners are part of the name
    assert len(certificate.clean_name("y" * 500)) == certificate.NAME_LIMIT


# --- the panel on the final check page -------------------------------------------------------
def finished_view(st) -> QuizView:
    quiz = QuizView("check", learner.Learner(CODE, "code", store=st))
    for qv in quiz.w_questions:
        qv.set_response(right_answer(qv.question))
    quiz.finish()
    return quiz


def link_pdf(panel) -> bytes:
    link = panel.w_link.value
    assert 'download="certificate.pdf"' in link and "data:application/pdf;base64," in link
    return base64.b64decode(link.split("base64,", 1)[1].split('"', 1)[0])


def test_the_panel_makes_the_pdf_and_never_stores_the_name():
    st = store.open_store()
    quiz = finished_view(st)
    panel = quiz.w_certificate
    assert panel.layout.display is None
    assert "never saved" in panel.w_note.value  # said next to the box
    panel.w_name.value = "Nadia Quispe-Mamani"
    data = panel.make()
    assert data is not None and link_pdf(panel) == data
    assert "Nadia Quispe-Mamani" in pdf_text(data)
    assert "Your certificate is ready" in panel.w_link.value and panel.w_status.value == ""
    assert not panel.w_make.disabled and panel.w_make.description == "Make my certificate (PDF)"
    # nothing of the name reached the store
    for doc in st.docs(CODE, "quiz").values():
        assert "Nadia" not in repr(doc)
    files = list(Path(store.store_dir()).glob(store.FILENAME + "*"))
    assert files and all(b"Nadia" not in f.read_bytes() for f in files)
    # a changed name makes the file out of date
    panel.w_name.value = "Nadia Q."
    assert panel.w_link.value == "" and "again" in panel.w_status.value


def test_the_button_is_busy_while_the_file_is_built(monkeypatch):
    quiz = finished_view(store.open_store())
    panel = quiz.w_certificate
    seen = {}

    def slow_build(cert):
        seen["disabled"] = panel.w_make.disabled
        seen["description"] = panel.w_make.description
        seen["status"] = panel.w_status.value
        return b"%PDF-1.4 fake"

    monkeypatch.setattr(certificate, "pdf_bytes", slow_build)
    panel.make()
    assert seen["disabled"] and seen["description"] == "Preparing your certificate…"
    assert "Preparing your certificate" in seen["status"]
    assert not panel.w_make.disabled


def test_a_failure_is_said_and_the_button_comes_back(monkeypatch):
    panel = finished_view(store.open_store()).w_certificate

    def broken(cert):
        raise OSError("disk full")

    monkeypatch.setattr(certificate, "pdf_bytes", broken)
    assert panel.make() is None
    assert "could not be made: disk full" in panel.w_status.value
    assert panel.w_link.value == "" and not panel.w_make.disabled


def test_a_name_the_font_cannot_print_is_explained():
    panel = finished_view(store.open_store()).w_certificate
    panel.w_name.value = "अनुष्का"
    assert panel.make() is not None
    assert "no letters for these characters" in panel.w_status.value
    assert panel.w_link.value
