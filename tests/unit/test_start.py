"""The way into the course: the start panel, "My data" and the notices at the top of a page."""

from __future__ import annotations

import base64
import json
import re
from html import unescape

import pytest

from tests.unit.conftest import as_voila_page
from widgets import content, identity, learner, store, ui
from widgets.data_panel import MyData
from widgets.entry import next_page
from widgets.navigation import NavBar
from widgets.page_notices import PageNotices
from widgets.quizzes.view import QuizView
from widgets.start_panel import StartPanel
from widgets.workshop import model as ws_model

CODE = "ABCD-EFGH-JKLM"
PAGES = content.load().outline.pages


@pytest.fixture(autouse=True)
def _fresh(fresh_session):
    yield


def voila(monkeypatch, query: str) -> None:
    as_voila_page(monkeypatch, query)


def text_of(widget) -> str:
    """Every HTML value below a widget, tags removed, as one string."""
    out = []

    def walk(w):
        value = getattr(w, "value", None)
        if isinstance(value, str):
            out.append(value)
        for c in getattr(w, "children", ()):
            walk(c)

    walk(widget)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", " ".join(out))).split())


def said(key: str, **values) -> str:
    """An interface text as ``text_of`` shows it (white space folded)."""
    return " ".join(ui.t(key, **values).split())


def hrefs(widget) -> list[str]:
    found = []

    def walk(w):
        value = getattr(w, "value", None)
        if isinstance(value, str):
            found.extend(unescape(h) for h in re.findall(r'href="([^"]+)"', value))
        for c in getattr(w, "children", ()):
            walk(c)

    walk(widget)
    return found


def answer_whole_quiz(st, page_id: str, code: str = CODE) -> None:
    quiz = QuizView(page_id, learner.Learner(code, "code", store=st))
    for qv in quiz.w_questions:
        q = qv.question
        if q.kind in ("single", "truefalse", "scenario"):
            qv.w_input.value = next(o.id for o in q.options if o.correct)
            qv.submit()
    st.put_doc(code, "quiz", page_id, {**st.get_doc(code, "quiz", page_id), "complete": True})


# --- a new learner --------------------------------------------------------------------------
def test_a_new_learner_sees_one_code_and_one_button_into_part_1(monkeypatch):
    voila(monkeypatch, "theme=dark")
    panel = StartPanel()
    assert panel.state == "new"
    shown = set(re.findall(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", text_of(panel)))
    assert shown == {identity.page_code()}  # one code, not two
    first = [h for h in hrefs(panel) if h.startswith(PAGES[1].notebook)]
    assert first == [f"{PAGES[1].notebook}?theme=dark&code={identity.page_code()}"]
    assert ui.t("notice.not_saved") not in text_of(panel)  # nothing to warn about on a first visit
    assert ui.t("learner.why.no_code") not in text_of(panel)


def test_a_typed_code_opens_the_next_part_to_do_and_bad_input_is_explained(monkeypatch):
    st = store.open_store()
    answer_whole_quiz(st, PAGES[1].id, "WXYZ-2345-ABCD")
    voila(monkeypatch, "")
    panel = StartPanel()
    panel.w_code.value = "<img src=x onerror=alert(1)>"
    panel.w_continue.click()
    assert said(
        "start.other.bad", example=identity.EXAMPLE, ws_example=identity.EXAMPLE[:9]
    ) in text_of(panel)
    assert "<img" not in panel.w_status.value
    panel.w_code.value = "wxyz 2345"  # a workshop code: its join step opens
    panel.w_continue.click()
    goto = re.search(r'class="[^"]*course-goto[^"]*" href="([^"]+)"', panel.w_status.value)
    assert goto and unescape(goto.group(1)) == "00_home.ipynb?workshop=WXYZ-2345"
    panel.w_code.value = " wxyz 2345 abcd "
    assert panel.continue_with_code() == "WXYZ-2345-ABCD"
    goto = re.search(r'class="[^"]*course-goto[^"]*" href="([^"]+)"', panel.w_status.value)
    assert goto and unescape(goto.group(1)) == f"{PAGES[2].notebook}?code=WXYZ-2345-ABCD"


def test_a_returning_learner_is_welcomed_with_progress_and_a_continue_button(monkeypatch):
    st = store.open_store()
    voila(monkeypatch, f"code={CODE}")
    fresh = StartPanel()
    assert fresh.state == "returning" and CODE in text_of(fresh)
    assert f"{PAGES[1].notebook}?code={CODE}" in hrefs(fresh)  # nothing done yet: part 1
    answer_whole_quiz(st, PAGES[1].id)
    panel = StartPanel()
    assert f"{PAGES[2].notebook}?code={CODE}" in hrefs(panel)
    assert PAGES[2].title in text_of(panel)
    assert ui.t("progress.status.done") in text_of(panel)


def test_next_page_after_every_quiz_is_the_worksheet():
    st = store.open_store()
    from widgets.quizzes import bank

    b = bank.load()
    for page in PAGES:
        if page.id in b.sections or page.id == b.check.page:
            st.put_doc(CODE, "quiz", page.id, {"complete": True, "answered": 1})
    assert next_page(learner.Learner(CODE, store=st)).kind == "worksheet"
    assert next_page(learner.Learner(None)) == PAGES[1]


def test_jupyterlab_uses_the_account_and_shows_no_code_box():
    panel = StartPanel()
    assert panel.state == "local" and said("start.local.intro") in text_of(panel)
    assert not hasattr(panel, "w_code")


# --- joining a workshop from its link ---------------------------------------------------------
def test_the_participant_link_puts_the_join_step_first_and_leads_into_part_1(monkeypatch):
    st = store.open_store()
    ws = ws_model.create_workshop(st, "Coalitions <day>")
    voila(monkeypatch, f"workshop={ws.code}")
    panel = StartPanel()
    assert panel.state == "join"
    assert "Coalitions <day>" in text_of(panel) and "<day>" not in panel.children[0].value
    panel.w_name.value = "Ana"
    panel.w_join.click()
    code = identity.page_code()
    assert ws_model.membership(st, ws.code, code)["display_name"] == "Ana"
    assert f"{PAGES[1].notebook}?workshop={ws.code}&code={code}" in hrefs(panel)
    assert code in text_of(panel) and panel.w_join.disabled
    # the same link again, now with the code: the learner is in, and is told so
    voila(monkeypatch, f"workshop={ws.code}&code={code}")
    again = StartPanel()
    assert again.state == "returning" and said("start.workshop.joined") in text_of(again)


def test_a_closed_or_unknown_workshop_says_so(monkeypatch):
    st = store.open_store()
    ws = ws_model.create_workshop(st, "Day")
    ws_model.Trainer(st, ws.code, ws.secret).close()
    voila(monkeypatch, f"workshop={ws.code}")
    panel = StartPanel()
    assert panel.state == "new" and said("start.workshop.closed") in text_of(panel)
    voila(monkeypatch, "workshop=ZZZZ-ZZZZ")
    assert said("start.workshop.unknown") in text_of(StartPanel())


# --- notices at the top of a page -------------------------------------------------------------
def test_a_page_without_a_code_says_at_the_top_that_nothing_is_saved(monkeypatch):
    voila(monkeypatch, "")
    bar = NavBar(PAGES[2].id, end=False)
    notices = bar.children[-1]
    assert isinstance(notices, PageNotices)
    assert (
        said("notice.not_saved") in text_of(notices) and PAGES[0].notebook in notices.w_notice.value
    )
    assert NavBar(PAGES[0].id, end=False).children[-1].layout.display == "none"  # not at home
    voila(monkeypatch, f"code={CODE}")
    assert PageNotices(PAGES[2].id).layout.display == "none"
    voila(monkeypatch, "code=NOPE")
    notice = text_of(PageNotices(PAGES[2].id))
    assert said("learner.why.invalid_code", example=identity.EXAMPLE) in notice


def test_a_too_long_address_is_reported(monkeypatch):
    voila(monkeypatch, f"code={CODE}&x=" + "a" * 3000)
    assert said("notice.too_long") in text_of(PageNotices(PAGES[2].id))


def test_a_page_opened_from_a_workshop_link_before_joining_offers_to_join(monkeypatch):
    st = store.open_store()
    ws = ws_model.create_workshop(st, "Day")
    voila(monkeypatch, f"workshop={ws.code}&code={CODE}")
    notices = PageNotices(PAGES[3].id)
    assert said("notice.not_joined") in text_of(notices)
    notices.w_join.click()
    assert ws_model.membership(st, ws.code, CODE)
    assert said("notice.joined") in text_of(notices) and notices.w_notice.value == ""
    # without a code: joining makes one, and the page is opened again with it
    voila(monkeypatch, f"workshop={ws.code}")
    notices = PageNotices(PAGES[3].id)
    notices.w_join.click()
    code = identity.page_code()
    assert ws_model.membership(st, ws.code, code)
    assert f"{PAGES[3].notebook}?workshop={ws.code}&code={code}" in hrefs(notices)
    assert "course-goto" in notices.w_status.value


def test_a_paused_join_says_how_long(monkeypatch):
    st = store.open_store()
    ws = ws_model.create_workshop(st, "Day")
    for _ in range(ws_model.MAX_FAILURES):
        st.record_join_failure(CODE)
    voila(monkeypatch, f"workshop={ws.code}&code={CODE}")
    notices = PageNotices(PAGES[3].id)
    notices.w_join.click()
    assert "paused" in notices.w_status.value and "minute" in notices.w_status.value
    assert not ws_model.membership(st, ws.code, CODE)


# --- My data ----------------------------------------------------------------------------------
def test_my_data_exports_resets_and_deletes_and_hides_the_server_path(monkeypatch):
    st = store.open_store()
    answer_whole_quiz(st, PAGES[2].id)
    st.put_doc(CODE, "worksheet", "plan", {"keep": "until delete"})
    voila(monkeypatch, f"code={CODE}")
    panel = MyData(learner.Learner(CODE, "code", store=st))
    assert st.where not in text_of(panel) and said("data.where.server") in text_of(panel)
    link = re.search(r'href="data:application/json;base64,([^"]+)"', panel.w_export.value)
    exported = json.loads(base64.b64decode(link.group(1)))
    assert exported["answers"] and any(d["kind"] == "worksheet" for d in exported["documents"])
    panel.w_reset.click()
    assert panel.w_confirm.layout.display == "flex" and said("progress.confirm.reset") in text_of(
        panel
    )
    panel.w_no.click()
    assert st.answers(CODE) and said("progress.cancelled") in text_of(panel)
    panel.w_reset.click()
    panel.w_yes.click()
    assert st.answers(CODE) == [] and st.docs(CODE, "worksheet")
    panel.w_delete.click()
    panel.w_yes.click()
    assert st.export_learner(CODE)["documents"] == [] and said("progress.done.delete") in text_of(
        panel
    )


def test_my_data_in_jupyterlab_shows_the_file():
    st = store.open_store()
    panel = MyData(learner.Learner(*identity.identify(), store=st))
    assert st.where in text_of(panel)


def test_my_data_without_a_code_says_nothing_is_kept(monkeypatch):
    voila(monkeypatch, "")
    panel = MyData()
    assert said("data.where.nothing") in text_of(panel) and not hasattr(panel, "w_delete")


def test_the_join_step_offers_the_trainers_groups(monkeypatch):
    st = store.open_store()
    ws = ws_model.create_workshop(st, "Day")
    trainer = ws_model.Trainer(st, ws.code, ws.secret)
    trainer.make_groups(2)
    voila(monkeypatch, f"workshop={ws.code}")
    panel = StartPanel()
    assert [label for label, _ in panel.w_group.options][1:] == ["Group 1", "Group 2"]
    panel.w_group.value = "g2"
    panel.w_join.click()
    mine = ws_model.membership(st, ws.code, identity.page_code())
    assert mine["group"] == "g2" and panel.w_group.disabled
    voila(monkeypatch, f"workshop={ws.code}&code={CODE}")
    notices = PageNotices(PAGES[2].id)
    notices.w_group.value = "g1"
    notices.w_join.click()
    assert ws_model.membership(st, ws.code, CODE)["group"] == "g1"
