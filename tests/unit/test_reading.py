"""Reading aids: acronyms spelled out at first use on each lesson page, key points, where next,
the safety box, terms explained in disclosures, every TB-Net example on page 3, and the cycle."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets import content, readability, reading
from widgets import review_cycle as cycle

ROOT = Path(__file__).resolve().parents[2]
LESSONS = [p for p in content.load().outline.pages if p.kind == "lesson"]


def _nb(page) -> dict:
    return json.loads((ROOT / "notebooks" / page.notebook).read_text(encoding="utf-8"))


def _code(page) -> list[str]:
    return ["".join(c["source"]) for c in _nb(page)["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("page", LESSONS, ids=lambda p: p.id)
def test_every_acronym_is_spelled_out_at_first_use_on_the_page(page):
    assert readability.not_spelled_out(readability.prose(_nb(page))) == []


def test_the_first_use_check_can_fail():
    assert readability.not_spelled_out("Ask the NHRI. National Human Rights Institution") == [
        "NHRI"
    ]
    assert readability.not_spelled_out("the National Human Rights Institution (NHRI)") == []


@pytest.mark.parametrize("page", LESSONS, ids=lambda p: p.id)
def test_each_part_ends_with_key_points_and_where_next_before_its_quiz(page):
    code = _code(page)
    assert code[-5:-3] == [f'widgets.key_points("{page.id}")', f'widgets.where_next("{page.id}")']
    assert code[-2] == f'widgets.sources("{page.id}")'  # the sources come from the outline
    kp = reading.key_points(page.id)
    assert "<aside" in kp.html and all(p in kp.text for p in page.key_points)


def test_the_safety_box_is_on_the_parts_about_sending_information():
    c = content.load()
    for page_id in ("treaty-bodies", "tbnet"):
        assert "widgets.safety()" in _code(c.page(page_id))
    box = reading.safety()
    assert c.safety.title in box.text and all(p in box.text for p in c.safety.points)


def test_terms_are_explained_in_disclosures_not_titles():
    block = reading.terms("NHRI", "alternative report")
    assert block.html.count("<details") == 2 and "<summary>" in block.html
    assert "title=" not in block.html
    used = [
        t
        for p in LESSONS
        for src in _code(p)
        if src.startswith("widgets.terms(")
        for t in re.findall(r'"([^"]+)"', src)
    ]
    glossary = {g.term for g in content.load().glossary}
    assert used and set(used) <= glossary


def test_page_3_shows_every_tbnet_member_and_example_as_stored_output():
    c = content.load()
    nb = _nb(c.page("tbnet"))
    cell = next(x for x in nb["cells"] if "".join(x["source"]) == "widgets.members()")
    stored = "".join(cell["outputs"][0]["data"]["text/plain"])
    for m in c.members:
        assert m.name in stored
        for example in m.examples:
            assert " ".join(example.split()) in " ".join(stored.split())


def test_sources_list_every_source_of_the_page_with_address_and_checked_date():
    c = content.load()
    for page in c.outline.pages:
        text = reading.sources(page.id).text
        assert text.count("\n- ") == len(page.sources), page.id
        for s in map(c.source, page.sources):
            assert s.title in text
            assert not s.url or (s.url in text and s.checked_on.isoformat() in text)


def test_cycle_diagram_has_both_procedures_moments_and_a_text_list():
    c = content.load()
    both = cycle.cycle_html()
    for proc in c.procedures:
        assert proc.label in both
        for step in proc.steps:
            assert step.title.replace("'", "&#x27;") in both
    assert both.count('<ol class="course-cycle-steps">') == 2  # the text alternative
    assert 'aria-hidden="true"' in both and "var(--jp-" in both  # drawing hidden; themed colours
    assert both.count('class="cc-m-ngo"') == sum(
        1 for p in c.procedures for s in p.steps for m in s.moments if m.who == "ngo"
    )
    first, other = c.procedures[0], c.procedures[1]
    one = cycle.cycle_html(first.id, highlight=first.steps[1].id, id_prefix="ws")
    assert one.count('aria-current="step"') == 1 and f'id="ws-{first.id}-title"' in one
    assert other.label not in one
    text = cycle.cycle_text(other.id)
    places = [text.index(f"{i}. {s.title}") for i, s in enumerate(other.steps, 1)]
    assert places == sorted(places)  # the steps in their order


def test_cycle_view_switches_procedure_with_its_buttons():
    from widgets.cycle_view import CycleView

    first, other = content.load().procedures[:2]
    v = CycleView(first.id)
    assert first.label in v.w_diagram.value
    v.w_choice.value = other.id
    assert other.label in v.w_diagram.value and first.label not in v.w_diagram.value
    v.show("both")
    assert v.w_diagram.value.count("<figure") == 2


def test_explorer_shows_how_each_committee_works_and_whom_to_contact():
    from html import escape

    from widgets.committees import model, view

    c = content.load()
    for tb in c.treaty_bodies:
        shown = view.support_html(model.support_for(tb.acronym))
        assert escape(tb.name) in shown
        assert not tb.note or escape(tb.note) in shown  # how it works (CED, SPT, CESCR)
        for m in c.members_for(tb.acronym):
            assert escape(m.name) in shown and escape(m.support) in shown
        for n in c.other_ngos_for(tb.acronym):
            assert escape(n.name) in shown
        if tb.acronym in c.no_dedicated_ngo.committees:
            assert escape(c.no_dedicated_ngo.advice) in shown
