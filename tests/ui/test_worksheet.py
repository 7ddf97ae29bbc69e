"""Browser journey: fill the worksheet in Voila, download the Word and JSON files, reload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets.planning import loading, model

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


def _add_actor(
    p, name: str, type_label: str, influence: int, interest: int, alignment: int = 3, **text
) -> None:
    """Fill the actor form as a person would (ratings 1-5 chosen by position in the list)."""
    step = p.locator(".course-ws-step-2")
    step.get_by_label("Name", exact=True).fill(name)
    step.get_by_label("Type", exact=True).select_option(label=type_label)
    step.get_by_label("Alignment", exact=True).select_option(index=alignment - 1)
    step.get_by_label("Interest", exact=True).select_option(index=interest - 1)
    step.get_by_label("Influence", exact=True).select_option(index=influence - 1)
    for label, value in text.items():
        field = step.get_by_label(label.replace("_", " ").capitalize(), exact=True)
        field.fill(value)
        field.press("Enter")
    step.get_by_label("Before the review").check()
    step.get_by_role("button", name="Add actor").click()
    _wait_text(p, ".course-worksheet", f"Added: {name}.")  # the form is empty again
    _wait_text(p, ".course-ws-map", name)


def test_fill_the_worksheet_and_download_word_and_json(voila_server, page, tmp_path):
    p = page.open(voila_server.page_url("07_worksheet.ipynb", f"code={CODE}"), ".course-worksheet")
    ws = p.locator(".course-worksheet")
    assert "saved automatically" in ws.inner_text()

    # 1. Your review
    step1 = p.locator(".course-ws-step-1")
    step1.get_by_label("Country").select_option(label="Senegal")
    step1.get_by_label("Treaty body").select_option(label="CAT: Committee against Torture")
    step1.get_by_label("Stage of the review").select_option(
        label="The session (constructive dialogue)"
    )
    org = step1.get_by_label("Your organisation")
    org.fill("Our test NGO")
    org.press("Enter")
    p.wait_for_function(
        "document.querySelector('.course-ws-step-1').innerText.includes('constructive dialogue')"
    )

    # 2. Map the actors
    ws.get_by_role("button", name="Next →").click()
    _add_actor(p, "Partner network", "NGO network", 5, 5, 5)
    _add_actor(p, XSS, "National media", 2, 4)
    assert p.locator(".course-ws-map img").count() == 0  # shown as text, not an element
    assert "Work together" in p.locator(".course-ws-map").inner_text()
    found = [v for v in page.axe_violations() if not v.startswith("landmark-unique")]
    assert found == [], found  # the map, its legend and key, the actor form

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
    assert [
        (
            v["id"],
            [n["target"] for n in v["nodes"]][:3],
            v["nodes"][0].get("failureSummary", "")[:200],
        )
        for v in found
        if v["id"] != "landmark-unique"
    ] == []
    step4.get_by_role("button", name="Prepare the files").click()
    p.wait_for_selector("a.course-ws-dl-docx", timeout=60_000)

    with p.expect_download() as dl:
        p.click("a.course-ws-dl-docx")
    docx_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(docx_path)
    assert docx_path.name == "coalition-plan.docx"
    from docx import Document

    doc = Document(str(docx_path))
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    for text in ("Partner network", XSS, "CAT: Committee against Torture"):
        assert text in cells
    assert len(doc.inline_shapes) == 1

    with p.expect_download() as dl:
        p.click("a.course-ws-dl-json")
    plan = loading.plan_from_json(Path(dl.value.path()).read_bytes())
    assert plan.review.committee == "CAT" and plan.review.country == "SN"
    assert [a.name for a in plan.actors] == ["Partner network", XSS]
    assert plan.coalition.duration == "permanent"
    assert json.loads(Path(dl.value.path()).read_text())["schema_version"] == 2
    assert page.errors == [] and page.error_outputs() == []

    # the plan was saved: a new visit with the same code brings it back
    p.goto(voila_server.page_url("07_worksheet.ipynb", f"code={CODE}"))
    p.wait_for_selector(".course-ws-step-2", state="attached", timeout=90_000)
    _wait_text(p, ".course-ws-step-2", "1. Partner network (NGO network)")


def test_the_kenya_plan_entered_on_a_phone_prints_cleanly(voila_server, browser, tmp_path):
    """Issue 12's Kenya plan typed through the page at 390 x 844 with touch, then its Word and
    Excel files rendered by LibreOffice: few pages, no word broken inside a cell."""
    from docx import Document
    from openpyxl import load_workbook

    from tests.harness import Page
    from tests.unit import test_worksheet_print as kenya

    shots = Path("test-results") / "worksheet-phone"
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = Page(context.new_page())
    url = voila_server.page_url("07_worksheet.ipynb", "code=KENY-A234-5678")
    p = page.open(url, ".course-worksheet")
    ws = p.locator(".course-worksheet")

    def no_overflow(step: str) -> None:
        p.screenshot(path=str(shots / f"{step}.png"))
        wide = p.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"{step}: the page is {wide} px wider than the phone"

    step1 = p.locator(".course-ws-step-1")
    for label, value in (
        ("Your organisation", kenya.ORGANISATION),
        ("Rights or themes at stake", kenya.THEMES),
    ):
        step1.get_by_label(label).fill(value)
        step1.get_by_label(label).press("Enter")
    step1.get_by_label("Country").select_option(label="Kenya")
    step1.get_by_label("Treaty body").select_option(
        label="CRC: Committee on the Rights of the Child"
    )
    step1.get_by_label("Review procedure").select_option(index=1)  # the simplified procedure
    _wait_text(p, ".course-ws-step-1", "list of issues prior to reporting")
    step1.get_by_label("Stage of the review").select_option(index=2)  # the State's replies
    _wait_text(p, ".course-ws-step-1", "its report")
    no_overflow("1-review")

    ws.get_by_role("button", name="2. Map the actors").tap()
    types = {t.id: t.label for t in model.content.load().worksheet.actor_types}
    for name, type_, inf, intr, al, _goal in kenya.KENYA_ACTORS:
        _add_actor(
            p,
            name,
            types[type_],
            inf,
            intr,
            al,
            Reason_or_evidence=kenya.REASON,
            Ask_or_key_message=kenya.ASK,
            Next_action=kenya.NEXT,
        )
    _wait_text(p, ".course-ws-step-2", "8. Example council")
    p.locator(".course-ws-step-2 .course-ws-mapbox").scroll_into_view_if_needed()
    no_overflow("2-map")
    labels = p.locator(".course-ws-step-2 .course-ws-svg .ws-qlabel")
    assert labels.count() == 4
    height = labels.first.bounding_box()["height"]
    assert height >= 9, f"quadrant labels are {height:.1f} px tall on a phone"
    found = [v for v in page.axe_violations() if not v.startswith("landmark-unique")]
    assert found == [], found

    ws.get_by_role("button", name="3. Shape the coalition").tap()
    step3 = p.locator(".course-ws-step-3")
    pick = step3.get_by_label("Pick an actor from your map")
    pick.select_option(label=kenya.KENYA_ACTORS[6][0])
    step3.get_by_role("button", name="Add member").tap()
    step3.get_by_role("button", name="Add the suggested milestones for my stage").tap()
    _wait_text(p, ".course-ws-step-3", "Submit the joint report to the committee")
    no_overflow("3-coalition")

    ws.get_by_role("button", name="4. Review and export").tap()
    step4 = p.locator(".course-ws-step-4")
    step4.get_by_role("button", name="Prepare the files").tap()
    p.wait_for_selector("a.course-ws-dl-xlsx", timeout=60_000)
    no_overflow("4-export")
    files = {}
    for key, folder in (("docx", "word"), ("xlsx", "excel")):
        with p.expect_download() as dl:
            p.locator(f"a.course-ws-dl-{key}").tap()
        files[key] = tmp_path / folder / dl.value.suggested_filename
        files[key].parent.mkdir()
        dl.value.save_as(files[key])
    assert page.errors == [] and page.error_outputs() == []
    context.close()

    doc = Document(str(files["docx"]))
    assert doc.core_properties.title == f"Coalition plan: {kenya.ORGANISATION}"
    assert len(load_workbook(files["xlsx"])["Actors"]["A"]) == len(kenya.KENYA_ACTORS) + 1
    word_pdf = kenya.pdf(files["docx"], tmp_path / "word")
    excel_pdf = kenya.pdf(files["xlsx"], tmp_path / "excel")
    word_pages, excel_pages = kenya.pages(word_pdf), kenya.pages(excel_pdf)
    print(f"Kenya plan from the phone: Word {word_pages} pages, Excel {excel_pages} pages")
    assert 2 <= word_pages <= 8 and 3 <= excel_pages <= 12
    actors = [
        {"name": a[0], "type": a[1], "reason": kenya.REASON, "ask": kenya.ASK}
        for a in kenya.KENYA_ACTORS
    ]
    typed = model.Plan.model_validate({"actors": actors})
    kenya.assert_no_broken_words(word_pdf, typed)


def test_a_huge_plan_file_is_refused_in_the_page_before_it_is_sent(voila_server, page, tmp_path):
    """A 50 MB file never reaches the kernel (which would close the connection): the page says
    why at once, the plan stays, and a normal file still opens afterwards."""
    p = page.open(
        voila_server.page_url("07_worksheet.ipynb", "code=HUGE-2345-6789"), ".course-worksheet"
    )
    ws = p.locator(".course-worksheet")
    ws.get_by_role("button", name="Load the example plan").click()
    _wait_text(p, ".course-ws-step-2", "1. Example Children")
    big = tmp_path / "huge.json"
    big.write_bytes(b'{"schema_version": 2, "pad": "' + b"x" * 50_000_000 + b'"}')
    note = p.locator(".course-ws-upload-toolarge")
    assert note.is_hidden()
    with p.expect_file_chooser() as chooser:
        ws.locator(".course-ws-upload").click()
    chooser.value.set_files(str(big))
    note.wait_for(state="visible", timeout=10_000)
    assert "too large" in note.inner_text() and "unchanged" in note.inner_text()
    # the connection is still open: the page still answers
    ws.get_by_role("button", name="2. Map the actors").click()
    _add_actor(p, "Still working", "NGO", 2, 2)
    small = tmp_path / "small.json"
    small.write_text(json.dumps(loading.example_plan().to_json_dict()), encoding="utf-8")
    with p.expect_file_chooser() as chooser:
        ws.locator(".course-ws-upload").click()
    chooser.value.set_files(str(small))
    _wait_text(p, ".course-worksheet", "Plan opened from small.json")
    assert note.is_hidden()
    assert page.errors == []


def test_the_map_follows_the_dark_theme(voila_server, page):
    url = voila_server.page_url("07_worksheet.ipynb", "code=DARK-2345-6789&theme=dark")
    p = page.open(url, ".course-worksheet")
    p.locator(".course-worksheet").get_by_role("button", name="Load the example plan").click()
    p.locator(".course-worksheet").get_by_role("button", name="2. Map the actors").click()
    p.wait_for_selector(".course-ws-svg .ws-bg", state="attached")
    svg = p.locator(".course-ws-step-2 .course-ws-mapbox")
    svg.scroll_into_view_if_needed()
    Path("test-results").mkdir(exist_ok=True)
    p.screenshot(path="test-results/worksheet-map-dark.png")
    fill = p.evaluate("getComputedStyle(document.querySelector('.course-ws-svg .ws-bg')).fill")
    text = p.evaluate("getComputedStyle(document.querySelector('.course-ws-svg .ws-qlabel')).fill")

    def light(rgb: str) -> float:
        r, g, b = (int(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
        return (r + g + b) / 3

    found = [v for v in page.axe_violations() if not v.startswith("landmark-unique")]
    assert found == [], found
    assert light(fill) < 80, f"the map's background stays light in dark mode: {fill}"
    assert light(text) > 170, f"the map's labels are dark on dark: {text}"
