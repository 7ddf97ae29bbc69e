"""The bank lint: the real bank passes, and a planted bad question of each kind fails it,
with a message that names the file, the question and the rule."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tests.unit.conftest import edit_yaml
from widgets import content
from widgets.quizzes import bank, lint

ROOT = Path(__file__).resolve().parents[2]


def test_the_real_bank_passes_the_lint():
    problems = lint.lint()
    assert problems == [], "\n".join(str(p) for p in problems)


def _q(data, qid):
    return next(q for q in data["questions"] if q["id"] == qid)


def _plant(data, question):
    data["questions"].append(question)


def _single(qid, prompt, right, wrongs, **extra):
    return {
        "id": qid,
        "kind": "single",
        "section": "treaty-bodies",
        "objective": "tb-1",
        "anchor": "Ten-committees-of-independent-experts",
        "prompt": prompt,
        "options": [{"text": right, "correct": True, "feedback": "Yes."}]
        + [{"text": w, "feedback": "No."} for w in wrongs],
        "explanation": "Planted.",
        **extra,
    }


def _all_but_one_right(d):
    for o in _q(d, "tb-moments")["options"][:-1]:
        o["correct"] = True


def _duplicate(d):
    twin = copy.deepcopy(_q(d, "tb-elect"))
    twin["id"] = "tb-elect-twin"
    twin["prompt"] = "Who elects the members of the CESCR, please?"
    d["questions"].append(twin)


def _no_scenario_for_tb3(d):
    for qid in ("tb-first-chance", "tb-safety"):
        _q(d, qid)["kind"] = "single"


PLANTED = [
    ("multiple-ratio", "tb-moments", _all_but_one_right),
    ("anchor", "tb-elect", lambda d: _q(d, "tb-elect").update(anchor="No-such-heading")),
    ("anchor", "tb-elect", lambda d: _q(d, "tb-elect").pop("anchor")),
    (
        "acronym",
        "planted-acronym",
        lambda d: _plant(
            d,
            _single(
                "planted-acronym",
                "Which committee monitors the Convention against Torture?",
                "CAT",
                ["CERD", "CRC", "CMW"],
            ),
        ),
    ),
    (
        "acronym",
        "tn-members",
        lambda d: _q(d, "tn-members").update(
            pairs=[["CRC", "child-rights-connect"], ["CERD", "imadr"]]
        ),
    ),
    (
        "longest",
        "planted-longest",
        lambda d: _plant(
            d,
            _single(
                "planted-longest",
                "Where do the committees meet?",
                "In Geneva, where the UN human rights office supports the committees' work",
                ["In Paris", "In Nairobi", "In Vienna"],
            ),
        ),
    ),
    (
        "repeated-word",
        "planted-repeated",
        lambda d: _plant(
            d,
            _single(
                "planted-repeated",
                "Which committee visits places of detention?",
                "The one that visits detention places",
                ["The CERD", "The CRC", "The CMW"],
            ),
        ),
    ),
    (
        "absolute",
        "co-stay",
        lambda d: _q(d, "co-stay").update(prompt="A coalition can only be national."),
    ),
    (
        "absolute",
        "planted-absolute",
        lambda d: _plant(
            d,
            _single(
                "planted-absolute",
                "Who may send a committee written information?",
                "NGOs and NHRIs with A or B status",
                ["Never anyone but the State", "The State, and nobody else", "The UN country team"],
            ),
        ),
    ),
    (
        "the-source",
        "tb-elect",
        lambda d: _q(d, "tb-elect")["options"][1].update(feedback="The source says otherwise."),
    ),
    ("duplicate", "tb-elect", _duplicate),
    (
        "count",
        "coalitions",
        lambda d: _plant(d, {**copy.deepcopy(_q(d, "co-stay")), "id": "co-eighth"}),
    ),
    ("coverage", "tb-3", _no_scenario_for_tb3),
    ("check", "check", lambda d: d.update(check={"page": "check", "per_section": 1})),
]


@pytest.mark.parametrize("rule, question, change", PLANTED, ids=[f"{r}-{q}" for r, q, _ in PLANTED])
def test_a_planted_bad_question_fails_the_lint(data_copy, rule, question, change):
    edit_yaml(data_copy / "questions.yaml", change)
    course = content.load_from(data_copy)
    problems = lint.lint(bank.load_from(data_copy, course), course, ROOT / "notebooks")
    mine = [p for p in problems if p.rule == rule and p.question == question]
    assert mine, f"no '{rule}' problem for '{question}' in: {[str(p) for p in problems]}"
    message = str(mine[0])
    assert message.startswith(f"questions.yaml: question '{question}': rule '{rule}': ")


def test_every_rule_is_planted_at_least_once():
    assert {r for r, _, _ in PLANTED} == set(lint.RULES)


def test_acronym_spelling_is_read_from_a_name():
    assert lint._spelled_out(
        "CEDAW", "the Convention on the Elimination of All Forms of Discrimination against Women"
    )
    assert lint._spelled_out("CRPD", "Convention on the Rights of Persons with Disabilities")
    assert not lint._spelled_out("CAT", "Which committee meets NGOs in Geneva?")
