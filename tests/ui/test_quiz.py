"""Quizzes in Voila: a learner's journey with the mouse, and a quiz completed with the keyboard."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from widgets import ui
from widgets.quizzes import bank, model

pytestmark = pytest.mark.ui
PAGE = "02_why_coalitions.ipynb"
QUIZ = "coalitions"


def learner_order(code: str, quiz_id: str = QUIZ) -> list[model.Question]:
    """The questions in the order this learner sees them (the same seeded rule as the page)."""
    b = bank.load()
    return [b.questions[q] for q in b.question_ids(quiz_id, model.seed_for(code, quiz_id))]


def watch_forbidden(page) -> list[str]:
    """Collect the URLs answered with 403 (see :func:`errors_besides_kernel_shutdown`)."""
    forbidden: list[str] = []
    page.page.on("response", lambda r: forbidden.append(r.url) if r.status == 403 else None)
    return forbidden


def errors_besides_kernel_shutdown(page, forbidden: list[str]) -> list[str]:
    """Console errors, except the one Voila 0.5 causes when a page is left.

    Leaving a page asks the server to shut its kernel down, and Voila refuses that request
    (403, upstream issue #1458). Any other refused request still counts.
    """
    assert all("/voila/api/shutdown/" in u for u in forbidden), forbidden
    return [e for e in page.errors if not (forbidden and "403 (Forbidden)" in e)]


def test_answer_wrong_then_right_and_find_it_again_after_reload(voila_server, page):
    code = "JRNY-TEST-2222"
    q = next(x for x in learner_order(code) if x.kind in model.ONE_ANSWER)
    wrong = next(o for o in q.options if not o.correct)
    right = next(o for o in q.options if o.correct)
    box = f".course-q-{q.id}"
    p = page.open(voila_server.page_url(PAGE, f"code={code}"), ready=box)

    p.click(f"{box} label:text-is('{wrong.text}')")
    p.click(f"{box} button:has-text('Check my answer')")
    feedback = p.locator(f"{box} .course-live")
    feedback.get_by_text("✗ Not right yet.", exact=True).wait_for(timeout=30_000)
    assert wrong.feedback in feedback.inner_text()
    assert feedback.get_attribute("role") == "status"  # announced by screen readers
    violations = Axe().run(p, context=".course-quiz").response["violations"]
    assert [v["id"] for v in violations] == []

    p.click(f"{box} label:text-is('{right.text}')")
    p.click(f"{box} button:has-text('Check my answer')")
    feedback.get_by_text("✓ Right.", exact=True).wait_for(timeout=30_000)
    total = len(learner_order(code))
    p.locator(".course-quiz-summary").get_by_text(
        ui.tn("quiz.progress", total, answered=1)
    ).wait_for()

    assert page.errors == [] and page.error_outputs() == []
    forbidden = watch_forbidden(page)
    p.reload()
    p.wait_for_selector(f"{box} .course-feedback", timeout=90_000)
    assert "✓ Right." in p.inner_text(f"{box} .course-feedback")
    assert p.is_checked(f"{box} label:text-is('{right.text}') input")
    assert ui.tn("quiz.progress", total, answered=1) in p.inner_text(".course-quiz-summary")
    assert errors_besides_kernel_shutdown(page, forbidden) == [] and page.error_outputs() == []


# --- keyboard only -------------------------------------------------------------------------
def _tab_to(p, predicate: str, limit: int = 400) -> None:
    """Press Tab until the focused element satisfies ``predicate`` (JS, gets ``el``)."""
    check = f"() => {{ const el = document.activeElement; return !!el && ({predicate}); }}"
    for _ in range(limit):
        if p.evaluate(check):
            return
        p.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached: {predicate}")


def _in(qid: str) -> str:
    return f"el.closest('.course-q-{qid}') !== null"


def _js(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _choose_in_select(p, qid: str, label: str, options: list[str], value_text: str) -> None:
    _tab_to(
        p,
        f"el.tagName === 'SELECT' && {_in(qid)} && "
        f"el.closest('.widget-dropdown').querySelector('label').textContent.trim() === {_js(label)}",
    )
    # Press the arrow keys like a person would, one at a time, until the menu shows the choice
    # (each change goes to the kernel and back, so rapid presses could race with the echo).
    target = options.index(value_text)
    for _ in range(4 * len(options)):
        current = p.evaluate("() => document.activeElement.selectedIndex")
        if current == target:
            p.wait_for_timeout(200)
            if p.evaluate("() => document.activeElement.selectedIndex") == target:
                return
            continue
        p.keyboard.press("ArrowDown" if current < target else "ArrowUp")
        p.wait_for_timeout(100)
    raise AssertionError(f"could not choose {value_text!r} in {label!r}")


def test_a_quiz_can_be_completed_with_the_keyboard_alone(voila_server, page):
    code = "KEYS-TEST-3333"
    seed = model.seed_for(code, QUIZ)
    questions = learner_order(code)
    p = page.open(voila_server.page_url(PAGE, f"code={code}"), ready=".course-quiz")
    for q in questions:
        if q.kind in model.ONE_ANSWER:
            right = next(o for o in q.options if o.correct)
            _tab_to(
                p,
                f"el.type === 'radio' && {_in(q.id)} && "
                f"el.parentElement.textContent.trim() === {_js(right.text)}",
            )
            p.keyboard.press("Space")
        elif q.kind == "multiple":
            for o in model.option_order(q, seed):
                if o.correct:
                    _tab_to(
                        p,
                        f"el.type === 'checkbox' && {_in(q.id)} && "
                        f"el.closest('label').textContent.trim() === {_js(o.text)}",
                    )
                    p.keyboard.press("Space")
        elif q.kind == "matching":
            targets = ["(choose)"] + [t for _, t in model.shuffled(q.targets, seed, q.id)]
            for pair in q.pairs:
                _choose_in_select(p, q.id, pair.left, targets, pair.right)
        else:
            items = ["(choose)"] + [i.text for i in model.shuffled(q.items, seed, q.id)]
            for n, item in enumerate(q.items, 1):
                _choose_in_select(p, q.id, f"Step {n}", items, item.text)
        _tab_to(p, f"el.tagName === 'BUTTON' && {_in(q.id)} && el.textContent.includes('Check')")
        p.keyboard.press("Enter")
        p.locator(f".course-q-{q.id} .course-feedback").get_by_text(
            "✓ Right.", exact=True
        ).wait_for(timeout=30_000)
    summary = p.locator(".course-quiz-summary")
    summary.get_by_text("Passed").wait_for(timeout=30_000)
    assert f"{len(questions)} of {len(questions)} points (100%)" in summary.inner_text()
    assert page.errors == []


def test_home_page_gives_a_code_and_the_start_button_opens_part_1_with_it(voila_server, page):
    forbidden = watch_forbidden(page)
    p = page.open(
        voila_server.page_url("00_home.ipynb"), ready=".course-start a.course-button-primary"
    )
    text = p.inner_text(".course-start")
    assert "not saved" not in text and "Start part 1" in text
    assert Axe().run(p, context=".course-start").response["violations"] == []
    p.click(".course-start a.course-button-primary")
    p.wait_for_url("**/01_treaty_bodies.ipynb?code=*", timeout=60_000)
    code = p.url.split("code=", 1)[1][:14]
    assert code in text  # the code shown is the code carried
    page.open(
        voila_server.page_url("00_home.ipynb", f"code={code}"), ready=".course-progress-table"
    )
    assert "Welcome back" in p.inner_text(".course-start") and code in p.inner_text(".course-start")
    assert Axe().run(p, context=".course-start").response["violations"] == []
    href = p.get_attribute(".course-nav-bar a.course-nav-next >> nth=0", "href")
    assert f"code={code}" in href
    assert errors_besides_kernel_shutdown(page, forbidden) == []
