"""The certificate at the end of the final check, as a learner gets it in Chromium.

The check is stored as finished for a learner code before the page opens (the questions
themselves are driven in test_quiz.py); the learner then reaches the name box with the
keyboard on a laptop screen and with touch on a phone, makes the PDF and downloads it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.harness import Page
from tests.ui.test_quiz import _tab_to
from widgets import store
from widgets.quizzes import bank, model

pytestmark = pytest.mark.ui
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-results" / "certificate"
CHECK = "06_check_your_knowledge.ipynb"


def store_finished_check(server, code: str, wrong_section: str) -> None:
    """Save a finished final check for ``code``: all right except one part, left unanswered."""
    b = bank.load()
    qids = b.question_ids("check", model.seed_for(code, "check"))
    questions = {q: b.questions[q] for q in qids}
    state = model.QuizState("check", "check", qids, b.pass_mark)
    for qid, q in questions.items():
        if q.section == wrong_section:
            continue
        if q.kind in model.ONE_ANSWER:
            state.drafts[qid] = next(o.id for o in q.options if o.correct)
        elif q.kind == "multiple":
            state.drafts[qid] = [o.id for o in q.options if o.correct]
        elif q.kind == "matching":
            state.drafts[qid] = {p.left_id: p.right_id for p in q.pairs}
        else:
            state.drafts[qid] = [i.id for i in q.items]
    state.finish(questions)
    folder = server.log_path.parent  # the server's COURSE_STORE_DIR
    store.Store(f"sqlite:///{folder / store.FILENAME}").put_doc(
        code, "quiz", "check", state.to_doc()
    )


def in_viewport(p, selector: str) -> bool:
    """Whether the element is wholly on screen (waits a moment: focus scrolls it there)."""
    try:
        p.wait_for_function(
            """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
            return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 1
                && r.right <= innerWidth + 1; }""",
            arg=selector,
            timeout=5_000,
        )
    except Exception:
        return False
    return True


def get_certificate(p, name: str, tap: bool) -> bytes:
    """Reach the name box with Tab, type the name, press the button, download the file."""
    _tab_to(p, "el.closest('.course-certificate') !== null && el.tagName === 'INPUT'")
    assert in_viewport(p, ".course-certificate input")
    p.keyboard.type(name)
    p.keyboard.press("Tab")  # leaves the box: the name reaches the page's kernel
    button = ".course-certificate button"
    p.wait_for_function(
        "(sel) => document.activeElement === document.querySelector(sel)", arg=button
    )
    assert in_viewport(p, button)
    if tap:
        box = p.locator(button).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24  # a touch target
        p.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    else:
        p.keyboard.press("Enter")
    link = p.locator(".course-certificate a.course-download")
    link.wait_for(state="visible", timeout=60_000)
    assert not p.locator(button).is_disabled()  # busy state over
    _tab_to(p, "el.classList.contains('course-download')", limit=5)  # just below the button
    assert in_viewport(p, ".course-certificate a.course-download")
    with p.expect_download() as info:
        if tap:
            box = link.bounding_box()
            p.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        else:
            p.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == "certificate.pdf"
    return Path(download.path()).read_bytes()


@pytest.mark.parametrize(
    ("size", "touch"), [((1366, 900), False), ((390, 844), True)], ids=["laptop", "phone"]
)
def test_a_learner_makes_and_downloads_the_certificate(voila_server, browser, size, touch):
    code = "CERT-UIXX-2345" if not touch else "CERT-UIPH-2345"
    store_finished_check(voila_server, code, wrong_section="nhri")
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, has_touch=touch, accept_downloads=True
    )
    page = Page(context.new_page())
    try:
        p = page.open(voila_server.page_url(CHECK, f"code={code}"), ready=".course-certificate")
        name = "Nadia Quispe-Mamani"
        data = get_certificate(p, name, tap=touch)
        SHOTS.mkdir(parents=True, exist_ok=True)
        p.locator(".course-certificate").screenshot(path=str(SHOTS / f"panel-{size[0]}.png"))
        p.screenshot(path=str(SHOTS / f"viewport-{size[0]}.png"))
        # no horizontal overflow of the page because of the panel
        assert p.evaluate("() => document.documentElement.scrollWidth <= innerWidth + 1")
        text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
        assert name in text and code not in text
        assert "Working with National Human Rights Institutions read again" in text
        assert "never saved" in p.inner_text(".course-certificate")
        assert "Your certificate is ready" in p.inner_text(".course-certificate")
        assert page.error_outputs() == []
    finally:
        context.close()
