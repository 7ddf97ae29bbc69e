"""The question bank: size, coverage, links, and the mistakes its validation must catch."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.unit.conftest import edit_yaml
from widgets import content
from widgets.content import ContentError
from widgets.quizzes import bank

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def b():
    return bank.load()


def test_bank_has_enough_questions_of_every_kind(b):
    assert 25 <= len(b.questions) <= 35  # 5 to 7 practice questions for each of the 5 parts
    kinds = Counter(q.kind for q in b.questions.values())
    assert set(kinds) == {"single", "multiple", "truefalse", "matching", "ordering", "scenario"}


def test_every_objective_is_assessed_by_two_questions_from_its_own_page(b):
    c = content.load()
    objectives = [(p.id, o.id) for p in c.outline.pages for o in p.objectives]
    assert len(objectives) == 15
    for page_id, obj in objectives:
        qs = [q for q in b.questions.values() if q.objective == obj]
        assert len(qs) >= 2, obj
        assert {q.section for q in qs} == {page_id}


def test_every_question_has_feedback_explanation_and_a_right_answer(b):
    for q in b.questions.values():
        assert q.explanation and q.prompt
        assert q.right_answer
        for o in q.options:
            assert o.feedback, (q.id, o.text)


def test_anchors_point_at_real_headings_of_the_page(b):
    c = content.load()
    for q in b.questions.values():
        if q.anchor:
            prose = {a for block in c.anchors[q.section] for a in block}  # pages.yaml headings
            assert q.anchor in prose, q.id


def test_each_section_notebook_ends_with_its_quiz_before_the_sources(b):
    c = content.load()
    for section in b.sections:
        nb = json.loads((ROOT / "notebooks" / c.page(section).notebook).read_text())
        code = ["".join(x["source"]) for x in nb["cells"] if x["cell_type"] == "code"]
        assert code[-3] == f'widgets.quiz("{section}")'
        assert code[-2].startswith("widgets.sources(")
    check = json.loads((ROOT / "notebooks" / c.page("check").notebook).read_text())
    assert any("".join(x["source"]) == 'widgets.quiz("check")' for x in check["cells"])


def test_ordering_questions_name_their_procedure_and_follow_it(b):
    c = content.load()
    spec = bank.BankFile.model_validate(content._read(content.data_dir(), bank.FILENAME))
    orderings = [q for q in spec.questions if q.kind == "ordering"]
    assert {q.sequence for q in orderings} == {"simplified", "standard"}
    for q in orderings:
        proc = c.procedure(q.sequence)
        assert proc.title.split()[0].lower() in q.prompt.lower(), q.id  # "simplified"/"standard"
        steps = [s.id for s in proc.steps]
        assert list(q.items) == sorted(q.items, key=steps.index)


def test_section_quiz_order_is_stable_per_learner(b):
    ids1 = b.question_ids("coalitions", 1)
    assert ids1 == b.question_ids("coalitions", 1)
    assert sorted(ids1) == sorted(q.id for q in b.questions.values() if q.section == "coalitions")
    assert any(b.question_ids("coalitions", s) != ids1 for s in range(2, 6))
    check = b.question_ids("check", 5)
    objectives = [o.id for p in content.load().outline.pages for o in p.objectives]
    assert sorted(b.questions[i].objective for i in check) == sorted(objectives)
    with pytest.raises(KeyError):
        b.question_ids("no-such-page", 1)


# --- what validation must reject ---------------------------------------------------------------
def _edit(directory: Path, change) -> None:
    edit_yaml(directory / "questions.yaml", change)


def _question(data, qid):
    return next(q for q in data["questions"] if q["id"] == qid)


def test_copy_of_the_real_bank_loads(data_copy):
    assert len(bank.load_from(data_copy).questions) == len(bank.load().questions)


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda d: [o.update(correct=False) for o in _question(d, "tb-elect")["options"]],
            r"questions\[1\] 'tb-elect', field 'questions': .*no correct answer",
        ),
        (
            lambda d: [o.update(correct=False) for o in _question(d, "co-reasons")["options"]],
            r"'co-reasons'.*no correct answer",
        ),
        (
            lambda d: _question(d, "tb-elect")["options"][1].update(
                text=" ecosoc,  from candidates that States parties nominate"
            ),
            r"'tb-elect'.*options: duplicate option ' ecosoc,",
        ),
        (
            lambda d: _question(d, "tn-members").update(
                pairs=[["CRC", "iwraw-ap"], ["CEDAW", "child-rights-connect"]]
            ),
            r"'tn-members', field 'pairs': the pair \('CRC', 'iwraw-ap'\) does not exist",
        ),
        (
            lambda d: _question(d, "tn-members").update(pairs=[["CRC", "no-such-ngo"]] * 2),
            r"'tn-members'.*duplicate option",
        ),
        (
            lambda d: _question(d, "tb-order-standard").update(
                items=["list-of-issues", "state-report", "dialogue"]
            ),
            r"'tb-order-standard', field 'items': .*not in the order of the Standard",
        ),
        (
            lambda d: _question(d, "tb-order-simplified").update(
                items=["state-report", "dialogue", "follow-up"]
            ),
            r"'tb-order-simplified', field 'items': unknown step 'state-report' in the Simpl",
        ),
        (
            lambda d: _question(d, "tb-elect").update(section="no-such-page"),
            r"'tb-elect', field 'section': no page 'no-such-page'",
        ),
        (
            lambda d: _question(d, "tb-elect").update(objective="co-1"),
            r"'tb-elect', field 'objective': 'co-1' is not an objective",
        ),
        (
            lambda d: d.update(
                questions=[q for q in d["questions"] if q["objective"] != "nh-2"]
                + [next(q for q in d["questions"] if q["objective"] == "nh-2")]
            ),
            r"objective 'nh-2' \(page 'nhri'\) is assessed by 1 question\(s\); it needs at least 2",
        ),
        (
            lambda d: d["questions"].append(dict(_question(d, "tb-elect"))),
            r"'tb-elect', field 'id': duplicate question id",
        ),
        (
            lambda d: _question(d, "co-stay").pop("answer"),
            r"'co-stay'.*needs answer",
        ),
        (
            lambda d: d["check"].update(page="coalitions"),
            r"entry check, field 'page': not a quiz page",
        ),
    ],
)
def test_validation_rejects_broken_banks(data_copy, change, message):
    _edit(data_copy, change)
    with pytest.raises(ContentError, match=message):
        bank.load_from(data_copy)


def test_workshop_dashboard_reads_option_ids_as_the_bank_names_them(b):
    from widgets.workshop import results

    assert results.questions() is b.questions  # the dashboard reads the bank, not the YAML
