"""The course used as a person uses it: the mouse wheel or a finger to scroll, clicks and taps on
what is on screen, and the keyboard (see :mod:`tests.ui.person`), at a laptop's 1366 x 900 and
a phone's 390 x 844, in the light and the dark theme. Screenshots of each step are saved under
``test-results/``.
"""

from __future__ import annotations

import re

import pytest

from widgets import content, store, ui
from widgets.workshop import model as ws_model

from .person import new_person

pytestmark = pytest.mark.ui
PAGES = content.load().outline.pages


def course_store(voila_server) -> store.Store:
    """The store the test server writes to (its COURSE_STORE_DIR)."""
    return store.Store(f"sqlite:///{voila_server.log_path.parent / store.FILENAME}")


def open_page(me, url: str, ready: str = ".course-nav-top") -> None:
    me.page.goto(url, wait_until="load", timeout=90_000)
    me.page.wait_for_selector(ready, state="visible", timeout=90_000)
    me.page.wait_for_selector(".course-nav-end", state="attached", timeout=90_000)


CONTROLS = (
    "#rendered_cells button:not([disabled]), #rendered_cells select, "
    "#rendered_cells input[type=text], #rendered_cells textarea, #rendered_cells summary, "
    "#rendered_cells a.course-button, #rendered_cells .course-nav a"
)


def check_controls_reachable(me) -> int:
    """Every control can be scrolled to and is the element under the pointer at its centre."""
    me.scroll_to_top()
    n = me.page.evaluate(f"() => document.querySelectorAll({CONTROLS!r}).length")
    for i in range(n):
        visible = me.page.evaluate(
            f"(i) => document.querySelectorAll({CONTROLS!r})[i].getClientRects().length > 0", i
        )
        if not visible:  # a folded part (e.g. a confirmation not yet asked for)
            continue
        tag = f"[data-journey-control='{i}']"
        me.page.evaluate(
            f"(i) => document.querySelectorAll({CONTROLS!r})[i].setAttribute('data-journey-control', i)",
            i,
        )
        b = me.bring_into_view(tag)
        hit = me.page.evaluate(
            """([sel, x, y]) => { const el = document.querySelector(sel);
                const at = document.elementFromPoint(x, y);
                return !!at && (el === at || el.contains(at) || at.contains(el) || at.closest('label') === el.closest('label') && !!el.closest('label')); }""",
            [tag, b["x"] + b["width"] / 2, b["y"] + min(b["height"], b["vh"] - b["y"]) / 2],
        )
        assert hit, f"{me.name}: control {i} ({tag}) is covered by something else"
    return n


@pytest.mark.timeout(900)
@pytest.mark.parametrize("size", ["laptop", "phone"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_scrolls_to_its_end_fits_the_screen_and_every_control_is_reachable(
    voila_server, browser, size, theme
):
    me = new_person(browser, size, theme, name=f"pages-{size}-{theme}")
    code = "PAGE-TEST-2345"
    try:
        for page in PAGES:
            open_page(me, voila_server.page_url(page.notebook, f"code={code}&theme={theme}"))
            me.name = f"pages-{size}-{theme}-{page.id}"
            assert (
                me.page.evaluate("() => document.body.classList.contains('theme-' + 'x')") is False
            )
            assert me.page.evaluate(f"() => document.body.classList.contains('theme-{theme}')")
            me.shot("top")
            me.scroll_to_bottom()
            end = me.box(".course-nav-end")
            assert me.in_view(end), f"{me.name}: the end of the page is not on screen at the bottom"
            me.shot("bottom")
            assert me.overflowing() == [], f"{me.name}: wider than the screen"
            assert me.small_targets() == [], f"{me.name}: targets under 24 x 24 px"
            if theme == "light":  # the layout is the same in both themes: check it once
                assert check_controls_reachable(me) > 0
    finally:
        me.page.context.close()


def test_keyboard_scrolls_the_page_and_an_anchor_link_jumps_to_its_heading(voila_server, browser):
    me = new_person(browser, "laptop", name="keys")
    try:
        open_page(me, voila_server.page_url(PAGES[1].notebook, "code=KEYS-TEST-2345"))
        me.page.mouse.click(5, 300)  # on the page, not on a control
        me.page.keyboard.press("PageDown")
        me.page.wait_for_timeout(300)
        assert me.scroll_y() > 300
        me.page.keyboard.press("End")
        me.page.wait_for_timeout(300)
        assert me.page.evaluate(
            "() => Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 2"
        )
        me.page.keyboard.press("Home")
        me.page.wait_for_timeout(300)
        assert me.scroll_y() == 0
        me.page.keyboard.press("Space")
        me.page.wait_for_timeout(300)
        assert me.scroll_y() > 300
        # a "read again" link of a quiz points at a heading: the browser jumps there
        heading = me.page.evaluate(
            "() => [...document.querySelectorAll('#rendered_cells h2[id]')].slice(-2)[0].id"
        )
        me.page.goto(me.page.url.split("#")[0] + "#" + heading)
        me.page.wait_for_timeout(500)
        top = me.box(f"[id='{heading}']")
        assert top and 0 <= top["y"] < 200, top
        me.wheel(-600)
        assert me.box(f"[id='{heading}']")["y"] > top["y"]  # and the learner can scroll back
    finally:
        me.page.context.close()


def answer_every_question(me, until: int | None = None) -> int:
    """Answer each question on the page as a person would; returns how many were answered."""
    ids = me.page.evaluate(
        """() => [...document.querySelectorAll('.course-question')].map(e =>
              [...e.classList].find(c => c.startsWith('course-q-')))"""
    )
    for n, qclass in enumerate(ids[:until], 1):
        q = "." + qclass
        if me.box(f"{q} select") is not None:
            count = me.page.evaluate(f"() => document.querySelectorAll('{q} select').length")
            for i in range(count):
                me.choose(f"{q} select", steps=i + 1, nth=i)
        else:
            me.press(f"{q} label")  # a radio button or check box, with its label
        me.press(f"{q} button.mod-primary")
        me.page.wait_for_function(
            f"() => document.querySelector('{q} .course-live').innerText.trim().length > 0",
            timeout=30_000,
        )
        if n == 1:
            me.shot("first-feedback")
    return len(ids[:until])


def test_a_new_learner_goes_from_the_address_to_the_end_of_part_1s_quiz(voila_server, browser):
    me = new_person(browser, "laptop", name="new-learner")
    try:
        open_page(me, voila_server.url + "/", ready=".course-start")
        me.shot("home")
        start = me.box(".course-start a.course-button-primary")
        assert me.in_view(start), "the way in is on the first screen"
        me.press(".course-start a.course-button-primary")
        me.page.wait_for_url(re.compile(r".*/01_treaty_bodies\.ipynb\?code=[A-Z2-9-]{14}$"))
        open_page(me, me.page.url)
        assert me.box(".course-page-notices .course-notice") is None  # nothing to warn about
        me.shot("part-1")
        answered = answer_every_question(me)
        total = answered
        me.wait_text(".course-quiz-summary", ui.tn("quiz.progress", total, answered=total))
        me.shot("quiz-done")
        me.scroll_to_bottom()
        me.press(".course-nav-end a.course-nav-next")
        me.page.wait_for_url(re.compile(r".*/02_why_coalitions\.ipynb\?code="))
    finally:
        me.page.context.close()


def test_a_returning_learner_types_the_code_on_a_new_phone_and_continues(voila_server, browser):
    code = "BACK-TEST-2345"
    st = course_store(voila_server)
    st.put_doc(code, "quiz", PAGES[1].id, {"complete": True, "answered": 3, "questions": []})
    st.close()
    me = new_person(browser, "phone", name="returning")
    try:
        open_page(me, voila_server.page_url("00_home.ipynb"), ready=".course-start")
        me.type_into(".course-code-input input", code.lower())
        me.shot("code-typed")
        me.page.keyboard.press("Enter")
        me.page.wait_for_url(re.compile(rf".*/{PAGES[2].notebook}\?code={code}$"), timeout=60_000)
        open_page(me, me.page.url)
        assert me.box(".course-page-notices .course-notice") is None
        me.shot("continued")
    finally:
        me.page.context.close()


def test_a_participant_joins_from_the_workshop_link_and_the_answer_reaches_the_trainer(
    voila_server, browser
):
    st = course_store(voila_server)
    ws = ws_model.create_workshop(st, "Coalitions day")
    me = new_person(browser, "phone", name="participant")
    try:
        open_page(
            me, voila_server.page_url("00_home.ipynb", f"workshop={ws.code}"), ".course-start"
        )
        join = me.box(".course-start-join")
        assert join and join["y"] < join["vh"], "the join step is on the first screen"
        assert "Coalitions day" in me.page.inner_text(".course-start-join")
        me.shot("invited")
        me.type_into(".course-start .course-enter-form input", "Ana")
        me.press(".course-start .course-enter-form button")
        me.wait_text(".course-start", "You joined the workshop")
        me.shot("joined")
        me.press(".course-start a.course-button-primary")
        me.page.wait_for_url(re.compile(r".*/01_treaty_bodies\.ipynb\?workshop=.*code="))
        open_page(me, me.page.url)
        assert me.box(".course-page-notices .course-notice") is None  # joined: no warning
        answer_every_question(me, until=1)
        me.shot("answered")
    finally:
        me.page.context.close()
    # what the trainer's dashboard reads: Ana joined, and her answer counts in the workshop
    assert [p["display_name"] for p in st.participants(ws.code)] == ["Ana"]
    assert len(st.workshop_answers(ws.code)) == 1


def test_a_workshop_link_opened_on_a_page_before_joining_says_so_at_the_top(voila_server, browser):
    st = course_store(voila_server)
    ws = ws_model.create_workshop(st, "Day two")
    me = new_person(browser, "phone", name="not-joined")
    try:
        open_page(me, voila_server.page_url(PAGES[2].notebook, f"workshop={ws.code}"))
        notice = me.box(".course-page-notices .course-notice")
        assert notice and me.in_view(notice), "the warning is on the first screen"
        assert "not joined" in me.page.inner_text(".course-page-notices")
        me.shot("warned")
        me.press(".course-page-notices button.mod-primary")
        # joined with a new code: the page opens again with it, and the warning is gone
        me.page.wait_for_url(
            re.compile(rf".*/{PAGES[2].notebook}\?workshop=.*&code="), timeout=60_000
        )
        open_page(me, me.page.url)
        assert me.box(".course-page-notices .course-notice") is None
        me.shot("joined")
    finally:
        me.page.context.close()


def tag_field(me, scope: str, label: str, kind: str) -> str:
    """A selector for the control (``select``, ``input`` or ``button``) a person finds by its
    visible label (or, for a button, its text) inside ``scope``."""
    found = me.page.evaluate(
        """([scope, label, kind]) => {
            const root = document.querySelector(scope); if (!root) return null;
            let el = null;
            if (kind === 'button') {
                el = [...root.querySelectorAll('button')].find(b =>
                    b.innerText.trim() === label && b.getClientRects().length);
            } else {
                const box = [...root.querySelectorAll('.widget-inline-hbox')].find(b => {
                    const l = b.querySelector('.widget-label'); return l && l.innerText.trim() === label; });
                el = box && box.querySelector(kind);
            }
            if (!el) return null;
            el.setAttribute('data-journey-field', label);
            return true; }""",
        [scope, label, kind],
    )
    assert found, f"{me.name}: no {kind} labelled {label!r} in {scope}"
    return f"{scope} [data-journey-field='{label}']"


def test_the_worksheet_on_a_phone_from_an_empty_plan_to_its_downloads(
    voila_server, browser, tmp_path
):
    me = new_person(browser, "phone", name="worksheet")
    try:
        open_page(
            me,
            voila_server.page_url("07_worksheet.ipynb", "code=PLAN-TEST-2345"),
            ".course-ws-step-1",
        )
        me.shot("empty")
        # step 1: the committee, chosen with the keyboard after a tap on its menu
        me.choose(tag_field(me, ".course-ws-step-1", "Treaty body", "select"), steps=5)
        me.wait_text(".course-ws-step-1", "procedure")
        me.shot("review")
        me.press(tag_field(me, ".course-worksheet", "Next →", "button"))
        me.page.wait_for_selector(".course-ws-step-2", state="visible")
        # step 2: one actor, typed and placed
        me.type_into(tag_field(me, ".course-ws-step-2", "Name", "input"), "Teachers' union")
        me.choose(tag_field(me, ".course-ws-step-2", "Type", "select"), steps=3)
        me.press(tag_field(me, ".course-ws-step-2", "Add actor", "button"))
        me.wait_text(".course-ws-map", "Teachers' union")
        me.shot("mapped")
        assert me.overflowing() == [], "the map and the form fit a phone"
        # step 4: the files
        me.press(tag_field(me, ".course-worksheet", "4. Review and export", "button"))
        me.page.wait_for_selector(".course-ws-step-4", state="visible")
        me.press(tag_field(me, ".course-ws-step-4", "Prepare the files", "button"))
        me.page.wait_for_selector("a.course-ws-dl-docx", state="visible", timeout=60_000)
        me.shot("files-ready")
        with me.page.expect_download() as dl:
            me.press("a.course-ws-dl-docx")
        path = tmp_path / dl.value.suggested_filename
        dl.value.save_as(path)
        import docx

        text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        tables = " ".join(
            c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells
        )
        assert "Teachers' union" in text + tables
    finally:
        me.page.context.close()
