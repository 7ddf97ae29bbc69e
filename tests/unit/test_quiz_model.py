"""Quiz rules: grading of every question kind, partial credit, modes, scoring, seeded order."""

from __future__ import annotations

import pytest

from widgets.quizzes import model
from widgets.quizzes.model import Item, Option, Pair, Question


def q_single(kind="single"):
    return Question(
        id="q-single",
        kind=kind,
        section="s1",
        objective="tb-1",
        prompt="?",
        explanation="because",
        options=(
            Option("a", "Right one", True, "yes"),
            Option("b", "Wrong one", False, "no, b"),
            Option("c", "Other", False, "no, c"),
        ),
    )


def q_multiple():
    return Question(
        id="q-multi",
        kind="multiple",
        section="s1",
        objective="tb-1",
        prompt="?",
        explanation="e",
        options=(
            Option("a", "A", True, "fa"),
            Option("b", "B", True, "fb"),
            Option("c", "C", True, "fc"),
            Option("d", "D", False, "fd"),
            Option("e", "E", False, "fe"),
        ),
    )


def q_matching():
    return Question(
        id="q-match",
        kind="matching",
        section="s2",
        objective="co-1",
        prompt="?",
        explanation="e",
        pairs=(Pair("x", "X", "1", "one"), Pair("y", "Y", "2", "two"), Pair("z", "Z", "3", "3")),
        targets=(("1", "one"), ("2", "two"), ("3", "3"), ("4", "four")),
    )


def q_ordering():
    return Question(
        id="q-order",
        kind="ordering",
        section="s2",
        objective="co-2",
        prompt="?",
        explanation="e",
        items=(Item("s1", "first"), Item("s2", "second"), Item("s3", "third"), Item("s4", "4th")),
    )


@pytest.mark.parametrize("kind", ["single", "scenario", "truefalse"])
def test_one_answer_kinds_score_one_or_zero_with_the_options_feedback(kind):
    q = q_single(kind)
    right = model.grade(q, "a")
    assert (right.score, right.correct, right.symbol) == (1.0, True, "✓")
    assert right.lines[0].text == "yes"
    wrong = model.grade(q, "b")
    assert (wrong.score, wrong.correct, wrong.symbol) == (0.0, False, "✗")
    assert wrong.lines[0].text == "no, b" and not wrong.lines[0].ok


def test_unknown_option_or_wrong_shape_is_refused():
    with pytest.raises(KeyError):
        model.grade(q_single(), "zz")
    with pytest.raises(model.ResponseError):
        model.grade(q_single(), ["a"])
    with pytest.raises(model.ResponseError):
        model.grade(q_multiple(), "a")


@pytest.mark.parametrize(
    "chosen, score, correct",
    [
        (["a", "b", "c"], 1.0, True),  # exactly the right options
        (["a", "b"], 2 / 3, False),  # two of three right, none wrong
        (["a"], 1 / 3, False),
        (["a", "b", "d"], 1 / 3, False),  # a wrong pick cancels a right one
        (["a", "d"], 0.0, False),
        (["d", "e"], 0.0, False),  # never below zero
        (["a", "b", "c", "d", "e"], 1 / 3, False),  # choosing everything does not pay
        ([], 0.0, False),
    ],
)
def test_multiple_select_partial_credit_rule(chosen, score, correct):
    r = model.grade(q_multiple(), chosen)
    assert r.score == pytest.approx(score)
    assert r.correct is correct
    assert r.missed == len({"a", "b", "c"} - set(chosen))
    assert [ln.text for ln in r.lines] == [f"f{c}" for c in sorted(chosen)]


def test_matching_scores_the_share_of_rows_right():
    q = q_matching()
    assert model.grade(q, {"x": "1", "y": "2", "z": "3"}).correct
    r = model.grade(q, {"x": "1", "y": "4", "z": ""})
    assert r.score == pytest.approx(1 / 3) and not r.correct
    assert [(ln.text, ln.ok) for ln in r.lines] == [("X", True), ("Y", False), ("Z", False)]
    assert r.symbol == "◐"
    assert q.right_answer == "X: one; Y: two; Z: 3"


def test_ordering_scores_the_share_of_items_in_place():
    q = q_ordering()
    assert model.grade(q, ["s1", "s2", "s3", "s4"]).score == 1.0
    r = model.grade(q, ["s1", "s3", "s2", "s4"])
    assert r.score == 0.5 and not r.correct
    assert model.grade(q, ["s1", ""]).score == 0.25
    assert q.right_answer == "first → second → third → 4th"


def test_seed_is_stable_per_learner_and_quiz_and_differs_between_them():
    s1 = model.seed_for("ABCD-EFGH-JKLM", "coalitions")
    assert s1 == model.seed_for("ABCD-EFGH-JKLM", "coalitions")
    assert s1 != model.seed_for("ABCD-EFGH-JKLN", "coalitions")
    assert s1 != model.seed_for("ABCD-EFGH-JKLM", "tbnet")


def test_shuffles_are_deterministic_and_really_shuffle():
    q = q_multiple()
    orders = {tuple(o.id for o in model.option_order(q, seed)) for seed in range(30)}
    assert len(orders) > 5  # different learners see different orders
    assert model.option_order(q, 7) == model.option_order(q, 7)
    tf = q_single("truefalse")
    assert [o.id for o in model.option_order(tf, 3)] == ["a", "b", "c"]  # true/false keeps order


def test_draw_takes_per_section_covering_objectives_first():
    qs = [
        Question(f"{s}-{i}", "single", s, f"{s}-{i % 2}", "?", "e", options=q_single().options)
        for s in ("s1", "s2")
        for i in range(6)
    ]
    ids = model.draw(qs, seed=11, per_section=2, sections=["s1", "s2"])
    assert len(ids) == 4
    assert [i.split("-")[0] for i in ids] == ["s1", "s1", "s2", "s2"]
    by_id = {q.id: q for q in qs}
    assert by_id[ids[0]].objective != by_id[ids[1]].objective
    assert ids == model.draw(qs, seed=11, per_section=2, sections=["s1", "s2"])
    assert ids != model.draw(qs, seed=12, per_section=2, sections=["s1", "s2"]) or ids != (
        model.draw(qs, seed=13, per_section=2, sections=["s1", "s2"])
    )


def test_practice_mode_counts_the_first_try_and_allows_retries():
    single, multi = q_single(), q_multiple()
    st = model.QuizState("s1", "practice", [single.id, multi.id], pass_mark=0.5)
    r = st.submit(single, "b")
    assert not r.correct and not st.locked(single.id) and not st.reveal(single.id)
    r = st.submit(single, "a")
    assert r.correct and st.locked(single.id) and st.reveal(single.id)
    with pytest.raises(model.ResponseError):
        st.submit(single, "a")  # closed once right
    with pytest.raises(model.ResponseError):
        st.submit(multi, [])  # no answer is not a try
    assert st.first_score(single.id) == 0.0  # the first try counts
    assert not st.complete
    st.submit(multi, ["a", "b", "c"])
    assert st.complete and st.score == 0.5 and st.passed
    st2 = model.QuizState("s1", "practice", [single.id], pass_mark=0.7)
    st2.submit(single, "b")
    st2.submit(single, "c")
    assert st2.reveal(single.id) and not st2.locked(single.id)  # shown after two tries
    assert not st2.passed


def test_check_mode_grades_everything_at_the_end():
    single, order = q_single(), q_ordering()
    st = model.QuizState("check", "check", [single.id, order.id], pass_mark=0.7)
    st.set_draft(single, "a")
    with pytest.raises(model.ResponseError):
        st.submit(single, "a")
    assert not st.reveal(single.id) and st.answered == 0
    results = st.finish({single.id: single, order.id: order})
    assert set(results) == {single.id}  # the unanswered question scores 0
    assert st.finished and st.complete and st.locked(order.id) and st.reveal(order.id)
    assert st.score == 0.5 and not st.passed
    assert st.section_scores({single.id: single, order.id: order}) == {
        "s1": (1.0, 1),
        "s2": (0.0, 1),
    }
    with pytest.raises(model.ResponseError):
        st.finish({single.id: single, order.id: order})
    with pytest.raises(model.ResponseError):
        st.set_draft(single, "b")


def test_state_round_trips_through_its_document():
    single, multi = q_single(), q_multiple()
    st = model.QuizState("s1", "practice", [single.id, multi.id])
    st.submit(single, "b")
    st.submit(multi, ["a", "d"])
    doc = st.to_doc()
    back = model.QuizState.from_doc(doc)
    assert back == st
    assert doc["score"] == 0.0 and doc["answered"] == 2 and doc["complete"] is True
    # a question removed from the bank is dropped, not an error
    assert model.QuizState.from_doc(doc, known={single.id}).question_ids == [single.id]
