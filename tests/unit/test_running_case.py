"""The running case: its data, the model's choices and summary, and the view's saved choices."""

from __future__ import annotations

from html import unescape

import pytest

from tests.unit.conftest import edit_yaml
from widgets import content, store, ui
from widgets import learner as learner_mod
from widgets.running_case import model
from widgets.running_case.view import CaseView

CODE = "CASE-TEST-4444"


def learner(st=None) -> learner_mod.Learner:
    return learner_mod.Learner(CODE, "code", store=st)


def test_the_case_runs_from_page_2_to_page_5_with_one_best_choice_each():
    c = content.load()
    assert [s.section for s in c.case.steps] == ["coalitions", "tbnet", "nhri", "national-actors"]
    for s in c.case.steps:
        assert sum(o.best for o in s.options) == 1 and len(s.options) >= 3
        assert all(o.consequence and o.reason for o in s.options)
    # it uses what the course teaches: a committee with a TB-Net member, and that member
    assert c.committee("CRC").name in c.case.intro and c.members_for("CRC")
    best_help = next(o for o in c.case.step("help").options if o.best)
    assert c.members_for("CRC")[0].name in best_help.text


def test_a_case_step_needs_exactly_one_best_option(data_copy):
    edit_yaml(data_copy / "case.yaml", lambda d: d["steps"][0]["options"][1].update(best=True))
    with pytest.raises(content.ContentError, match="exactly one option must be marked best"):
        content.load_from(data_copy)


def test_model_records_every_try_and_sums_up():
    state = model.CaseState()
    assert not state.choose("organise", "separate").best
    assert state.choose("organise", "joint").best
    assert state.choose("help", "child-rights-connect").best
    rows = {r.step.id: r for r in model.summary(state)}
    assert rows["organise"].status == "best-later"
    assert rows["help"].status == "best-first"
    assert rows["nhri"].status == "open"
    again = model.CaseState.from_doc(state.to_doc())
    assert again.tries == {"organise": ["separate", "joint"], "help": ["child-rights-connect"]}
    with pytest.raises(KeyError):
        state.choose("organise", "no-such-option")


def test_unknown_or_broken_saved_choices_are_dropped():
    doc = {"tries": {"organise": ["joint", "gone", 3], "no-step": ["x"], "help": "bad"}}
    assert model.CaseState.from_doc(doc).tries == {"organise": ["joint"]}
    assert model.CaseState.from_doc("not a doc").tries == {}


def test_view_shows_consequence_and_reason_and_keeps_choices_after_a_reload():
    st = store.open_store()
    v = CaseView("coalitions", learner(st))
    assert content.load().case.intro in unescape(v.w_head.value)  # the first page has the intro
    v.decide("organise")
    assert ui.t("case.choose_first") in v.w_outcome["organise"].value
    v.w_choice["organise"].value = "separate"
    v.decide("organise")
    step = content.load().case.step("organise")
    out = v.w_outcome["organise"].value
    assert "✗" in out and step.option("separate").reason.split(".")[0] in out
    assert v.w_choice["organise"].disabled and v.w_again["organise"].layout.display == ""
    v.w_again["organise"].click()
    assert v.w_choice["organise"].value is None and not v.w_choice["organise"].disabled
    v.w_choice["organise"].value = "joint"
    v.w_decide["organise"].click()
    assert "✓" in v.w_outcome["organise"].value

    reloaded = CaseView("coalitions", learner(st))  # a new page on the same store
    assert reloaded.w_choice["organise"].value == "joint"
    assert "✓" in reloaded.w_outcome["organise"].value
    assert st.get_doc(CODE, "case", "choices")["tries"]["organise"] == ["separate", "joint"]


def test_the_last_page_sums_up_every_decision():
    st = store.open_store()
    first = CaseView("coalitions", learner(st))
    first.w_choice["organise"].value = "joint"
    first.decide("organise")
    last = CaseView("national-actors", learner(st))
    assert (
        ui.escape(ui.t("case.status.open")) in last.w_summary.value
    )  # steps 2 and 3 are still open
    help_best = next(o for o in content.load().case.step("help").options if o.best)
    assert help_best.reason not in last.w_summary.value  # no spoiler before a decision
    last.w_choice["map"].value = "grid"
    last.decide("map")
    summary = last.w_summary.value
    assert summary.count("<tr>") == 1 + len(content.load().case.steps)
    assert ui.escape(ui.t("case.status.best-first")) in summary
    assert "worksheet" in summary  # the ending points to the plan


def test_without_a_code_nothing_is_saved_and_the_page_says_so():
    v = CaseView("tbnet", learner_mod.Learner(None))
    assert ui.t("learner.why.no_code") in v.w_notice.value
    v.w_choice["help"].value = "apt"
    assert not v.decide("help").best


def test_the_case_ending_gives_the_worksheet_a_valid_start(data_copy):
    start = content.load().case.plan_start
    simplified = content.load().worksheet.procedure("simplified")
    assert start.committee == "CRC" and start.stage in simplified.stages  # the case's procedure
    edit_yaml(data_copy / "case.yaml", lambda d: d["plan_start"].update(stage="no-stage"))
    with pytest.raises(content.ContentError, match="case plan_start: unknown stage 'no-stage'"):
        content.load_from(data_copy)
