"""Content pages in Voila: the review-cycle diagram with the keyboard, every TB-Net example on
page 3 without touching a control, and the running case's choices surviving a reload."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from widgets import content

pytestmark = pytest.mark.ui


def test_cycle_diagram_switches_with_the_keyboard_and_has_no_axe_violation(voila_server, page):
    c = content.load()
    p = page.open(voila_server.page_url("01_treaty_bodies.ipynb"), ready=".course-cycle-view")
    view = p.locator(".course-cycle-view")
    assert c.procedure("simplified").label in view.inner_text()
    standard = c.procedure("standard")
    for _ in range(300):  # Tab like a person until the "Standard" button has the focus
        p.keyboard.press("Tab")
        if p.evaluate("() => document.activeElement.textContent.trim()") == standard.title:
            break
    else:
        raise AssertionError("Tab never reached the Standard procedure button")
    p.keyboard.press("Space")
    p.wait_for_function(
        "t => document.querySelector('.course-cycle-view').innerText.includes(t)",
        arg=standard.label,
        timeout=30_000,
    )
    text = view.inner_text()
    assert "Written replies".lower() in text.lower() and "◆" in text and "▲" in text
    violations = Axe().run(p, context=".course-cycle-view").response["violations"]
    assert [v["id"] for v in violations] == []
    assert page.errors == [] and page.error_outputs() == []


def test_page_3_shows_every_member_and_example_without_a_click(voila_server, page):
    c = content.load()
    p = page.open(voila_server.page_url("03_tbnet.ipynb"), ready=".course-members")
    text = " ".join(p.inner_text(".course-members").split())
    for m in c.members:
        assert m.name in text
        for e in m.examples:
            assert " ".join(e.split()) in text
    for needle in ("750 Chilean", "Iraq", "Uzbek League", "Thailand", "Jamaica"):
        assert needle in text


def test_running_case_choice_survives_a_reload(voila_server, page):
    code = "CASE-UITS-5555"
    step = content.load().case.step("organise")
    wrong = next(o for o in step.options if not o.best)
    url = voila_server.page_url("02_why_coalitions.ipynb", f"code={code}")
    p = page.open(url, ready=".course-case")
    p.click(f".course-case label:text-is('{wrong.text}')")
    p.click(".course-case button:has-text('Make this choice')")
    p.locator(".course-case").get_by_text("What happens:").first.wait_for(timeout=30_000)
    assert wrong.consequence.split(".")[0] in " ".join(p.inner_text(".course-case").split())
    p.reload()
    p.wait_for_selector(".course-case button:has-text('Try another choice')", timeout=90_000)
    assert p.is_checked(f".course-case label:text-is('{wrong.text}') input")
    p.click(".course-case button:has-text('Try another choice')")
    best = next(o for o in step.options if o.best)
    p.click(f".course-case label:text-is('{best.text}')")
    p.click(".course-case button:has-text('Make this choice')")
    p.locator(".course-case").get_by_text("This is the course's choice.").wait_for(timeout=30_000)
    assert page.error_outputs() == []
