"""The content model: loading, validation messages, cross-checks and the facts it must hold."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml
from pydantic import ValidationError

from tests.unit.conftest import edit_yaml as _edit
from widgets import content

ROOT = Path(__file__).resolve().parents[2]


def test_loads_and_is_cached():
    c = content.load()
    assert c is content.load() and c is content.load("en")
    assert c is not content.load("pseudo") and content.load("pseudo") is content.load("pseudo")


def test_objects_are_immutable():
    tb = content.load().treaty_bodies[0]
    with pytest.raises(ValidationError):
        tb.members = 3  # type: ignore[misc]


def test_bad_field_names_file_entry_and_field(data_copy):
    _edit(
        data_copy / "treaty_bodies.yaml",
        lambda d: d["treaty_bodies"][4].__setitem__("members", "ten"),
    )
    with pytest.raises(content.ContentError) as err:
        content.load_from(data_copy)
    msg = str(err.value)
    assert "treaty_bodies.yaml" in msg and "'CAT'" in msg and "members" in msg


def test_missing_field_in_member(data_copy):
    _edit(data_copy / "tbnet.yaml", lambda d: d["members"][2].pop("support"))
    with pytest.raises(content.ContentError) as err:
        content.load_from(data_copy)
    msg = str(err.value)
    assert "tbnet.yaml" in msg and "'ccpr-centre'" in msg and "support" in msg


def test_unknown_field_is_refused(data_copy):
    _edit(data_copy / "glossary.yaml", lambda d: d[0].__setitem__("colour", "red"))
    with pytest.raises(
        content.ContentError, match=r"glossary\.yaml: entry \[0\] 'APT', field 'colour'"
    ):
        content.load_from(data_copy)


def test_lesson_needs_two_to_four_objectives(data_copy):
    _edit(
        data_copy / "outline.yaml",
        lambda d: d["pages"][2].__setitem__("objectives", d["pages"][2]["objectives"][:1]),
    )
    with pytest.raises(content.ContentError, match=r"outline\.yaml: entry .*'coalitions'.*2 to 4"):
        content.load_from(data_copy)


def test_cross_reference_to_unknown_committee(data_copy):
    _edit(data_copy / "tbnet.yaml", lambda d: d["members"][0].__setitem__("committee", "XYZ"))
    with pytest.raises(content.ContentError, match="unknown committee 'XYZ'"):
        content.load_from(data_copy)


def test_unknown_source_is_refused(data_copy):
    _edit(
        data_copy / "actors.yaml",
        lambda d: d["national_actors"][0].__setitem__("sources", ["nowhere"]),
    )
    with pytest.raises(content.ContentError, match="unknown source 'nowhere'"):
        content.load_from(data_copy)


def test_invalid_yaml_and_missing_file(data_copy):
    (data_copy / "coalitions.yaml").write_text("forms: [unclosed", encoding="utf-8")
    with pytest.raises(content.ContentError, match=r"coalitions\.yaml: not valid YAML"):
        content.load_from(data_copy)
    (data_copy / "coalitions.yaml").unlink()
    with pytest.raises(content.ContentError, match=r"coalitions\.yaml: file not found"):
        content.load_from(data_copy)


def test_env_override(data_copy, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(data_copy))
    assert content.data_dir() == data_copy


# --- the facts the course must teach --------------------------------------------------------
def test_treaty_bodies_facts():
    c = content.load()
    members = {tb.acronym: tb.members for tb in c.treaty_bodies}
    assert members == {
        "CCPR": 18,
        "CESCR": 18,
        "CERD": 18,
        "CEDAW": 23,
        "CAT": 10,
        "SPT": 25,
        "CRC": 18,
        "CMW": 14,
        "CRPD": 18,
        "CED": 10,
    }
    # eight review periodically; the CED gets one report then more information; the SPT none
    assert [tb.acronym for tb in c.treaty_bodies if not tb.periodic_reviews] == ["SPT", "CED"]
    assert c.committee("CED").reporting == "one-report" and c.committee("CED").reviews_reports
    assert c.committee("SPT").reporting == "none" and not c.committee("SPT").reviews_reports
    assert "additional information" in c.committee("CED").note
    # members are elected by the States parties, except the CESCR's (ECOSOC)
    assert {tb.acronym for tb in c.treaty_bodies if tb.elected_by != "States parties"} == {"CESCR"}
    assert c.committee("CESCR").elected_by == "ECOSOC" and "ECOSOC" in c.committee("CESCR").note


def test_both_review_sequences_are_taught():
    c = content.load()
    simplified, standard = c.procedure("simplified"), c.procedure("standard")
    assert [s.id for s in simplified.steps] == [
        "loipr",
        "replies-report",
        "dialogue",
        "concluding-observations",
        "follow-up",
    ]
    assert [s.id for s in standard.steps] == [
        "state-report",
        "list-of-issues",
        "written-replies",
        "dialogue",
        "concluding-observations",
        "follow-up",
    ]
    # the simplified procedure: the NGO's first moment is input to the LOIPR, no later list
    assert simplified.steps[0].moments[0].who == "ngo"
    assert "list-of-issues" not in {s.id for s in simplified.steps}
    assert "no later list" in simplified.steps[1].text
    assert "default" in simplified.summary and "SPT" in simplified.summary
    # the standard procedure: the first NGO moment is input to the list of issues
    first = next(s for s in standard.steps if any(m.who == "ngo" for m in s.moments))
    assert first.id == "list-of-issues"


def test_sources_with_an_address_have_a_checked_date(data_copy):
    c = content.load()
    assert c.source("seed").url.startswith("https://academy.ishr.ch/")
    for s in c.sources:
        assert not s.url or s.checked_on, s.id
    _edit(data_copy / "sources.yaml", lambda d: d[0].pop("checked_on"))
    with pytest.raises(content.ContentError, match="checked_on"):
        content.load_from(data_copy)


def test_every_lesson_lists_its_sources_in_the_outline():
    c = content.load()
    for page in c.outline.pages:
        if page.kind == "lesson":
            assert page.sources and page.key_points and page.where_next, page.id


def test_tbnet_members_and_committees():
    c = content.load()
    assert {m.committee: m.name for m in c.members} == {
        "CRC": "Child Rights Connect",
        "CEDAW": "IWRAW Asia Pacific",
        "CCPR": "Centre for Civil and Political Rights (CCPR Centre)",
        "CESCR": "Global Initiative for Economic, Social and Cultural Rights",
        "CRPD": "International Disability Alliance (IDA)",
        "CERD": "International Movement Against All Forms of Discrimination and Racism (IMADR)",
        "CAT": "World Organisation Against Torture (OMCT)",
    }
    assert len(c.tbnet.activities) == 5
    assert "seven" in c.tbnet.what
    assert c.no_dedicated_ngo.committees == ("CMW", "CED")
    advice = c.no_dedicated_ngo.advice
    assert "OHCHR" in advice and "ongoing" in advice
    assert "two committees" not in advice  # shown for one committee at a time
    crc = c.members_for("CRC")[0]
    assert "promote the implementation of the" in " ".join(crc.support.split())
    assert "aimed to train" in " ".join(c.members_for("CEDAW")[0].examples[0].split())
    note = " ".join(c.tbnet.activity_note.split())
    assert "not very active" in note and "2026" in note and c.tbnet.activity_note_sources
    assert [n.id for n in c.other_ngos_for("SPT")] == ["apt"]


@pytest.mark.parametrize(
    "committee, needle",
    [
        ("CRC", "60"),
        ("CEDAW", "From Global to Local"),
        ("CCPR", "Thailand in 2018"),
        ("CCPR", "Jamaica in 2017"),
        ("CESCR", "750 Chilean"),
        ("CRPD", "Iraq's first review"),
        ("CERD", "template"),
        ("CAT", "Uzbek League for Human Rights"),
        ("CAT", "2019"),
    ],
)
def test_member_examples_hold_the_seed_facts(committee, needle):
    member = content.load().members_for(committee)[0]
    assert needle in member.support + " ".join(member.examples)


def test_national_actors_and_denmark():
    c = content.load()
    assert [a.id for a in c.national_actors] == [
        "nhri",
        "nmrf",
        "trade-unions",
        "parliament",
        "judiciary",
        "unct",
        "diplomats",
        "specialised",
        "media",
    ]
    d = c.denmark_example
    assert (d.country, d.year, d.committee, d.nhri) == (
        "Denmark",
        2019,
        "CESCR",
        "Danish Institute for Human Rights",
    )
    assert "Ministry of Foreign Affairs" in d.who_else
    assert "contributed to a significant increase in the shadow reports" in d.result
    assert "took part" not in d.result  # the seed speaks of shadow reports, not participation
    # the seed only lists the national actors: advice on them is the course's own guidance
    for a in c.national_actors:
        if a.sources == ("seed",):
            assert "course-guidance" in a.advice_sources, a.id
    nhri = next(a for a in c.national_actors if a.id == "nhri")
    assert "partly compliant" in nhri.what and "not proof" in nhri.condition
    assert [q.label for q in c.mapping.grid.quadrants] == [
        "Manage closely",
        "Keep satisfied",
        "Keep informed",
        "Monitor",
    ]


def test_coalition_forms_and_reasons():
    c = content.load()
    opts = {d.id: [o.id for o in d.options] for d in c.forms}
    assert opts == {
        "duration": ["ad-hoc", "permanent"],
        "scope": ["local", "national", "regional", "international"],
        "focus": ["general", "thematic"],
    }
    assert [r.id for r in c.reasons] == ["space-time", "weight", "coverage"]


def test_outline_pages_exist_and_objectives_are_measurable():
    c = content.load()
    for page in c.outline.pages:
        assert (ROOT / "notebooks" / page.notebook).exists(), page.notebook
        for o in page.objectives:
            first = o.text.split()[0]
            assert first in {
                "Match",
                "Put",
                "Name",
                "Describe",
                "Give",
                "Explain",
                "Identify",
                "Say",
                "List",
                "Place",
                "Use",
                "Draft",
                "Choose",
                "Plan",
            }, o.text


def _acronyms_in(text: str) -> set[str]:
    found = set(re.findall(r"\b(?:TB-Net|[A-Z]{2,6})\b", text))
    return found - {"II", "OK", "JSON", "CSV", "PDF", "URL", "README", "A", "B"}


def test_every_acronym_used_is_in_the_glossary():
    terms = {g.term for g in content.load().glossary}
    used: set[str] = set()
    for path in list((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        used |= _acronyms_in("\n".join(c.source for c in nb.cells if c.cell_type == "markdown"))
    for path in (ROOT / "course_data").rglob("*.yaml"):
        if path.name == "sources.yaml":  # publication titles and codes, not course text
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        used |= _acronyms_in(" ".join(_strings(data)))
    missing = sorted(used - terms)
    assert not missing, f"acronyms missing from course_data/glossary.yaml: {missing}"


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            if k not in ("id", "committee", "committees", "acronym", "sources", "notebook", "kind"):
                yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def test_worksheet_options_and_rules_are_checked(data_copy):
    c = content.load()
    # both review sequences (simplified: LOIPR first, no later list of issues; standard: report,
    # list of issues, replies, dialogue, concluding observations, follow-up)
    assert {p.id: p.stages for p in c.worksheet.procedures} == {
        "simplified": ("loipr", "srp-replies", "session", "concluding", "follow-up"),
        "standard": (
            "state-report",
            "list-of-issues",
            "replies",
            "session",
            "concluding",
            "follow-up",
        ),
    }
    assert [p.id for p in c.worksheet.positions] == list(c.mapping.grid.positions)
    _edit(
        data_copy / "worksheet.yaml",
        lambda d: d["stages"][1]["actions"][0].__setitem__("section", "no-such-page"),
    )
    with pytest.raises(content.ContentError, match="unknown section \\(page id\\) 'no-such-page'"):
        content.load_from(data_copy)


def test_worksheet_file_errors_name_the_entry(data_copy):
    _edit(data_copy / "worksheet.yaml", lambda d: d["suggestions"].pop("nhri_missing"))
    with pytest.raises(content.ContentError, match="worksheet.yaml.*nhri_missing"):
        content.load_from(data_copy)


def test_worksheet_actor_type_links_a_known_national_actor(data_copy):
    _edit(data_copy / "worksheet.yaml", lambda d: d["actor_types"][3].__setitem__("actor", "x"))
    with pytest.raises(content.ContentError, match="actor type 'nhri': unknown national actor 'x'"):
        content.load_from(data_copy)


def test_worksheet_stage_actions_cite_known_committees_and_sources(data_copy):
    _edit(
        data_copy / "worksheet.yaml",
        lambda d: d["stages"][3]["actions"][0].__setitem__("committees", ["XYZ"]),
    )
    with pytest.raises(content.ContentError, match="unknown committee 'XYZ'"):
        content.load_from(data_copy)
