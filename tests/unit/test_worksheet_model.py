"""The worksheet's plan model: limits, duplicates, import checks and the suggestion rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.conftest import edit_yaml
from widgets import content
from widgets.planning import export, loading, model, places, snapshots, suggestions
from widgets.planning.model import PlanError
from widgets.planning.worksheet import Worksheet

ROOT = Path(__file__).resolve().parents[2]
XSS = "<img src=x onerror=alert(1)>"


def _ws_with(**review) -> Worksheet:
    w = Worksheet()
    if review:
        w.set_review(**review)
    return w


def _rules(plan):
    return [s.rule for s in suggestions.suggestions(plan)]


# --- plan shape and limits -------------------------------------------------------------------
def test_plan_json_has_the_shape_the_dashboard_reads():
    w = _ws_with(committee="CRC", stage="session", country="KE")
    w.add_actor(name="A", type="nhri", influence=4, interest=2, alignment=5, engage=["after"])
    w.add_member("A", "lead")
    d = w.plan.to_json_dict()
    assert d["schema_version"] == model.SCHEMA_VERSION == 2
    assert {"committee", "stage", "country"} <= d["review"].keys()
    actor = d["actors"][0]
    assert {"name", "type", "influence", "interest", "alignment", "engage"} <= actor.keys()
    assert {"reason", "ask", "contact", "responsible", "next_action", "next_date"} <= actor.keys()
    assert {"priority", "sensitive", "goal_influence", "goal_interest", "goal_alignment"} <= (
        actor.keys()
    )
    assert actor["type"] == "nhri" and actor["engage"] == ["after"]
    assert d["coalition"]["duration"] in ("ad-hoc", "permanent")
    assert d["coalition"]["scope"] in ("local", "national", "regional", "international")
    assert {"focus", "members"} <= d["coalition"].keys()
    json.dumps(d)  # JSON-ready


def test_actor_catalogue_matches_the_course():
    ids = [t.id for t in content.load().worksheet.actor_types]
    assert ids == [
        "ngo",
        "ngo-network",
        "tbnet-member",
        "nhri",
        "nmrf",
        "unct",
        "trade-union",
        "parliament",
        "judiciary",
        "diplomats",
        "specialised",
        "media",
        "other",
    ]


@pytest.mark.parametrize(
    "action",
    [
        lambda w: w.add_actor(name="x" * (model.NAME_MAX + 1), type="ngo"),
        lambda w: w.add_actor(name="   ", type="ngo"),
        lambda w: w.add_actor(name="ok", type="no-such-type"),
        lambda w: w.add_actor(name="ok", type="ngo", influence=6),
        lambda w: w.add_actor(name="ok", type="ngo", interest=0),
        lambda w: w.add_actor(name="ok", type="ngo", alignment=6),
        lambda w: w.add_actor(name="ok", type="ngo", priority="urgent"),
        lambda w: w.add_actor(name="ok", type="ngo", sensitive="yes"),
        lambda w: w.add_actor(name="ok", type="ngo", next_date="31/12/2027"),
        lambda w: w.set_review(committee="SPT"),
        lambda w: w.set_review(procedure="simplified", stage="list-of-issues"),
        lambda w: w.add_actor(name="ok", type="ngo", engage=["tomorrow"]),
        lambda w: w.set_review(themes="t" * (model.TEXT_MAX + 1)),
        lambda w: w.set_review(organisation="o" * (model.TEXT_MAX + 1)),
        lambda w: w.set_review(committee="XYZ"),
        lambda w: w.set_review(country="QQ"),
        lambda w: w.set_review(stage="lunch"),
        lambda w: w.set_coalition(covers="c" * (model.LONG_MAX + 1)),
        lambda w: w.set_coalition(decisions="d" * (model.LONG_MAX + 1)),
        lambda w: w.set_coalition(focus="f" * (model.TEXT_MAX + 1)),
        lambda w: w.set_coalition(duration="forever"),
        lambda w: w.set_coalition(scope="galactic"),
        lambda w: w.add_member("m" * (model.NAME_MAX + 1)),
        lambda w: w.add_member("ok", "king"),
        lambda w: w.add_milestone("x" * (model.TEXT_MAX + 1)),
        lambda w: w.add_milestone(""),
    ],
)
def test_bad_input_is_refused_and_the_plan_is_unchanged(action):
    w = _ws_with(committee="CAT", themes="torture")
    w.add_actor(name="Kept", type="ngo")
    before = w.plan.model_copy(deep=True)
    with pytest.raises(PlanError) as err:
        action(w)
    assert str(err.value)  # a message for people
    assert "pydantic" not in str(err.value) and "errors.pydantic" not in str(err.value)
    assert w.plan == before


def test_length_message_names_the_field_and_limit():
    w = Worksheet()
    with pytest.raises(PlanError, match=r"Name: at most 120 characters"):
        w.add_actor(name="x" * 121, type="ngo")


def test_control_characters_are_dropped_and_spaces_trimmed():
    w = Worksheet()
    a = w.add_actor(name="  Bad\x00\x1b name\n ", type="ngo", notes="a\tb")
    assert a.name == "Bad name" and a.notes == "a\tb"
    b = w.add_actor(name="Right\u202eto\u2066left\ud800", type="ngo")
    assert b.name == "Righttoleft"  # direction overrides, isolates and lone surrogates go


@pytest.mark.parametrize(
    "typed",
    [
        "می\u200cخواهم",  # Persian with a zero-width non-joiner
        "क्\u200dष",  # Devanagari with a zero-width joiner
        "\U0001f3f3\ufe0f\u200d\U0001f308",  # a flag emoji sequence joined by ZWJ
        "\u200fשלום\u200e and more",  # direction marks that belong to the text
        "\tIndented name",  # a leading tab
        "ไทย\u200bภาษา",  # Thai with a zero-width space between words
    ],
)
def test_text_is_kept_as_typed(typed):
    w = Worksheet()
    assert w.add_actor(name=typed, type="ngo").name == typed
    w.set_review(themes=typed)
    assert w.plan.review.themes == typed
    again = loading.plan_from_json(export.to_json(w.plan))
    assert again.actors[0].name == typed
    w.set_coalition(covers="line one\r\nline two")
    assert w.plan.coalition.covers == "line one\nline two"


@pytest.mark.parametrize("dupe", ["Same NGO", "same ngo", "  SAME   NGO ", "Ｓame NGO"])
def test_duplicate_actor_names_are_refused(dupe):
    w = Worksheet()
    w.add_actor(name="Same NGO", type="ngo")
    with pytest.raises(PlanError, match="already an actor called 'Same NGO'"):
        w.add_actor(name=dupe, type="media")
    assert len(w.plan.actors) == 1


def test_editing_checks_duplicates_against_the_others_only():
    w = Worksheet()
    w.add_actor(name="One", type="ngo")
    w.add_actor(name="Two", type="ngo")
    w.update_actor(0, name="one", influence=5)  # its own name, other case: fine
    assert w.plan.actors[0].name == "one" and w.plan.actors[0].influence == 5
    with pytest.raises(PlanError):
        w.update_actor(0, name="TWO")
    assert [a.name for a in w.plan.actors] == ["one", "Two"]
    w.remove_actor(0)
    assert [a.name for a in w.plan.actors] == ["Two"]


def test_duplicate_members_are_refused_and_engage_is_ordered():
    w = Worksheet()
    w.add_member("Org", "lead")
    with pytest.raises(PlanError):
        w.add_member(" org ")
    a = w.add_actor(name="A", type="ngo", engage=["after", "before", "after"])
    assert a.engage == ["before", "after"]


def test_quadrants_are_equal_and_3_is_the_middle_not_high():
    ids = [q.id for q in content.load().mapping.grid.quadrants]
    assert ids == ["manage-closely", "keep-satisfied", "keep-informed", "monitor"]

    def q(inf, intr, view="power", al=3):
        a = model.Actor(name="x", type="ngo", influence=inf, interest=intr, alignment=al)
        return places.placement(a, view)

    assert q(5, 5) == q(4, 4) == ["manage-closely"]
    assert q(5, 1) == q(4, 2) == ["keep-satisfied"]
    assert q(1, 5) == q(2, 4) == ["keep-informed"]
    assert q(1, 1) == q(2, 2) == ["monitor"]
    assert set(q(3, 5)) == {"manage-closely", "keep-informed"}  # on the line, not "high"
    assert len(q(3, 3)) == 4
    # the matrix view: alignment across, interest up
    assert q(1, 5, "aiim", al=5) == ["work-together"]
    assert q(1, 5, "aiim", al=1) == ["change-minds"]
    assert q(1, 1, "aiim", al=5) == ["raise-awareness"]
    # equal halves: as many ratings on each side of the line
    assert [v for v in range(1, 6) if v > places.MIDDLE] == [4, 5]
    assert [v for v in range(1, 6) if v < places.MIDDLE] == [1, 2]


def test_suggested_milestones_come_from_the_stage_and_are_not_repeated():
    w = Worksheet()
    with pytest.raises(PlanError):
        w.add_suggested_milestones()
    w.set_review(stage="follow-up", session_date="2027-06-01")
    w.add_member("Lead NGO", "lead")
    w.add_milestone("Meet national actors in charge of the follow-up", date="2027-09-01")
    n = w.add_suggested_milestones()
    expected = content.load().worksheet.stage("follow-up").milestones
    assert n == len(expected) - 1  # the learner's own "meet the national actors" is not repeated
    timeline = w.plan.coalition.timeline
    assert all(m.date and m.who == "Lead NGO" for m in timeline if m.stage == "follow-up")
    assert [m.date for m in timeline] == sorted(m.date for m in timeline)  # sorted by date
    assert w.add_suggested_milestones() == 0


# --- suggestions -----------------------------------------------------------------------------
def test_without_committee_the_first_suggestion_asks_for_one():
    s = suggestions.suggestions(model.Plan())
    assert s[0].rule == "no_committee"
    assert "no_actors" in _rules(model.Plan())


@pytest.mark.parametrize(
    "committee, contact",
    [
        ("CRC", "Child Rights Connect"),
        ("CEDAW", "IWRAW Asia Pacific"),
        ("CCPR", "Centre for Civil and Political Rights"),
        ("CESCR", "Global Initiative for Economic, Social and Cultural Rights"),
        ("CRPD", "International Disability Alliance"),
        ("CERD", "IMADR"),
        ("CAT", "World Organisation Against Torture (OMCT)"),
    ],
)
def test_tbnet_member_for_the_committee(committee, contact):
    s = [
        x
        for x in suggestions.suggestions(_ws_with(committee=committee).plan)
        if x.rule == "tbnet_member"
    ]
    assert len(s) == 1 and contact in s[0].text and committee in s[0].text
    assert s[0].section == "tbnet" and s[0].section_title == content.load().page("tbnet").title


@pytest.mark.parametrize("committee", ["CMW", "CED"])
def test_cmw_and_ced_point_to_the_ohchr_secretariat(committee):
    s = suggestions.suggestions(_ws_with(committee=committee).plan)
    rules = [x.rule for x in s]
    assert "tbnet_member" not in rules and "no_dedicated_ngo" in rules
    text = next(x.text for x in s if x.rule == "no_dedicated_ngo")
    assert "OHCHR" in text and "secretariat" in text.lower()


def test_torture_prevention_points_to_omct_and_apt():
    cat = suggestions.suggestions(_ws_with(committee="CAT").plan)
    assert any("OMCT" in x.text for x in cat)
    assert any(
        x.rule == "other_ngo" and "Association for the Prevention of Torture" in x.text for x in cat
    )
    with pytest.raises(PlanError, match="reviews no reports"):
        _ws_with(committee="SPT")
    note = content.load().worksheet.committee_notes["SPT"].text
    assert "APT" in note and "national preventive mechanism" in note


def test_missing_nhri_is_suggested_until_mapped():
    w = _ws_with(committee="CRC")
    s = next(x for x in suggestions.suggestions(w.plan) if x.rule == "nhri_missing")
    assert s.section == "nhri" and "independent" in s.text
    w.add_actor(name="Our NHRI", type="nhri")
    assert "nhri_missing" not in _rules(w.plan)


def test_national_actors_for_the_stage_come_from_actors_yaml():
    national = {a.id: a for a in content.load().national_actors}
    before = suggestions.suggestions(_ws_with(stage="state-report").plan)
    after = suggestions.suggestions(_ws_with(stage="follow-up").plan)
    for actor_id in ("nmrf", "parliament", "media", "unct", "trade-unions", "judiciary"):
        a = national[actor_id]
        assert any(x.rule == "national_actor" and a.before in x.text for x in before), actor_id
        assert any(x.rule == "national_actor" and a.after in x.text for x in after), actor_id
    w = _ws_with(stage="follow-up")
    w.add_actor(name="Parliament's human rights committee", type="parliament")
    texts = [x.text for x in suggestions.suggestions(w.plan)]
    assert not any(national["parliament"].after in t for t in texts)


def test_a_coalition_of_one_is_asked_to_broaden():
    w = Worksheet()
    assert "coalition_of_one" in _rules(w.plan)
    w.add_member("Us", "lead")
    assert "coalition_of_one" in _rules(w.plan)
    w.add_member("Them", "drafting")
    assert "coalition_of_one" not in _rules(w.plan)


def test_stage_actions_fit_the_stage_and_committee():
    def actions(committee, stage):
        plan = _ws_with(committee=committee, stage=stage).plan
        return [x.text for x in suggestions.suggestions(plan) if x.rule == "stage_action"]

    assert any("one year" in t for t in actions("CCPR", "follow-up"))
    assert not any("one year" in t for t in actions("CRC", "follow-up"))
    assert any("10,000 words" in t for t in actions("CCPR", "state-report"))
    assert not any("10,000 words" in t for t in actions("CESCR", "srp-replies"))
    assert any("informally" in t for t in actions("CERD", "session"))
    assert any("pre-sessional" in t for t in actions("CRC", "session"))
    assert not any("formal oral briefings" in t for t in actions("CRC", "session"))
    assert any("list of issues" in t for t in actions("CRC", "list-of-issues"))


def test_every_suggestion_cites_a_course_section_and_known_sources():
    c = content.load()
    pages = {p.id for p in c.outline.pages}
    sources = {s.id for s in c.sources}
    for committee in [tb.acronym for tb in c.treaty_bodies] + [""]:
        if committee in c.worksheet.no_review:
            continue
        for stage in model.stages_for(committee, "") + [""]:
            for s in suggestions.suggestions(_ws_with(committee=committee, stage=stage).plan):
                assert s.why and "{" not in s.why
                assert s.section in pages and s.section_title
                assert s.sources and set(s.sources) <= sources
                assert "{" not in s.text  # every placeholder filled


def test_suggestion_text_is_driven_by_course_data(data_copy, monkeypatch):
    edit_yaml(
        data_copy / "worksheet.yaml",
        lambda doc: doc["suggestions"]["coalition_of_one"].__setitem__(
            "text", "Changed rule text with {count} member(s)."
        ),
    )
    monkeypatch.setenv("COURSE_DATA_DIR", str(data_copy))
    texts = [s.text for s in suggestions.suggestions(model.Plan())]
    assert "Changed rule text with 0 member(s)." in texts


# --- example, import and export round trip ---------------------------------------------------
def test_example_plan_is_valid_and_clearly_fictional():
    p = loading.example_plan()
    assert p.actors and p.coalition.members and p.coalition.timeline
    for a in p.actors:
        assert "fictional" in a.name or "example" in a.name.lower()
    assert "fictional" in p.review.organisation


def _rich_plan() -> model.Plan:
    w = Worksheet(loading.example_plan())
    w.set_review(country="SN", themes=XSS, organisation="Ünïcödé & Co — «test»")
    w.add_actor(name=XSS, type="other", notes="=1+1")
    w.add_actor(name='=HYPERLINK("http://x")', type="media", influence=1, interest=5)
    w.set_coalition(covers="two\nlines", decisions="@SUM(A1)")
    return w.plan


def test_json_export_then_import_gives_an_equal_plan():
    for plan in (model.Plan(), loading.example_plan(), _rich_plan()):
        again = loading.plan_from_json(export.to_json(plan))
        assert again == plan
        assert again.to_json_dict() == plan.to_json_dict()


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"not json at all", "not a JSON plan"),
        (b"\xff\xfe\x00garbage", "not a JSON plan"),
        (b"[1, 2, 3]", "not a coalition plan"),
        (b'{"hello": "world"}', "not a coalition plan"),
        (b'{"schema_version": 3, "review": {}, "actors": []}', "format version 3"),
        (b'{"schema_version": 999}', "format version 999"),
        (b'{"schema_version": true, "review": {}, "actors": []}', "not a whole number"),
        (b'{"schema_version": 1.0, "review": {}, "actors": []}', "not a whole number"),
        (b'{"schema_version": "1", "review": {}, "actors": []}', "not a whole number"),
        (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "nested far too deeply"),
        (b"[" * 50_000 + b"]" * 50_000, "nested far too deeply"),
        (b'{"schema_version": 1, "review": {}, "actors": [{"name": "x"}]}', "Type is missing"),
        (
            b'{"schema_version": 1, "review": {}, "actors": [{"name": "A", "type": "ngo"},'
            b' {"name": "a", "type": "ngo"}]}',
            "two actors are called",
        ),
        (b'{"schema_version": 1, "review": {"stage": 5}, "actors": []}', "Stage"),
        (b'{"schema_version": 1, "review": {}, "actors": [], "extra": 1}', "Unknown field"),
    ],
)
def test_bad_imports_are_refused_with_a_message_and_the_plan_is_kept(data, needle):
    w = Worksheet(loading.example_plan())
    before = w.plan.model_copy(deep=True)
    with pytest.raises(PlanError) as err:
        w.import_json(data)
    assert needle in str(err.value)
    assert "unchanged" in str(err.value)
    assert w.plan == before


def test_too_large_import_is_refused_before_parsing():
    w = Worksheet(loading.example_plan())
    before = w.plan.model_copy(deep=True)
    big = b'{"schema_version": 2, "review": {}, "actors": [], "pad": "' + b"x" * 1_000_001 + b'"}'
    with pytest.raises(PlanError, match="too large"):
        w.import_json(big)
    assert w.plan == before


def test_too_many_actors_is_refused():
    actors = [{"name": f"A{i}", "type": "ngo"} for i in range(model.MAX_ACTORS + 1)]
    data = json.dumps({"schema_version": 1, "review": {}, "actors": actors})
    with pytest.raises(PlanError, match="at most"):
        loading.plan_from_json(data)


# --- version 2: upgrade, ranking, TB-Net rules, snapshots -------------------------------------
def v1_plan() -> dict:
    """A plan as version 1 of the worksheet saved it (positions, one merged review order)."""
    return {
        "schema_version": 1,
        "review": {
            "country": "KE",
            "committee": "CRC",
            "stage": "alternative-report",
            "themes": "",
            "organisation": "Org",
        },
        "actors": [
            {
                "name": "Ally",
                "type": "ngo",
                "influence": 2,
                "interest": 5,
                "position": "ally",
                "relationship": "none",
                "engage": [],
                "notes": "n",
            },
            {
                "name": "Foe",
                "type": "media",
                "influence": 4,
                "interest": 2,
                "position": "opponent",
                "relationship": "none",
                "engage": [],
                "notes": "",
            },
        ],
        "coalition": {
            "duration": "ad-hoc",
            "scope": "national",
            "focus": "",
            "members": [],
            "covers": "",
            "decisions": "",
            "timeline": [{"milestone": "Send it", "when": "May", "who": "us"}],
        },
    }


def test_a_version_1_plan_is_upgraded_on_import():
    v1 = v1_plan()
    plan = loading.plan_from_json(json.dumps(v1))
    assert plan.schema_version == 2
    assert [a.position for a in plan.actors] == ["ally", "opponent"]
    assert plan.review.procedure == "standard" and plan.review.stage == "state-report"
    assert plan.coalition.timeline[0].when == "May"
    v1["review"]["committee"] = "SPT"
    assert loading.plan_from_json(json.dumps(v1)).review.committee == ""


def test_suggestions_never_name_an_actor_already_mapped_and_are_ranked():
    w = _ws_with(committee="CRC", stage="loipr")
    assert any("Child Rights Connect" in s.text for s in suggestions.suggestions(w.plan))
    w.add_actor(name="Child Rights Connect", type="tbnet-member")
    ranked = suggestions.suggestions(w.plan)
    assert not any(s.rule == "tbnet_member" for s in ranked)
    assert [s.weight for s in ranked] == sorted((s.weight for s in ranked), reverse=True)
    assert ranked[0].rule == "stage_action"  # what to do now comes first
    assert all(s.why for s in ranked)


@pytest.mark.parametrize("committee", ["CMW", "CED"])
def test_no_rule_asks_for_a_tbnet_member_where_there_is_none(committee):
    for stage in model.stages_for(committee, ""):
        texts = [
            s.text for s in suggestions.suggestions(_ws_with(committee=committee, stage=stage).plan)
        ]
        assert not any("TB-Net member" in t for t in texts)
        assert not any("these two committees" in t for t in texts)


def test_the_ced_gets_its_own_reporting_stages():
    assert model.stages_for("CED", "standard") == [
        "state-report",
        "additional-information",
        "follow-up",
    ]
    w = _ws_with(committee="CED", procedure="standard")
    assert w.plan.review.procedure == ""  # no procedure to choose for the CED
    assert "no periodic cycle" in content.load().worksheet.committee_notes["CED"].text


def test_simplified_procedure_starts_with_the_loipr_and_has_no_later_list():
    stages = model.stages_for("CRC", "simplified")
    assert stages[0] == "loipr" and "list-of-issues" not in stages
    assert model.stages_for("CRC", "standard")[:3] == ["state-report", "list-of-issues", "replies"]


def test_changing_the_procedure_clears_a_stage_that_no_longer_fits():
    w = _ws_with(committee="CRC", procedure="standard", stage="list-of-issues")
    w.set_review(procedure="simplified")
    assert w.plan.review.stage == ""


def test_members_and_milestones_can_be_edited_and_reordered():
    w = Worksheet()
    for name in ("A", "B", "C"):
        w.add_member(name)
    assert w.move_member(2, -1) == 1
    assert [m.name for m in w.plan.coalition.members] == ["A", "C", "B"]
    w.update_member(0, "A renamed", "lead")
    with pytest.raises(PlanError):
        w.update_member(1, "a renamed", "member")
    w.add_milestone("Undated one")
    w.add_milestone("Undated two")
    w.add_milestone("Dated", date="2027-01-01")
    assert [m.milestone for m in w.plan.coalition.timeline] == [
        "Dated",
        "Undated one",
        "Undated two",
    ]
    assert w.move_milestone(2, -1) == 1
    with pytest.raises(PlanError, match="date order"):
        w.move_milestone(1, -1)
    w.update_milestone(2, date="2026-01-01")
    assert w.plan.coalition.timeline[0].milestone == "Undated one"


def test_snapshots_compare_who_moved_where():
    import datetime as dt

    w = Worksheet()
    w.add_actor(name="Mover", type="ngo", interest=2)
    w.add_actor(name="Stays", type="ngo")
    w.take_snapshot("Start", today=dt.date(2027, 1, 1))
    w.update_actor(0, interest=5)
    w.remove_actor(1)
    w.add_actor(name="Newcomer", type="media")
    changes = snapshots.compare(w.plan.snapshots[0].actors, w.plan.actors)
    kinds = {c.name: c.kind for c in changes}
    assert kinds == {"Mover": "moved", "Stays": "removed", "Newcomer": "added"}
    moved = next(c for c in changes if c.kind == "moved")
    assert "interest 2" in moved.before and "interest 5" in moved.after
    with pytest.raises(PlanError):
        w.take_snapshot("start")
    assert loading.plan_from_json(export.to_json(w.plan)) == w.plan


def test_sharing_copy_drops_contacts_and_sensitive_actors():
    w = Worksheet()
    w.add_actor(name="Open", type="ngo", contact="office@example.org")
    w.add_actor(name="Hidden", type="ngo", sensitive=True)
    shared = w.plan.for_sharing()
    assert [a.name for a in shared.actors] == ["Open"] and shared.actors[0].contact == ""
    assert [a.name for a in w.plan.for_sharing(keep_sensitive=True).actors] == ["Open", "Hidden"]


def test_the_plan_s_themes_rank_the_national_actors_to_map():
    def national(themes):
        plan = _ws_with(committee="CRC", stage="loipr", themes=themes).plan
        return [s for s in suggestions.suggestions(plan) if s.rule == "national_actor"]

    union = content.load().national_actors
    union_name = next(a.name for a in union if a.id == "trade-unions")
    plain = national("")
    assert union_name not in plain[0].text  # no theme: catalogue order
    ranked = national("Corporal punishment by teachers")
    assert union_name in ranked[0].text and '"teacher"' in ranked[0].why
    assert all(s.sources == ("course-guidance",) for s in ranked)  # the course's own guidance
