"""The question bank: ``course_data/questions.yaml``, validated and resolved against the course.

Each question names the page that teaches it (``section``, a page id from ``outline.yaml``), the
objective it assesses and, optionally, an ``anchor`` (a heading on that page). Matching and
ordering questions do not retype facts: their pairs and items are ids resolved from the course
content (e.g. a committee and the TB-Net member that supports it), so a pair that does not exist
in ``course_data`` is an error. A malformed bank fails with a :class:`content.ContentError` naming
the file, the entry and the field, like every other content file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from .. import content
from ..content import ContentError, _Frozen
from . import model

FILENAME = "questions.yaml"
Relation = Literal[
    "committee-ngo", "committee-name", "committee-treaty", "quadrant-rule", "form-option"
]
#: Ordering questions name the review sequence they ask about (a procedure id).
Sequence = Literal["simplified", "standard"]


class OptionSpec(_Frozen):
    text: str = Field(min_length=1)
    correct: bool = False
    feedback: str = Field(min_length=1)


class QuestionSpec(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: model.Kind
    section: str
    objective: str
    anchor: str | None = None
    prompt: str = Field(min_length=1)
    scenario: str | None = None
    options: tuple[OptionSpec, ...] = ()
    answer: bool | None = None
    if_true: str | None = None
    if_false: str | None = None
    relation: Relation | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    distractors: tuple[str, ...] = ()
    sequence: Sequence | None = None
    items: tuple[str, ...] = ()
    explanation: str = Field(min_length=1)
    hint: str | None = None

    @model_validator(mode="after")
    def _fits_its_kind(self) -> QuestionSpec:
        k = self.kind
        choice = k in ("single", "multiple", "scenario")
        if choice:
            if len(self.options) < 2:
                raise ValueError("options: a choice question needs at least two options")
            seen = set()
            for o in self.options:
                key = " ".join(o.text.lower().split())
                if key in seen:
                    raise ValueError(f"options: duplicate option '{o.text}'")
                seen.add(key)
            n_right = sum(o.correct for o in self.options)
            if n_right == 0:
                raise ValueError("options: no correct answer")
            if k != "multiple" and n_right != 1:
                raise ValueError(f"options: a {k} question needs exactly one correct answer")
        elif self.options:
            raise ValueError(f"options: a {k} question has no options list")
        if k == "scenario" and not self.scenario:
            raise ValueError("scenario: a scenario question needs its situation")
        if k == "truefalse" and (self.answer is None or not self.if_true or not self.if_false):
            raise ValueError("answer: a true/false question needs answer, if_true and if_false")
        if k == "matching":
            if self.relation is None or len(self.pairs) < 2:
                raise ValueError("pairs: a matching question needs a relation and 2+ pairs")
            lefts, rights = [p[0] for p in self.pairs], [p[1] for p in self.pairs]
            if len(set(lefts)) != len(lefts) or len(set(rights + list(self.distractors))) != len(
                rights
            ) + len(self.distractors):
                raise ValueError("pairs: duplicate option in the pairs or distractors")
        if k == "ordering":
            if self.sequence is None or len(self.items) < 3:
                raise ValueError("items: an ordering question needs a sequence and 3+ items")
            if len(set(self.items)) != len(self.items):
                raise ValueError("items: duplicate option")
        return self


class CheckSpec(_Frozen):
    page: str
    per_section: int = Field(default=0, ge=0, le=5)
    #: Questions per objective in the final check (1 covers every objective).
    per_objective: int = Field(default=0, ge=0, le=3)

    @model_validator(mode="after")
    def _draws_something(self) -> CheckSpec:
        if not (self.per_section or self.per_objective):
            raise ValueError("check: set per_objective (or per_section)")
        return self


class BankFile(_Frozen):
    pass_mark: float = Field(gt=0, le=1)
    check: CheckSpec
    questions: tuple[QuestionSpec, ...] = Field(min_length=1)


class Bank:
    """The validated questions, by id, and the quizzes made from them."""

    def __init__(self, questions: tuple[model.Question, ...], pass_mark: float, check: CheckSpec):
        self.questions = {q.id: q for q in questions}
        self.pass_mark = pass_mark
        self.check = check
        self.sections = tuple(dict.fromkeys(q.section for q in questions))

    def mode(self, quiz_id: str) -> model.Mode:
        """Section quizzes are practice; the final check is a check."""
        return "check" if quiz_id == self.check.page else "practice"

    def question_ids(self, quiz_id: str, seed: int) -> list[str]:
        """The questions of a quiz in this learner's order (KeyError for an unknown quiz)."""
        if quiz_id == self.check.page:
            if self.check.per_objective:
                return self._draw_per_objective(seed)
            return model.draw(
                list(self.questions.values()), seed, self.check.per_section, list(self.sections)
            )
        ids = [q.id for q in self.questions.values() if q.section == quiz_id]
        if not ids:
            raise KeyError(f"no quiz for page {quiz_id!r}")
        return model.shuffled(ids, seed, quiz_id)

    def _draw_per_objective(self, seed: int) -> list[str]:
        """``per_objective`` questions for every objective, seeded, in course order."""
        objectives = list(dict.fromkeys(q.objective for q in self.questions.values()))
        picked: list[str] = []
        for obj in objectives:
            pool = [q.id for q in self.questions.values() if q.objective == obj]
            picked += model.shuffled(pool, seed, obj)[: self.check.per_objective]
        return picked


# --- resolving ids against the course ------------------------------------------------------
def _relation(course: content.Course, relation: str) -> tuple[dict, dict, Any]:
    """(left texts, right texts, exists(left, right)) for a matching relation."""
    tbs = {tb.acronym: tb for tb in course.treaty_bodies}
    if relation == "committee-ngo":
        members = {m.id: m for m in course.members}
        return (
            {a: f"{a}: {tb.name}" for a, tb in tbs.items()},
            {m.id: m.name for m in members.values()},
            lambda left, right: members[right].committee == left,
        )
    if relation in ("committee-name", "committee-treaty"):
        field = "name" if relation == "committee-name" else "treaty"
        return (
            {a: a for a in tbs},
            {a: getattr(tb, field) for a, tb in tbs.items()},
            lambda left, right: left == right,
        )
    if relation == "quadrant-rule":
        quads = course.mapping.grid.quadrants
        return (
            {q.id: q.rule[0].upper() + q.rule[1:] for q in quads},
            {q.id: q.label for q in quads},
            lambda left, right: left == right,
        )
    if relation == "form-option":
        opts = [o for dim in course.forms for o in dim.options]
        return (
            {o.id: o.text for o in opts},
            {o.id: o.label for o in opts},
            lambda left, right: left == right,
        )
    raise KeyError(relation)


def _check_section(spec: QuestionSpec, course: content.Course, where: str) -> None:
    """The question's page exists, is a lesson, and has the question's objective."""
    try:
        page = course.page(spec.section)
    except KeyError:
        raise ContentError(
            f"{where}, field 'section': no page '{spec.section}' in outline.yaml"
        ) from None
    if page.kind != "lesson":
        raise ContentError(f"{where}, field 'section': page '{spec.section}' is not a lesson")
    if spec.objective not in {o.id for o in page.objectives}:
        raise ContentError(
            f"{where}, field 'objective': '{spec.objective}' is not an objective of "
            f"page '{spec.section}'"
        )


def _truefalse(spec: QuestionSpec, course: content.Course, where: str) -> dict:
    options = tuple(
        model.Option(
            str(value).lower(),
            course.text(f"quiz.{str(value).lower()}"),
            value == spec.answer,
            spec.if_true if value else spec.if_false,
        )
        for value in (True, False)
    )
    return {"options": options}


def _matching(spec: QuestionSpec, course: content.Course, where: str) -> dict:
    """Rows and targets of a matching question, each pair checked against course_data."""
    lefts, rights, exists = _relation(course, spec.relation)
    pairs = []
    for left, right in spec.pairs:
        if left not in lefts or right not in rights:
            unknown = left if left not in lefts else right
            raise ContentError(f"{where}, field 'pairs': unknown id '{unknown}'")
        if not exists(left, right):
            raise ContentError(
                f"{where}, field 'pairs': the pair ('{left}', '{right}') does not exist "
                f"in course_data ({spec.relation})"
            )
        pairs.append(model.Pair(left, lefts[left], right, rights[right]))
    for d in spec.distractors:
        if d not in rights:
            raise ContentError(f"{where}, field 'distractors': unknown id '{d}'")
        if any(exists(p.left_id, d) for p in pairs):
            raise ContentError(f"{where}, field 'distractors': '{d}' is a right answer for a row")
    targets = tuple((p.right_id, p.right) for p in pairs) + tuple(
        (d, rights[d]) for d in spec.distractors
    )
    return {"pairs": tuple(pairs), "targets": targets}


def _ordering(spec: QuestionSpec, course: content.Course, where: str) -> dict:
    """The steps to order, checked to be steps of the procedure, in its order."""
    proc = course.procedure(spec.sequence)
    steps = [s.id for s in proc.steps]
    titles = {s.id: s.title for s in proc.steps}
    unknown = [i for i in spec.items if i not in titles]
    if unknown:
        raise ContentError(
            f"{where}, field 'items': unknown step '{unknown[0]}' in the {proc.title}"
        )
    if sorted(spec.items, key=steps.index) != list(spec.items):
        raise ContentError(
            f"{where}, field 'items': the items are not in the order of the {proc.title}"
        )
    return {"items": tuple(model.Item(i, titles[i]) for i in spec.items)}


def _choices(spec: QuestionSpec, course: content.Course, where: str) -> dict:
    options = tuple(
        model.Option(chr(ord("a") + i), o.text, o.correct, o.feedback)
        for i, o in enumerate(spec.options)
    )
    return {"options": options}


_PARTS = {"truefalse": _truefalse, "matching": _matching, "ordering": _ordering}


def _resolve(spec: QuestionSpec, course: content.Course) -> model.Question:
    """One question of the file, checked against the outline and course_data."""
    where = f"{FILENAME}: entry '{spec.id}'"
    _check_section(spec, course, where)
    parts = _PARTS.get(spec.kind, _choices)(spec, course, where)
    return model.Question(
        id=spec.id,
        kind=spec.kind,
        section=spec.section,
        objective=spec.objective,
        prompt=spec.prompt,
        explanation=spec.explanation,
        scenario=spec.scenario,
        hint=spec.hint,
        anchor=spec.anchor,
        **parts,
    )


def load_from(directory: str | Path, course: content.Course | None = None) -> Bank:
    """Load and validate the bank in ``directory`` against ``course`` (no caching)."""
    directory = Path(directory)
    course = course or content.load_from(directory)
    data = content._read(directory, FILENAME, course.language)  # in the course's language
    try:
        spec = BankFile.model_validate(data)
    except ValidationError as exc:
        raise ContentError(content._format_error(FILENAME, data, exc)) from None
    ids = [q.id for q in spec.questions]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ContentError(f"{FILENAME}: entry '{dupes[0]}', field 'id': duplicate question id")
    questions = tuple(_resolve(q, course) for q in spec.questions)
    try:
        check_page = course.page(spec.check.page)
    except KeyError:
        raise ContentError(
            f"{FILENAME}: entry check, field 'page': no page '{spec.check.page}' in outline.yaml"
        ) from None
    if check_page.kind != "quiz":
        raise ContentError(f"{FILENAME}: entry check, field 'page': not a quiz page")
    for page in course.outline.pages:
        for obj in page.objectives:
            n = sum(q.objective == obj.id for q in questions)
            if n < 2:
                raise ContentError(
                    f"{FILENAME}: objective '{obj.id}' (page '{page.id}') is assessed by "
                    f"{n} question(s); it needs at least 2"
                )
    return Bank(questions, spec.pass_mark, spec.check)


@cache
def _load_cached(directory: str, language: str) -> Bank:
    return load_from(directory, content.load(language))


def load() -> Bank:
    """The question bank in the course's language, loaded and validated once per kernel."""
    return _load_cached(str(content.data_dir()), content.language())
