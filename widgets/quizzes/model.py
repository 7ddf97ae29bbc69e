"""Quiz rules in plain Python: question types, grading, modes, scoring and seeded shuffles.

Nothing here imports ipywidgets; the views in :mod:`widgets.quizzes.view` render these objects and
call :meth:`QuizState.submit` / :meth:`QuizState.finish`. Questions are built (and validated
against the course content) by :mod:`widgets.quizzes.bank`.

Responses, by question kind:

* ``single``, ``truefalse``, ``scenario``: the id of the chosen option (``str``);
* ``multiple``: the ids of the chosen options (``list[str]``);
* ``matching``: ``{left id: right id}`` for each row;
* ``ordering``: the item ids in the order the learner put them (``list[str]``).

Scoring rules (a score is between 0 and 1):

* one-answer kinds: 1 for the right option, else 0;
* ``multiple`` (partial credit): ``max(0, (right options chosen - wrong options chosen) /
  number of right options)``; a wrong pick cancels a right one, so choosing everything scores 0
  unless every option is right. It is *correct* only when exactly the right options are chosen;
* ``matching``: the share of rows matched correctly;
* ``ordering``: the share of items in their right place.

A question counts with the score of the learner's **first** try; later tries (practice mode) are
for learning and are recorded, but do not raise the score. A quiz is passed when its score
reaches the pass mark.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["single", "multiple", "truefalse", "matching", "ordering", "scenario"]
ONE_ANSWER = ("single", "truefalse", "scenario")
RIGHT, PARTLY, WRONG = "✓", "◐", "✗"  # always shown with words, never colour alone


@dataclass(frozen=True)
class Option:
    """One answer option with its own feedback."""

    id: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Pair:
    """One row of a matching question: ``left`` goes with ``right``."""

    left_id: str
    left: str
    right_id: str
    right: str


@dataclass(frozen=True)
class Item:
    """One item of an ordering question (items are kept in their right order)."""

    id: str
    text: str


@dataclass(frozen=True)
class Question:
    """A question, resolved from the bank: texts are final, ids are stable."""

    id: str
    kind: Kind
    section: str
    objective: str
    prompt: str
    explanation: str
    options: tuple[Option, ...] = ()
    pairs: tuple[Pair, ...] = ()
    targets: tuple[tuple[str, str], ...] = ()  # (id, text) choices for matching rows
    items: tuple[Item, ...] = ()
    scenario: str | None = None
    hint: str | None = None
    anchor: str | None = None

    def option(self, option_id: str) -> Option:
        """The option with this id (KeyError if unknown)."""
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)

    @property
    def right_answer(self) -> str:
        """The right answer in words, shown once feedback reveals it."""
        if self.kind in ONE_ANSWER or self.kind == "multiple":
            return "; ".join(o.text for o in self.options if o.correct)
        if self.kind == "matching":
            return "; ".join(f"{p.left}: {p.right}" for p in self.pairs)
        return " → ".join(i.text for i in self.items)


@dataclass(frozen=True)
class Line:
    """One line of feedback: a symbol, whether it is good news, and the words."""

    symbol: str
    ok: bool
    text: str


@dataclass(frozen=True)
class Result:
    """The grade of one response."""

    score: float
    correct: bool
    lines: tuple[Line, ...]
    missed: int = 0  # right options not chosen (multiple select)

    @property
    def symbol(self) -> str:
        """✓ right, ◐ partly right, ✗ not right."""
        return RIGHT if self.correct else PARTLY if self.score > 0 else WRONG


class ResponseError(ValueError):
    """A response that does not fit the question (unknown option, wrong shape)."""


def is_answered(question: Question, response: Any) -> bool:
    """Whether a response says something (an empty choice is not an answer)."""
    if response is None:
        return False
    if question.kind == "multiple":
        return bool(response)
    if question.kind == "matching":
        return isinstance(response, dict) and any(v for v in response.values())
    if question.kind == "ordering":
        return isinstance(response, list) and any(response)
    return bool(response)


def grade(question: Question, response: Any) -> Result:
    """Score a response and say why, option by option (see the module doc for the rules)."""
    k = question.kind
    if k in ONE_ANSWER:
        if not isinstance(response, str):
            raise ResponseError(f"{question.id}: expected one option id")
        o = question.option(response)
        return Result(
            1.0 if o.correct else 0.0,
            o.correct,
            (Line(RIGHT if o.correct else WRONG, o.correct, o.feedback),),
        )
    if k == "multiple":
        if not isinstance(response, (list, tuple, set)):
            raise ResponseError(f"{question.id}: expected a list of option ids")
        chosen = set(response)
        for oid in chosen:
            question.option(oid)
        right = {o.id for o in question.options if o.correct}
        hits, wrong = chosen & right, chosen - right
        score = max(0.0, (len(hits) - len(wrong)) / len(right))
        lines = tuple(
            Line(RIGHT if o.correct else WRONG, o.correct, o.feedback)
            for o in question.options
            if o.id in chosen
        )
        return Result(score, chosen == right, lines, missed=len(right - chosen))
    if k == "matching":
        if not isinstance(response, dict):
            raise ResponseError(f"{question.id}: expected a mapping of rows to choices")
        lines, good = [], 0
        for p in question.pairs:
            ok = response.get(p.left_id) == p.right_id
            good += ok
            lines.append(Line(RIGHT if ok else WRONG, ok, p.left))
        return Result(good / len(question.pairs), good == len(question.pairs), tuple(lines))
    if k == "ordering":
        if not isinstance(response, (list, tuple)):
            raise ResponseError(f"{question.id}: expected a list of item ids")
        lines, good = [], 0
        for i, item in enumerate(question.items):
            ok = i < len(response) and response[i] == item.id
            good += ok
            lines.append(Line(RIGHT if ok else WRONG, ok, str(i + 1)))
        n = len(question.items)
        return Result(good / n, good == n, tuple(lines))
    raise ResponseError(f"{question.id}: unknown kind {k!r}")


# --- seeded order --------------------------------------------------------------------------
def seed_for(learner: str, quiz_id: str) -> int:
    """A stable seed from the learner code and the quiz id (same learner, same order)."""
    digest = hashlib.sha256(f"{learner}\x1f{quiz_id}".encode()).hexdigest()
    return int(digest[:16], 16)


def shuffled(items, seed: int, salt: str = "") -> list:
    """``items`` in an order fixed by ``seed`` (and ``salt``, e.g. a question id)."""
    out = list(items)
    random.Random(f"{seed}:{salt}").shuffle(out)
    return out


def option_order(question: Question, seed: int) -> list[Option]:
    """The options in the order this learner sees them (true/false keeps its order)."""
    if question.kind == "truefalse":
        return list(question.options)
    return shuffled(question.options, seed, question.id)


def draw(questions: list[Question], seed: int, per_section: int, sections: list[str]) -> list[str]:
    """Question ids for a mixed quiz: ``per_section`` from each section, seeded, in section order.

    Within a section, the draw tries to cover different objectives first.
    """
    picked: list[str] = []
    for section in sections:
        pool = shuffled([q for q in questions if q.section == section], seed, section)
        seen: set[str] = set()
        first = [q for q in pool if not (q.objective in seen or seen.add(q.objective))]
        rest = [q for q in pool if q not in first]
        picked += [q.id for q in (first + rest)[:per_section]]
    return picked


# --- a quiz being taken --------------------------------------------------------------------
Mode = Literal["practice", "check"]
REVEAL_AFTER = 2  # practice mode shows the explanation and right answer after this many tries


@dataclass
class Attempt:
    """One graded try at a question."""

    response: Any
    score: float
    correct: bool


@dataclass
class QuizState:
    """A learner's progress in one quiz; turns into a JSON document and back.

    *Practice* mode: each answer is graded at once and can be tried again until it is right.
    *Check* mode: answers are kept as drafts and graded together by :meth:`finish`; feedback
    comes at the end, with one try per question (start again to retry).
    """

    quiz_id: str
    mode: Mode
    question_ids: list[str]
    pass_mark: float = 0.7
    drafts: dict[str, Any] = field(default_factory=dict)
    attempts: dict[str, list[Attempt]] = field(default_factory=dict)
    finished: bool = False

    # -- actions -----------------------------------------------------------------------------
    def set_draft(self, question: Question, response: Any) -> None:
        """Remember what the learner has chosen so far (not graded)."""
        if self.locked(question.id):
            raise ResponseError(f"{question.id}: this question is closed")
        self.drafts[question.id] = response

    def submit(self, question: Question, response: Any) -> Result:
        """Grade one answer now (practice mode)."""
        if self.mode != "practice":
            raise ResponseError("answers are graded together at the end in check mode")
        if self.locked(question.id):
            raise ResponseError(f"{question.id}: already answered correctly")
        if not is_answered(question, response):
            raise ResponseError(f"{question.id}: no answer given")
        result = grade(question, response)
        self.drafts[question.id] = response
        self.attempts.setdefault(question.id, []).append(
            Attempt(response, result.score, result.correct)
        )
        return result

    def finish(self, questions: dict[str, Question]) -> dict[str, Result]:
        """Grade every answered draft at once (check mode); unanswered questions score 0."""
        if self.mode != "check":
            raise ResponseError("only a check quiz is finished as a whole")
        if self.finished:
            raise ResponseError("this quiz is already finished")
        results = {}
        for qid in self.question_ids:
            response = self.drafts.get(qid)
            if is_answered(questions[qid], response):
                r = grade(questions[qid], response)
                self.attempts.setdefault(qid, []).append(Attempt(response, r.score, r.correct))
                results[qid] = r
        self.finished = True
        return results

    # -- reading -------------------------------------------------------------------------------
    def locked(self, qid: str) -> bool:
        """Whether the answer can no longer change (right in practice, finished in check)."""
        if self.mode == "check":
            return self.finished
        return any(a.correct for a in self.attempts.get(qid, []))

    def reveal(self, qid: str) -> bool:
        """Whether to show the explanation and the right answer now."""
        if self.mode == "check":
            return self.finished
        tries = self.attempts.get(qid, [])
        return bool(tries) and (tries[-1].correct or len(tries) >= REVEAL_AFTER)

    def first_score(self, qid: str) -> float:
        """The score that counts: the first try's (0 if not answered)."""
        tries = self.attempts.get(qid)
        return tries[0].score if tries else 0.0

    @property
    def answered(self) -> int:
        """How many questions have at least one graded try."""
        return sum(1 for q in self.question_ids if self.attempts.get(q))

    @property
    def complete(self) -> bool:
        """All questions answered (practice) or the quiz finished (check)."""
        if self.mode == "check":
            return self.finished
        return self.answered == len(self.question_ids)

    @property
    def score(self) -> float:
        """Share of the quiz's points earned, 0..1 (first tries)."""
        n = len(self.question_ids)
        return sum(self.first_score(q) for q in self.question_ids) / n if n else 0.0

    @property
    def points(self) -> float:
        """Points earned (one per question, partial credit included)."""
        return sum(self.first_score(q) for q in self.question_ids)

    @property
    def passed(self) -> bool:
        """Whether the score reaches the pass mark (only meaningful once complete)."""
        return self.score + 1e-9 >= self.pass_mark

    def section_scores(self, questions: dict[str, Question]) -> dict[str, tuple[float, int]]:
        """Per section: (points, number of questions), in the quiz's order."""
        out: dict[str, tuple[float, int]] = {}
        for qid in self.question_ids:
            sec = questions[qid].section
            pts, n = out.get(sec, (0.0, 0))
            out[sec] = (pts + self.first_score(qid), n + 1)
        return out

    # -- persistence ---------------------------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        """A JSON-ready document for the store."""
        return {
            "version": 1,
            "quiz": self.quiz_id,
            "mode": self.mode,
            "questions": list(self.question_ids),
            "pass_mark": self.pass_mark,
            "drafts": self.drafts,
            "attempts": {
                q: [[a.response, a.score, a.correct] for a in tries]
                for q, tries in self.attempts.items()
            },
            "finished": self.finished,
            "score": round(self.score, 4),
            "answered": self.answered,
            "complete": self.complete,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any], known: set[str] | None = None) -> QuizState:
        """Rebuild a state from its document; questions no longer in the bank are dropped."""
        keep = [q for q in doc["questions"] if known is None or q in known]
        return cls(
            quiz_id=doc["quiz"],
            mode=doc["mode"],
            question_ids=keep,
            pass_mark=float(doc.get("pass_mark", 0.7)),
            drafts={q: v for q, v in doc.get("drafts", {}).items() if q in keep},
            attempts={
                q: [Attempt(r, float(s), bool(c)) for r, s, c in tries]
                for q, tries in doc.get("attempts", {}).items()
                if q in keep
            },
            finished=bool(doc.get("finished", False)),
        )
