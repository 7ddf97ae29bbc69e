"""The worksheet view without a browser: fill the steps, autosave, import, example, downloads."""

from __future__ import annotations

import base64
import datetime
import io
import json
import re
import subprocess
import sys

import pytest

import widgets
from widgets import identity, ui
from widgets.learner import Learner
from widgets.planning import loading, model, places, suggestions
from widgets.planning.view import WorksheetView
from widgets.store import Store, StoreError

CODE = "ABCD-EFGH-JKLM"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    yield s
    s.close()


def view(store, code: str | None = CODE, workshop: str | None = None) -> WorksheetView:
    """The worksheet of learner ``code`` (None: no code, nothing saved) in a test store."""
    return WorksheetView(Learner(code, workshop=workshop, store=store))


def add_actor(v: WorksheetView, name: str, type_="ngo", influence=3, interest=3, **kw) -> bool:
    v.actors.w_name.value = name
    v.actors.w_type.value = type_
    v.actors.w_influence.value = influence
    v.actors.w_interest.value = interest
    v.actors.w_alignment.value = kw.get("alignment", 5)
    for k in ("reason", "ask", "contact", "next_action"):
        if k in kw:
            getattr(v.actors, f"w_{k}").value = kw[k]
    if "sensitive" in kw:
        v.actors.w_sensitive.value = kw["sensitive"]
    for k in kw.get("engage", []):
        v.actors.w_engage[k].value = True
    return v.actors.save_actor()


def test_worksheet_function_returns_the_view():
    w = widgets.worksheet()
    assert isinstance(w, WorksheetView)
    assert w.learner == identity.identify()[0]
    assert w.learner.startswith("local-")  # outside Voila


def test_filling_the_steps_updates_the_model_and_saves_the_plan(store):
    v = view(store)
    v.review.w_country.value = "SN"
    v.review.w_committee.value = "CRC"
    v.review.w_procedure.value = "simplified"
    assert [o for _, o in v.review.w_stage.options][1] == "loipr"  # the simplified order
    v.review.w_stage.value = "srp-replies"
    v.review.w_session_date.value = datetime.date(2027, 5, 10)
    v.review.w_themes.value = "Education"
    v.review.w_organisation.value = "Our NGO"
    assert add_actor(v, "Partner NGO", influence=4, interest=5, engage=["before", "after"])
    v.coalition.w_duration.value = "permanent"
    v.coalition.w_scope.value = "regional"
    v.coalition.w_focus.value = "Children"
    v.coalition.members.w_member_name.value = "Our NGO"
    v.coalition.members.w_member_role.value = "lead"
    v.coalition.members.add_member()
    v.coalition.w_covers.value = "Education and health"
    v.coalition.w_decisions.value = "Consensus"
    v.coalition.timeline.add_suggested_milestones()
    (
        v.coalition.timeline.w_ms_text.value,
        v.coalition.timeline.w_ms_when.value,
        v.coalition.timeline.w_ms_who.value,
    ) = "Launch", "May", "Lead"
    v.coalition.timeline.add_milestone()
    assert all(m.date for m in v.model.plan.coalition.timeline[:-1])  # suggested, dated

    p = v.model.plan
    assert (p.review.country, p.review.committee, p.review.stage) == (
        "SN",
        "CRC",
        "srp-replies",
    )
    assert p.review.session_date == "2027-05-10"
    assert p.actors[0].engage == ["before", "after"] and p.actors[0].influence == 4
    assert (p.coalition.duration, p.coalition.scope, p.coalition.focus) == (
        "permanent",
        "regional",
        "Children",
    )
    assert p.coalition.members[0].role == "lead"
    assert p.coalition.timeline[-1].milestone == "Launch"
    saved = store.get_doc(CODE, "worksheet", "plan")
    assert saved == p.to_json_dict()
    # another visit with the same code brings the plan back
    again = view(store)
    assert again.model.plan == p
    assert (
        again.review.w_committee.value == "CRC"
        and again.coalition.w_covers.value == "Education and health"
    )
    assert "Partner NGO" in again.actors.w_actors.options[0][0]


def test_without_a_code_it_works_but_says_nothing_is_saved(store):
    v = view(store, code=None)
    assert ui.t("learner.why.no_code") in v.w_learner.value
    assert add_actor(v, "Somebody")
    assert v.model.plan.actors[0].name == "Somebody"
    assert store.query("SELECT COUNT(*) FROM documents")[0][0] == 0


def test_a_failed_save_is_reported(store, monkeypatch):
    v = view(store)
    working = store.put_doc

    full = StoreError("unavailable", "X")

    def broken(*a, **k):
        raise full

    monkeypatch.setattr(store, "put_doc", broken)
    assert add_actor(v, "Kept in the page")
    assert ui.t("learner.page_only") in v.w_learner.value  # kept on the page, and said so
    assert v.model.plan.actors[0].name == "Kept in the page"
    monkeypatch.setattr(store, "put_doc", working)
    assert add_actor(v, "Saved again")
    assert ui.t("learner.saved_again") in v.w_learner.value
    assert ui.t("ws.save.saved") in v.w_save.value
    assert [a["name"] for a in store.get_doc(CODE, "worksheet", "plan")["actors"]] == [
        "Kept in the page",
        "Saved again",
    ]


def test_duplicate_and_too_long_input_show_a_message_and_change_nothing(store):
    v = view(store)
    assert add_actor(v, "Same")
    assert not add_actor(v, " same ")
    assert "already an actor" in v.w_status.value and len(v.model.plan.actors) == 1
    assert 'role="alert"' in v.w_status.value  # an error is announced at once
    v.review.w_themes.value = "x" * (model.TEXT_MAX + 1)
    assert f"at most {model.TEXT_MAX} characters" in v.w_status.value
    assert v.model.plan.review.themes == ""
    assert store.get_doc(CODE, "worksheet", "plan")["review"]["themes"] == ""


def test_edit_and_remove_actors_and_the_map_redraws(store):
    v = view(store)
    assert ui.escape(ui.t("ws.map.empty")) in v.actors.w_map.value
    add_actor(v, "Alpha", influence=5, interest=5)
    add_actor(v, "Beta", influence=1, interest=1)
    assert "1. Alpha" in v.actors.w_map.value and "2. Beta" in v.actors.w_map.value
    v.actors.w_view.value = "power"  # the classic influence-interest view
    assert v.model.plan.map_view == "power"
    text = v.actors.w_map.value.split(ui.t("ws.map.text"))[1]
    first, *_, last = places.quadrants("power")  # top right first, bottom left last
    assert text.index(first.label) < text.index("Alpha") < text.index(last.label)
    v.actors.w_actors.value = 1
    v.actors.edit_actor()
    assert v.actors.w_name.value == "Beta" and v.actors.w_add.description == ui.t("ws.actors.save")
    v.actors.w_influence.value = 5
    v.actors.w_name.value = "Beta renamed"
    assert v.actors.save_actor()
    assert v.model.plan.actors[1].name == "Beta renamed"
    keep_satisfied = places.quadrants("power")[1].id  # influence high, interest low
    assert places.placement(v.model.plan.actors[1], "power") == [keep_satisfied]
    assert "Beta renamed" in v.actors.w_map.value
    assert v.actors.w_add.description == ui.t("ws.actors.add")
    v.actors.w_actors.value = 0
    v.actors.remove_actor()
    assert [a.name for a in v.model.plan.actors] == ["Beta renamed"]
    assert "Alpha" not in v.actors.w_map.value


def test_hostile_text_is_shown_as_text(store):
    v = view(store)
    v.review.w_committee.value = "CAT"
    v.review.w_organisation.value = XSS
    add_actor(v, XSS)
    for html in (v.actors.w_map.value, v.export.w_summary.value, v.w_status.value):
        assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in v.export.w_summary.value


def test_steps_show_one_box_at_a_time(store):
    v = view(store)
    shown = [b.layout.display for b in v.steps]
    assert shown == ["", "none", "none", "none"] and v.w_back.disabled
    v.w_next.click()
    assert [b.layout.display for b in v.steps] == ["none", "", "none", "none"]
    v.w_steps.value = 3
    assert [b.layout.display for b in v.steps] == ["none", "none", "none", ""]
    assert v.w_next.disabled


def test_summary_lists_suggestions_with_their_course_section(store):
    v = view(store)
    v.review.w_committee.value = "CED"
    html = v.export.w_summary.value
    assert "OHCHR" in html
    assert re.search(r'href="03_tbnet.ipynb"[^>]*>TB-Net and the NGOs', html)


def _upload(v: WorksheetView, data: bytes, name="plan.json"):
    v.w_upload.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
        },
    )


def test_upload_imports_a_plan_and_refuses_a_bad_one(store):
    v = view(store)
    add_actor(v, "Mine")
    before = v.model.plan.model_copy(deep=True)
    _upload(v, b"{not json")
    assert "not a JSON plan" in v.w_status.value and v.model.plan == before
    assert v.w_upload.value == ()
    _upload(v, b'{"schema_version": 9, "review": {}, "actors": []}')
    assert "format version 9" in v.w_status.value and v.model.plan == before
    _upload(v, b"x" * (model.MAX_IMPORT_BYTES + 1))
    assert "too large" in v.w_status.value and v.model.plan == before
    good = loading.example_plan().to_json_dict()
    _upload(v, json.dumps(good).encode(), name="ours.json")
    assert ui.t("ws.import.done", name="ours.json") in v.w_status.value
    assert v.model.plan == loading.example_plan()
    assert v.review.w_committee.value == "CRC"
    assert store.get_doc(CODE, "worksheet", "plan") == good


def test_example_asks_before_replacing_a_plan(store):
    empty = view(store, code=None)
    empty.w_example.click()
    assert empty.model.plan == loading.example_plan()
    v = view(store)
    add_actor(v, "Precious work")
    v.w_example.click()
    assert v.model.plan.actors[0].name == "Precious work"
    assert "replaces your current plan" in v.w_status.value
    assert v.w_example.description == "Replace my plan with the example"
    v.w_example.click()
    assert v.model.plan == loading.example_plan()
    assert v.w_example.description == "Load the example plan"


def test_downloads_are_data_links_and_go_stale_on_change(store):
    from docx import Document

    v = view(store)
    v.load_example()
    v.export.w_prepare.click()
    html = v.export.w_downloads.value
    links = dict(re.findall(r'download="([^"]+)"[^>]*href="data:[^;]+;base64,([^"]+)"', html))
    assert set(links) == {
        "coalition-plan.docx",
        "coalition-plan.xlsx",
        "coalition-plan-for-sharing.docx",
        "coalition-plan-for-sharing.xlsx",
        "coalition-plan-actors.csv",
        "coalition-plan.md",
        "coalition-plan.json",
    }
    doc = Document(io.BytesIO(base64.b64decode(links["coalition-plan.docx"])))
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert loading.example_plan().actors[0].name in cells
    assert not v.export.w_prepare.disabled and v.export.w_prepare.description == "Prepare the files"
    plan = loading.plan_from_json(base64.b64decode(links["coalition-plan.json"]))
    assert plan == v.model.plan
    v.review.w_themes.value = "Something else"
    assert "data:" not in v.export.w_downloads.value and "changed" in v.export.w_downloads.value


@pytest.mark.parametrize(
    "saved",
    [
        {"schema_version": 1, "actors": "nonsense"},
        {"schema_version": 3, "review": {}, "actors": []},
    ],
)
def test_an_unreadable_saved_plan_is_reported_and_never_overwritten(store, saved):
    store.put_doc(CODE, "worksheet", "plan", saved)
    v = view(store)
    assert v.model.plan == model.Plan()
    assert ui.t("ws.save.blocked", detail="").split("(")[0] in v.w_save.value
    assert add_actor(v, "New work")  # the page still works...
    assert store.get_doc(CODE, "worksheet", "plan") == saved  # ...but does not save over it
    v.clear()
    v.clear()  # the learner chose to start again: saving resumes
    add_actor(v, "Fresh start")
    assert store.get_doc(CODE, "worksheet", "plan")["actors"][0]["name"] == "Fresh start"


def test_the_page_stays_light_until_files_are_prepared():
    code = (
        "import sys, widgets\n"
        "v = widgets.worksheet()\n"
        "v.load_example()\n"
        "heavy = [m for m in ('matplotlib', 'pandas', 'docx', 'openpyxl') if m in sys.modules]\n"
        "print(','.join(heavy) or 'light')\n"
        "v.export.prepare_downloads()\n"
        "print('docx' in sys.modules and 'matplotlib' not in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert out == ["light", "True"]


def test_clear_asks_then_empties_the_plan_and_deletes_the_saved_copy(store):
    v = view(store)
    add_actor(v, "To forget")
    assert store.get_doc(CODE, "worksheet", "plan") is not None
    v.w_clear.click()
    assert v.model.plan.actors and "deletes your saved plan" in v.w_status.value
    v.w_example.click()  # another action cancels the pending confirmation
    assert v.w_clear.description == "Clear my plan"
    v.w_clear.click()
    v.w_clear.click()
    assert v.model.plan == model.Plan()
    assert store.get_doc(CODE, "worksheet", "plan") is None
    assert "cleared" in v.w_status.value and v.actors.w_actors.options == ()


def test_preparing_shows_a_busy_state_while_it_works(store, monkeypatch):
    from widgets.planning import export

    v = view(store)
    v.load_example()
    seen = []

    def slow(plan, **kw):
        seen.append(
            (v.export.w_prepare.disabled, v.export.w_prepare.description, v.export.w_progress.value)
        )
        return []

    monkeypatch.setattr(export, "all_files", slow)
    v.export.prepare_downloads()
    disabled, label, progress = seen[0]
    assert disabled and label == "Preparing…" and "Preparing your files" in progress
    assert not v.export.w_prepare.disabled


def test_a_failing_export_says_so_and_keeps_the_plan(store, monkeypatch):
    from widgets.planning import export

    v = view(store)
    v.load_example()
    before = v.model.plan

    def broken(plan, **kw):
        raise ValueError("boom")

    monkeypatch.setattr(export, "all_files", broken)
    v.export.prepare_downloads()
    assert "could not be prepared" in v.export.w_progress.value and v.model.plan == before


def test_members_are_picked_from_the_map_and_the_timeline_shows_every_entry(store):
    v = view(store)
    add_actor(v, "Mapped partner")
    assert ("Mapped partner", "Mapped partner") in v.coalition.members.w_member_pick.options
    v.coalition.members.w_member_pick.value = "Mapped partner"
    assert v.coalition.members.w_member_name.value == "Mapped partner"
    v.coalition.members.add_member()
    assert v.model.plan.coalition.members[0].name == "Mapped partner"
    for i in range(12):
        v.coalition.timeline.w_ms_text.value = f"Step {i}"
        v.coalition.timeline.add_milestone()
    assert (
        v.coalition.timeline.w_timeline.rows >= 12
    )  # no dated entry hidden behind a scroll of 6 rows


def test_the_spt_is_not_offered_and_the_ced_has_no_procedure(store):
    v = view(store)
    assert "SPT" not in [value for _, value in v.review.w_committee.options]
    assert "APT" in v.review.w_committee_note.value
    v.review.w_committee.value = "CED"
    assert v.review.w_procedure.layout.display == "none"
    assert [o for _, o in v.review.w_stage.options][1:] == model.stages_for("CED", "")
    assert "no periodic cycle" in v.review.w_procedure_help.value


def test_share_appears_once_a_plan_exists_and_confirms_in_plain_words(store):
    from widgets.planning.steps.share import describe_shared

    v = view(store, workshop="WORK-SHOP")
    v.export.share.refresh()
    assert v.export.share.layout.display == "none"  # no plan yet
    add_actor(v, "Partner", type_="nhri")
    assert v.export.share.layout.display == ""
    words = describe_shared(
        {
            "actor_types": {"nhri": 1, "ngo-network": 2},
            "coalition": {"duration": "ad-hoc", "scope": "national"},
        }
    )
    assert "NHRI" in words and "NGO network" in words and "ngo-network" not in words
    assert "ad-hoc" not in words.replace("ad hoc", "")


def test_snapshots_in_the_page(store):
    v = view(store)
    add_actor(v, "Mover", interest=2)
    v.actors.snapshots.w_snap_name.value = "Start"
    v.actors.snapshots.take_snapshot()
    v.model.update_actor(0, interest=5)
    v.editor.changed()
    v.actors.snapshots.w_snap_a.value, v.actors.snapshots.w_snap_b.value = 0, -1
    v.actors.snapshots.compare_snapshots()
    assert (
        "Mover moved" in v.actors.snapshots.w_snap_result.value
        and "interest 5" in v.actors.snapshots.w_snap_result.value
    )


def test_the_page_checks_the_upload_size_with_the_model_limit():
    from pathlib import Path

    js = (
        Path(__file__).resolve().parents[2]
        / "share/jupyter/voila/templates/course/static/course.js"
    ).read_text(encoding="utf-8")
    assert f"WORKSHEET_MAX_IMPORT_BYTES = {model.MAX_IMPORT_BYTES};" in js


def test_hiding_one_field_never_hides_another(store):
    v = view(store)
    layouts = [w.layout for w in v.steps[0].children] + [w.layout for w in v.steps[1].children]
    assert len({id(x) for x in layouts}) == len(layouts)
    assert (
        v.actors.snapshots.w_snap_a.layout.display == "none"
        and v.review.w_country.layout.display != "none"
    )


def test_a_plan_saved_in_format_1_opens_upgraded_and_keeps_saving(store):
    from tests.unit.test_worksheet_model import v1_plan

    v1 = v1_plan()
    store.put_doc(CODE, "worksheet", "plan", v1)
    v = view(store)
    assert [a.name for a in v.model.plan.actors] == ["Ally", "Foe"]
    assert v.model.plan.actors[0].position == "ally" and "error" not in v.w_save.value
    add_actor(v, "New partner")
    assert store.get_doc(CODE, "worksheet", "plan")["schema_version"] == 2


def test_the_top_five_suggestions_come_first_and_the_rest_is_folded(store):
    v = view(store)
    v.review.w_committee.value = "CRC"
    html = v.export.w_summary.value
    top, rest = html.split("<details>")
    assert top.count("<li><p>") == suggestions.TOP
    assert (
        ui.tn("ws.suggestions.more", len(suggestions.suggestions(v.model.plan)) - suggestions.TOP)
        in rest
        and rest.count("<li><p>") == len(suggestions.suggestions(v.model.plan)) - suggestions.TOP
    )
    assert f"{ui.t('ws.export.why')}:" in top and ui.t("ws.suggestions.from") in top


def test_the_desired_position_can_be_set_and_cleared(store):
    v = view(store)
    assert v.actors.w_goal_interest.label == "(no change planned)"
    v.actors.w_goal_interest.value = 5
    add_actor(v, "Mover", interest=2)
    assert v.model.plan.actors[0].goal_interest == 5 and v.model.plan.actors[0].moves()
    assert v.actors.w_goal_interest.value == 0  # the form is empty again
    v.actors.edit_actor(0)
    assert v.actors.w_goal_interest.value == 5 and v.actors.w_goal_alignment.value == 0
    v.actors.w_goal_interest.value = 0
    v.actors.save_actor()
    assert v.model.plan.actors[0].goal_interest is None


def test_sharing_from_the_worksheet_reaches_the_workshop_in_plain_words(store):
    from widgets.workshop import model as workshop

    created = workshop.create_workshop(store, "Test workshop")
    v = view(store, workshop=created.code)
    v.load_example()
    v.export.share.refresh()
    assert v.export.share.layout.display == ""
    assert (
        v.export.share.share() is None and "Join" in v.export.share.w_status.value
    )  # not joined yet
    workshop.join(store, created.code, CODE, "Ana")
    summary = v.export.share.share()
    assert summary and store.shared_summaries(created.code)
    said = v.export.share.w_status.value
    assert "8 actors" in said and "NGO network" in said
    for internal in ("ngo-network", "tbnet-member", "ad-hoc", CODE, created.code):
        assert internal not in said
    names = [a.name for a in v.model.plan.actors]
    assert not any(n in repr(store.shared_summaries(created.code)) for n in names)
    v.export.share.withdraw()
    assert store.shared_summaries(created.code) == {}


def test_a_plan_can_start_where_the_running_case_ended(store):
    from widgets import content

    start = content.load().case.plan_start
    v = view(store)
    v.load_case()
    plan = v.model.plan
    assert (plan.review.committee, plan.review.procedure, plan.review.stage) == (
        start.committee,
        start.procedure,
        start.stage,
    )
    assert [a.type for a in plan.actors] == list(start.actor_types)
    assert (plan.coalition.duration, plan.coalition.scope) == (start.duration, start.scope)
    assert "Riverland" in v.w_status.value
    v.load_example()  # replacing a plan asks first
    assert v.model.plan.actors[0].type == start.actor_types[0]
    assert "replaces your current plan" in v.w_status.value


def test_a_store_that_cannot_be_opened_keeps_the_plan_on_the_page_until_it_can(store):
    """The view leaves the store to the learner context: it says why, and saves when it can."""
    tries = []

    def opener():
        tries.append(1)
        if len(tries) == 1:
            raise StoreError("unavailable", detail="unable to open database file")
        return store

    v = WorksheetView(Learner(CODE, opener=opener))
    assert ui.t("learner.why.unavailable") in v.w_learner.value
    assert add_actor(v, "Kept until the store is back")
    assert store.get_doc(CODE, "worksheet", "plan")["actors"][0]["name"] == (
        "Kept until the store is back"
    )
    assert ui.t("learner.saved_again") in v.w_learner.value and len(tries) == 2
