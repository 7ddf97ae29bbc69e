"""The worksheet's plan model: limits, duplicates, import checks and the suggestion rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.conftest import edit_yaml
from widgets import content
from widgets.worksheet import export, model
from widgets.worksheet.model import PlanError, Worksheet

ROOT = Path(__file__).resolve().parents[2]
XSS = "<img src=x onerror=alert(1)>"


def _ws_with(**review) -> Worksheet:
    w = Worksheet()
    if review:
        w.set_review(**review)
    return w


def _rules(plan):
    return [s.rule for s in model.suggestions(plan)]


# --- plan shape and limits -------------------------------------------------------------------
def test_plan_json_has_the_shape_the_dashboard_reads():
    w = _ws_with(committee="CRC", stage="session", country="KE")
    w.add_actor(name="A", type="nhri", influence=4, interest=2, position="ally", engage=["after"])
    w.add_member("A", "lead")
    d = w.plan.to_json_dict()
    assert d["schema_version"] == model.SCHEMA_VERSION == 1
    assert {"committee", "stage", "country"} <= d["review"].keys()
    actor = d["actors"][0]
    assert {"name", "type", "influence", "interest", "position", "engage"} <= actor.keys()
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
        lambda w: w.add_actor(name="ok", type="ngo", position="enemy"),
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
    assert a.name == "Bad name" and a.notes == "a b"
    b = w.add_actor(name="Right\u202eto\u200bleft\ud800", type="ngo")
    assert b.name == "Righttoleft"  # direction overrides, zero-width and lone surrogates go
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


def test_quadrants_follow_the_grid_and_threshold():
    high = content.load().worksheet.high_from
    ids = [q.id for q in content.load().mapping.grid.quadrants]
    assert ids == ["manage-closely", "keep-satisfied", "keep-informed", "monitor"]

    def q(inf, intr):
        return model.quadrant(model.Actor(name="x", type="ngo", influence=inf, interest=intr))

    assert q(5, 5) == q(high, high) == "manage-closely"
    assert q(5, 1) == q(high, high - 1) == "keep-satisfied"
    assert q(1, 5) == q(high - 1, high) == "keep-informed"
    assert q(1, 1) == q(high - 1, high - 1) == "monitor"


def test_suggested_milestones_come_from_the_stage_and_are_not_repeated():
    w = Worksheet()
    with pytest.raises(PlanError):
        w.add_suggested_milestones()
    w.set_review(stage="follow-up")
    n = w.add_suggested_milestones()
    expected = content.load().worksheet.stage("follow-up").milestones
    assert n == len(expected)
    assert [m.milestone for m in w.plan.coalition.timeline] == list(expected)
    assert w.add_suggested_milestones() == 0


# --- suggestions -----------------------------------------------------------------------------
def test_without_committee_the_first_suggestion_asks_for_one():
    s = model.suggestions(model.Plan())
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
        x for x in model.suggestions(_ws_with(committee=committee).plan) if x.rule == "tbnet_member"
    ]
    assert len(s) == 1 and contact in s[0].text and committee in s[0].text
    assert s[0].section == "tbnet" and s[0].section_title == content.load().page("tbnet").title


@pytest.mark.parametrize("committee", ["CMW", "CED"])
def test_cmw_and_ced_point_to_the_ohchr_secretariat(committee):
    s = model.suggestions(_ws_with(committee=committee).plan)
    rules = [x.rule for x in s]
    assert "tbnet_member" not in rules and "no_dedicated_ngo" in rules
    text = next(x.text for x in s if x.rule == "no_dedicated_ngo")
    assert "OHCHR" in text and "secretariat" in text.lower()


def test_torture_prevention_points_to_omct_and_apt():
    cat = model.suggestions(_ws_with(committee="CAT").plan)
    assert any("OMCT" in x.text for x in cat)
    assert any(
        x.rule == "other_ngo" and "Association for the Prevention of Torture" in x.text for x in cat
    )
    spt = model.suggestions(_ws_with(committee="SPT").plan)
    assert any(x.rule == "other_ngo" and "APT" in x.text for x in spt)
    assert not any(x.rule == "tbnet_member" for x in spt)


def test_missing_nhri_is_suggested_until_mapped():
    w = _ws_with(committee="CRC")
    s = next(x for x in model.suggestions(w.plan) if x.rule == "nhri_missing")
    assert s.section == "nhri" and "independent" in s.text
    w.add_actor(name="Our NHRI", type="nhri")
    assert "nhri_missing" not in _rules(w.plan)


def test_national_actors_for_the_stage_come_from_actors_yaml():
    national = {a.id: a for a in content.load().national_actors}
    before = model.suggestions(_ws_with(stage="alternative-report").plan)
    after = model.suggestions(_ws_with(stage="follow-up").plan)
    for actor_id in ("nmrf", "parliament", "media", "unct", "trade-unions", "judiciary"):
        a = national[actor_id]
        assert any(x.rule == "national_actor" and a.before in x.text for x in before), actor_id
        assert any(x.rule == "national_actor" and a.after in x.text for x in after), actor_id
    w = _ws_with(stage="follow-up")
    w.add_actor(name="Parliament's human rights committee", type="parliament")
    texts = [x.text for x in model.suggestions(w.plan)]
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
        return [x.text for x in model.suggestions(plan) if x.rule == "stage_action"]

    assert any("one year" in t for t in actions("CCPR", "follow-up"))
    assert not any("one year" in t for t in actions("CRC", "follow-up"))
    assert any("10,000 words" in t for t in actions("CCPR", "alternative-report"))
    assert not any("10,000 words" in t for t in actions("CESCR", "alternative-report"))
    assert any("informally" in t for t in actions("CERD", "session"))
    assert any("pre-sessional" in t for t in actions("CRC", "session"))
    assert not any("formal oral briefings" in t for t in actions("CRC", "session"))
    assert any("list of issues" in t for t in actions("CRC", "list-of-issues"))


def test_every_suggestion_cites_a_course_section_and_known_sources():
    c = content.load()
    pages = {p.id for p in c.outline.pages}
    sources = {s.id for s in c.sources}
    for committee in [tb.acronym for tb in c.treaty_bodies] + [""]:
        for stage in [s.id for s in c.worksheet.stages] + [""]:
            for s in model.suggestions(_ws_with(committee=committee, stage=stage).plan):
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
    texts = [s.text for s in model.suggestions(model.Plan())]
    assert "Changed rule text with 0 member(s)." in texts


# --- example, import and export round trip ---------------------------------------------------
def test_example_plan_is_valid_and_clearly_fictional():
    p = model.example_plan()
    assert p.actors and p.coalition.members and p.coalition.timeline
    for a in p.actors:
        assert "fictional" in a.name or "example" in a.name.lower()
    assert "fictional" in p.review.organisation


def _rich_plan() -> model.Plan:
    w = Worksheet(model.example_plan())
    w.set_review(country="SN", themes=XSS, organisation="Ünïcödé & Co — «test»")
    w.add_actor(name=XSS, type="other", notes="=1+1")
    w.add_actor(name='=HYPERLINK("http://x")', type="media", influence=1, interest=5)
    w.set_coalition(covers="two\nlines", decisions="@SUM(A1)")
    return w.plan


def test_json_export_then_import_gives_an_equal_plan():
    for plan in (model.Plan(), model.example_plan(), _rich_plan()):
        again = model.plan_from_json(export.to_json(plan))
        assert again == plan
        assert again.to_json_dict() == plan.to_json_dict()


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"not json at all", "not a JSON plan"),
        (b"\xff\xfe\x00garbage", "not a JSON plan"),
        (b"[1, 2, 3]", "not a coalition plan"),
        (b'{"hello": "world"}', "not a coalition plan"),
        (b'{"schema_version": 2, "review": {}, "actors": []}', "format version 2"),
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
    w = Worksheet(model.example_plan())
    before = w.plan.model_copy(deep=True)
    with pytest.raises(PlanError) as err:
        w.import_json(data)
    assert needle in str(err.value)
    assert "unchanged" in str(err.value)
    assert w.plan == before


def test_too_large_import_is_refused_before_parsing():
    w = Worksheet(model.example_plan())
    before = w.plan.model_copy(deep=True)
    big = b'{"schema_version": 1, "review": {}, "actors": [], "pad": "' + b"x" * 1_000_001 + b'"}'
    with pytest.raises(PlanError, match="too large"):
        w.import_json(big)
    assert w.plan == before


def test_too_many_actors_is_refused():
    actors = [{"name": f"A{i}", "type": "ngo"} for i in range(model.MAX_ACTORS + 1)]
    data = json.dumps({"schema_version": 1, "review": {}, "actors": actors})
    with pytest.raises(PlanError, match="at most"):
        model.plan_from_json(data)
