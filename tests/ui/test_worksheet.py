"""Browser journey: fill the worksheet in Voila, download the Word and JSON files, reload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets.worksheet import model

pytestmark = pytest.mark.ui
CODE = "WSWS-2345-6789"
XSS = "<img src=x onerror=alert(1)>"


def _wait_text(p, selector: str, text: str, timeout: float = 30_000) -> None:
    """Wait until an element's text holds ``text`` (Select options use no-break spaces)."""
    p.wait_for_function(
        "([sel, t]) => { const e = document.querySelector(sel);"
        " return !!e && e.textContent.replace(/\\u00a0/g, ' ').includes(t); }",
        arg=[selector, text],
        timeout=timeout,
    )


def _add_actor(p, name: str, type_label: str, influence: str, interest: str) -> None:
    step = p.locator(".course-ws-step-2")
    step.get_by_label("Name", exact=True).fill(name)
    step.get_by_label("Type", exact=True).select_option(label=type_label)
    step.get_by_label("Influence (1-5)").select_option(label=influence)
    step.get_by_label("Interest (1-5)").select_option(label=interest)
    step.get_by_label("Before the review").check()
    step.get_by_role("button", name="Add actor").click()
    p.wait_for_function(
        "n => document.querySelector('.course-ws-map').innerText.includes(n)", arg=name[:10]
    )


def test_fill_the_worksheet_and_download_word_and_json(voila_server, page, tmp_path):
    p = page.open(voila_server.page_url("07_worksheet.ipynb", f"code={CODE}"), ".course-worksheet")
    ws = p.locator(".course-worksheet")
    assert "saved automatically" in ws.inner_text()

    # 1. Your review
    step1 = p.locator(".course-ws-step-1")
    step1.get_by_label("Country").select_option(label="Senegal")
    step1.get_by_label("Treaty body").select_option(label="CAT: Committee against Torture")
    step1.get_by_label("Stage of the review").select_option(label="The session")
    org = step1.get_by_label("Your organisation")
    org.fill("Our test NGO")
    org.press("Enter")
    p.wait_for_function(
        "document.querySelector('.course-ws-step-1').innerText.includes('constructive dialogue')"
    )

    # 2. Map the actors
    ws.get_by_role("button", name="Next →").click()
    _add_actor(p, "Partner network", "NGO network", "5 (high)", "5 (high)")
    _add_actor(p, XSS, "National media", "2", "4")
    assert p.locator(".course-ws-map img").count() == 0  # shown as text, not an element
    assert "Manage closely" in p.locator(".course-ws-map").inner_text()

    # 3. Shape the coalition
    ws.get_by_role("button", name="3. Shape the coalition").click()
    step3 = p.locator(".course-ws-step-3")
    step3.get_by_label("Permanent").check()
    step3.get_by_label("Name", exact=True).fill("Our test NGO")
    step3.get_by_role("button", name="Add member").click()
    step3.get_by_role("button", name="Add the suggested milestones for my stage").click()
    _wait_text(p, ".course-ws-step-3", "Our test NGO (Lead)")
    _wait_text(p, ".course-ws-step-3", "Take part in the NGO briefing or meeting")

    # 4. Review and export
    ws.get_by_role("button", name="4. Review and export").click()
    step4 = p.locator(".course-ws-step-4")
    assert "OMCT" in step4.inner_text()  # the TB-Net member for the CAT
    from axe_playwright_python.sync_playwright import Axe

    # "landmark-unique" comes from the two course navigation bars every page has (top and bottom)
    found = Axe().run(p).response["violations"]
    assert [v["id"] for v in found if v["id"] != "landmark-unique"] == []
    step4.get_by_role("button", name="Prepare the files").click()
    p.wait_for_selector("a.course-ws-dl-docx", timeout=60_000)

    with p.expect_download() as dl:
        p.click("a.course-ws-dl-docx")
    docx_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(docx_path)
    assert docx_path.name == "coalition-plan.docx"
    from docx import Document

    doc = Document(str(docx_path))
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert {"Partner network", XSS, "CAT: Committee against Torture"} <= cells
    assert len(doc.inline_shapes) == 1

    with p.expect_download() as dl:
        p.click("a.course-ws-dl-json")
    plan = model.plan_from_json(Path(dl.value.path()).read_bytes())
    assert plan.review.committee == "CAT" and plan.review.country == "SN"
    assert [a.name for a in plan.actors] == ["Partner network", XSS]
    assert plan.coalition.duration == "permanent"
    assert json.loads(Path(dl.value.path()).read_text())["schema_version"] == 1
    assert page.errors == [] and page.error_outputs() == []

    # the plan was saved: a new visit with the same code brings it back
    p.goto(voila_server.page_url("07_worksheet.ipynb", f"code={CODE}"))
    p.wait_for_selector(".course-ws-step-2", state="attached", timeout=90_000)
    _wait_text(p, ".course-ws-step-2", "1. Partner network (NGO network)")
