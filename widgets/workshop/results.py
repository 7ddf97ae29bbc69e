"""A workshop's results in the course's words, without widgets and without pandas.

:func:`build_report` reads a workshop's participants, answers and shared plan summaries from the
store and the questions from the question bank (:mod:`widgets.quizzes.bank`, the only reader of
``questions.yaml``), and returns a :class:`~widgets.workshop.report.Report`:

* every answer as text (:mod:`.answers`);
* per question, bars per option; matching questions per pair (row) and ordering questions per
  position, each with the right answer marked;
* first-try and final scores (a question's first try counts for the score; the last try shows
  what participants learned from the feedback);
* per participant (``P01 name``, never a learner code) and per section (the page's title), with
  how many participants reached the pass mark at their first try (mastery);
* the groups' maps from the plan summaries participants shared (:mod:`.group_maps`).

The item analysis (facility, discrimination, distractors) is in :mod:`.analysis` (pandas).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .. import ui
from ..store import Store
from .answers import participant_labels, question_parts, response_text
from .codes import WorkshopError
from .group_maps import mean, plan_figures
from .report import FirstTry, ParticipantRow, QuestionStats, Report, SectionRow
from .trainer import SIGN_IN_REFUSED


def questions() -> dict[str, Any]:
    """The question bank's questions by id (read by :mod:`widgets.quizzes.bank`)."""
    from ..quizzes import bank

    return bank.load().questions


@dataclass
class _Answers:
    """A workshop's answers, each participant's first and last try at each question."""

    rows: list[dict[str, Any]]
    first: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    last: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for a in self.rows:  # ordered by learner, question, attempt
            key = (a["learner"], a["question_id"])
            self.first.setdefault(key, a)
            self.last[key] = a


def build_report(store: Store, code: str, bank_questions: dict[str, Any] | None = None) -> Report:
    """Aggregate a workshop's participants, answers and shared plan summaries.

    Only answers of participants who joined, given while the workshop was open, count
    (:meth:`Store.workshop_answers`). ``bank_questions`` defaults to the question bank.
    """
    from .. import content
    from ..quizzes import bank

    ws = store.workshop(code)
    if ws is None:
        raise WorkshopError(SIGN_IN_REFUSED)
    course = content.load()
    qs = questions() if bank_questions is None else bank_questions
    group_list = tuple((g["id"], g["name"]) for g in store.groups(code))
    people = store.participants(code)
    names = dict(group_list)
    labels = dict(
        zip(
            [p["learner"] for p in people],
            participant_labels([p["display_name"] for p in people]),
            strict=True,
        )
    )
    group_of = {p["learner"]: names.get(p["group"] or "", "") for p in people}
    answers = _Answers(store.workshop_answers(code))
    section_of = {qid: qs[qid].section if qid in qs else "" for _, qid in answers.first}
    mark = bank.load().pass_mark
    sections, mastered_by = _sections(answers, section_of, mark, course)
    return Report(
        code=code,
        name=ws["name"],
        closed=ws["closed_at"] is not None,
        pass_mark=mark,
        participants=_participants(answers, people, labels, group_of, mastered_by),
        groups=group_list,
        questions=_question_stats(answers, qs, course),
        sections=sections,
        answer_rows=_answer_rows(answers, qs, labels, group_of, section_of, course),
        first_tries=tuple(
            FirstTry(
                labels.get(learner, "?"),
                group_of.get(learner, ""),
                qid,
                float(a["score"]),
                bool(a["correct"]),
                a["response"],
            )
            for (learner, qid), a in answers.first.items()
        ),
        answers_total=len(answers.rows),
        **plan_figures(store, code, people, group_list, course),
    )


def _question_stats(answers: _Answers, qs: dict[str, Any], course) -> tuple[QuestionStats, ...]:
    """Per question, in the bank's order (ids the bank does not know after, by id)."""
    page_titles = {p.id: p.title for p in course.outline.pages}
    objective_texts = {o.id: o.text for p in course.outline.pages for o in p.objectives}
    by_q: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in answers.first:
        by_q[key[1]].append(key)
    order = [q for q in qs if q in by_q] + sorted(set(by_q) - set(qs))
    stats = []
    for qid in order:
        q = qs.get(qid)
        firsts = [answers.first[k] for k in by_q[qid]]
        finals = [answers.last[k] for k in by_q[qid]]
        section = q.section if q else ""
        objective = q.objective if q else ""
        stats.append(
            QuestionStats(
                id=qid,
                kind=q.kind if q else "",
                prompt=q.prompt if q else qid,
                explanation=q.explanation if q else "",
                right_answer=q.right_answer if q else "",
                section=section,
                section_title=page_titles.get(section, section),
                objective=objective,
                objective_text=objective_texts.get(objective, ""),
                answered=len(firsts),
                correct_first=sum(a["correct"] for a in firsts),
                correct_final=sum(a["correct"] for a in finals),
                mean_first=mean(a["score"] for a in firsts),
                mean_final=mean(a["score"] for a in finals),
                parts=question_parts(q, [(a["response"], a["correct"]) for a in firsts]),
            )
        )
    return tuple(stats)


def _sections(answers: _Answers, section_of, mark: float, course):
    """Per section (the outline's order): answers, scores, and who reached the pass mark.

    Returns the rows and, per learner, the sections they mastered.
    """
    page_titles = {p.id: p.title for p in course.outline.pages}
    sec_first: dict[str, list[float]] = defaultdict(list)
    sec_final: dict[str, list[float]] = defaultdict(list)
    person_sec: dict[tuple[str, str], list[float]] = defaultdict(list)
    for key, a in answers.first.items():
        sec = section_of[key[1]]
        sec_first[sec].append(float(a["score"]))
        sec_final[sec].append(float(answers.last[key]["score"]))
        person_sec[(key[0], sec)].append(float(a["score"]))
    mastered_by: dict[str, set[str]] = defaultdict(set)  # learner -> sections mastered
    sec_people: dict[str, set[str]] = defaultdict(set)
    for (learner, sec), scores in person_sec.items():
        sec_people[sec].add(learner)
        if mean(scores) >= mark - 1e-9:
            mastered_by[learner].add(sec)
    outline = [p.id for p in course.outline.pages]
    order = outline + sorted(set(sec_first) - set(outline))
    rows = tuple(
        SectionRow(
            id=sec,
            title=page_titles.get(sec, sec or ui.t("trainer.no_section")),
            answers=len(sec_first[sec]),
            mean_first=mean(sec_first[sec]),
            mean_final=mean(sec_final[sec]),
            participants=len(sec_people[sec]),
            mastered=sum(sec in mastered_by[x] for x in sec_people[sec]),
        )
        for sec in order
        if sec in sec_first
    )
    return rows, mastered_by


def _participants(answers: _Answers, people, labels, group_of, mastered_by):
    """One row per participant, in the order they joined."""
    rows = []
    for p in people:
        mine = [(k, a) for k, a in answers.first.items() if k[0] == p["learner"]]
        rows.append(
            ParticipantRow(
                label=labels[p["learner"]],
                group=group_of[p["learner"]],
                answered=len(mine),
                correct_first=sum(a["correct"] for _, a in mine),
                mean_first=mean(a["score"] for _, a in mine),
                mean_final=mean(answers.last[k]["score"] for k, _ in mine),
                sections_mastered=len(mastered_by[p["learner"]]),
            )
        )
    return tuple(rows)


def _answer_rows(answers: _Answers, qs, labels, group_of, section_of, course):
    """Every answer in words (see :data:`widgets.workshop.exports` for the header)."""
    page_titles = {p.id: p.title for p in course.outline.pages}
    yes, no = ui.t("table.yes"), ui.t("table.no")
    return tuple(
        (
            labels.get(a["learner"], "?"),
            group_of.get(a["learner"], ""),
            page_titles.get(section_of.get(a["question_id"], ""), ""),
            qs[a["question_id"]].prompt if a["question_id"] in qs else a["question_id"],
            a["attempt"],
            response_text(a["response"], qs.get(a["question_id"])),
            round(float(a["score"]), 4),
            yes if a["correct"] else no,
        )
        for a in answers.rows
    )
