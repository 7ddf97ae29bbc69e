"""A workshop's results in the course's words, without widgets and without pandas.

:func:`build_report` reads a workshop's participants, answers and shared plan summaries from the
store and the questions from the question bank (:mod:`widgets.quizzes.bank`, the only reader of
``questions.yaml``), and returns a :class:`Report`:

* every answer as text (the option's words, the pairs matched, the order given);
* per question, bars per option; matching questions per pair (row) and ordering questions per
  position, each with the right answer marked;
* first-try and final scores (a question's first try counts for the score; the last try shows
  what participants learned from the feedback);
* per participant (``P01 name``, never a learner code) and per section (the page's title), with
  how many participants reached the pass mark at their first try (mastery);
* the groups' maps from the plan summaries participants shared, side by side and merged.

The item analysis (facility, discrimination, distractors) is in :mod:`.analysis` (pandas).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from ..store import Store
from . import model

NO_ANSWER = "(no answer)"
#: Groups disagree on an actor type when their average ratings differ by this much or more.
SPREAD_DISAGREE = 2


@dataclass(frozen=True)
class Bar:
    """One answer and how many chose it; ``right`` marks the right answer."""

    label: str
    count: int
    right: bool


@dataclass(frozen=True)
class Part:
    """What a question's answers looked like: the whole question, one matching row, or one
    position of an ordering question."""

    title: str  # "" for the whole question
    bars: tuple[Bar, ...]
    right: str  # the right answer in words
    right_count: int  # participants who got this part right (first try)
    answered: int


@dataclass(frozen=True)
class QuestionStats:
    """How a workshop answered one question."""

    id: str
    kind: str
    prompt: str
    explanation: str
    right_answer: str
    section: str
    section_title: str
    objective: str
    objective_text: str
    answered: int  # participants who tried it
    correct_first: int
    correct_final: int
    mean_first: float
    mean_final: float
    parts: tuple[Part, ...]

    @property
    def missed(self) -> int:
        """Participants whose first try was not right."""
        return self.answered - self.correct_first

    @property
    def missed_share(self) -> float:
        """Share of first tries that were not right (0..1)."""
        return self.missed / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class ParticipantRow:
    """One participant's progress: pseudonymous label, group, questions answered, scores."""

    label: str
    group: str
    answered: int
    correct_first: int
    mean_first: float
    mean_final: float
    sections_mastered: int


@dataclass(frozen=True)
class SectionRow:
    """One section (a lesson page): answers, scores, and how many reached the pass mark."""

    id: str
    title: str
    answers: int
    mean_first: float
    mean_final: float
    participants: int
    mastered: int


@dataclass(frozen=True)
class ActorPoint:
    """One actor type on a map: average influence and interest (1-5), how many, positions."""

    type: str
    label: str
    influence: float
    interest: float
    count: int
    positions: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class GroupMap:
    """The actors a group mapped (from its members' shared plan summaries)."""

    id: str
    name: str
    plans: int
    actors: tuple[ActorPoint, ...]


@dataclass(frozen=True)
class MergedActor:
    """An actor type across the groups' maps: where they put it and whether they disagree."""

    type: str
    label: str
    groups: int
    influence: float
    interest: float
    influence_spread: float  # highest group average minus lowest
    interest_spread: float
    positions: tuple[tuple[str, int], ...]  # position label, groups that gave it most often

    @property
    def disagree(self) -> bool:
        """Groups placed it far apart, or one saw an ally where another saw an opponent."""
        spread = max(self.influence_spread, self.interest_spread) >= SPREAD_DISAGREE
        return spread or len(self.positions) > 1


@dataclass(frozen=True)
class FirstTry:
    """One participant's first try at one question (the data of the item analysis)."""

    participant: str
    group: str
    question: str
    score: float
    correct: bool
    response: Any


@dataclass(frozen=True)
class Report:
    """A workshop's results, ready to show or export (no learner codes anywhere)."""

    code: str
    name: str
    closed: bool
    pass_mark: float
    participants: tuple[ParticipantRow, ...]
    groups: tuple[tuple[str, str], ...]  # (id, name)
    questions: tuple[QuestionStats, ...]
    sections: tuple[SectionRow, ...]
    group_maps: tuple[GroupMap, ...]
    merged_map: tuple[MergedActor, ...]
    actor_types: tuple[tuple[str, int], ...]  # (label, count) over all shared plans
    coalition_forms: tuple[tuple[str, str, int], ...]  # (dimension label, option label, count)
    shared_plans: int
    answer_rows: tuple[tuple[Any, ...], ...]
    first_tries: tuple[FirstTry, ...]
    answers_total: int

    def most_missed(self, k: int = 5) -> list[QuestionStats]:
        """Questions most often missed at the first try (ties by question order)."""
        missed = [q for q in self.questions if q.missed > 0]
        return sorted(missed, key=lambda q: (-q.missed_share, -q.missed))[:k]

    def question(self, qid: str) -> QuestionStats | None:
        """The stats of one question, if anyone answered it."""
        return next((q for q in self.questions if q.id == qid), None)


ANSWER_HEADER = ("Participant", "Group", "Section", "Question", "Try", "Answer", "Score", "Right")


def participant_labels(display_names: list[str]) -> list[str]:
    """How participants appear to the trainer: ``P01 Name`` or ``P02 (anonymous)``."""
    return [
        f"P{i:02d} {name}" if name else f"P{i:02d} (anonymous)"
        for i, name in enumerate(display_names, 1)
    ]


def questions() -> dict[str, Any]:
    """The question bank's questions by id (read by :mod:`widgets.quizzes.bank`)."""
    from ..quizzes import bank

    return bank.load().questions


def pass_mark() -> float:
    """The course's pass mark (from the question bank)."""
    from ..quizzes import bank

    return bank.load().pass_mark


# -- answers in words --------------------------------------------------------------------------
def response_text(response: Any, question: Any | None = None) -> str:
    """One answer in the course's words: the option chosen, the pairs matched, the order given.

    Ids the question does not know are shown as they are (e.g. an answer to a question that
    has since left the bank).
    """
    if question is None:
        if isinstance(response, dict):
            return "; ".join(f"{k} → {v}" for k, v in response.items())
        if isinstance(response, list):
            return " + ".join(str(x) for x in response)
        return str(response)
    kind = question.kind
    if kind == "matching" and isinstance(response, dict):
        targets = dict(question.targets)
        return "; ".join(
            f"{p.left} → {targets.get(response.get(p.left_id), NO_ANSWER)}"
            if response.get(p.left_id)
            else f"{p.left} → {NO_ANSWER}"
            for p in question.pairs
        )
    if kind == "ordering" and isinstance(response, list):
        texts = {i.id: i.text for i in question.items}
        return " → ".join(texts.get(str(x), str(x)) for x in response)
    texts = {o.id: o.text for o in question.options}
    if kind == "multiple" and isinstance(response, list):
        chosen = set(map(str, response))
        known = [o.text for o in question.options if o.id in chosen]
        return " + ".join(known + sorted(x for x in chosen if x not in texts)) or NO_ANSWER
    return texts.get(str(response), str(response))


def _bars(counts: Counter, choices: list[tuple[str, str, bool]]) -> tuple[Bar, ...]:
    """Bars for every choice in the question's order, then any answer it does not know."""
    known = {cid for cid, _, _ in choices}
    bars = [Bar(text, counts.get(cid, 0), right) for cid, text, right in choices]
    bars += [
        Bar(NO_ANSWER if k is None else str(k), n, False)
        for k, n in sorted(counts.items(), key=lambda kv: str(kv[0]))
        if k not in known
    ]
    return tuple(bars)


def question_parts(question: Any | None, responses: list[tuple[Any, bool]]) -> tuple[Part, ...]:
    """Bars of one question from its first-try responses ``(response, correct)``."""
    n = len(responses)
    if question is None:
        counts = Counter(response_text(r) for r, _ in responses)
        bars = tuple(Bar(k, v, False) for k, v in sorted(counts.items()))
        return (Part("", bars, "", sum(c for _, c in responses), n),)
    kind = question.kind
    if kind == "matching":
        parts = []
        choices = [(tid, text, False) for tid, text in question.targets]
        for p in question.pairs:
            counts = Counter(
                (r.get(p.left_id) or None) if isinstance(r, dict) else None for r, _ in responses
            )
            marked = [(tid, text, tid == p.right_id) for tid, text, _ in choices]
            parts.append(Part(p.left, _bars(counts, marked), p.right, counts[p.right_id], n))
        return tuple(parts)
    if kind == "ordering":
        parts = []
        for i, item in enumerate(question.items):
            counts = Counter(
                (r[i] if isinstance(r, list) and i < len(r) else None) for r, _ in responses
            )
            marked = [(it.id, it.text, it.id == item.id) for it in question.items]
            title = _t("quiz.position", n=i + 1)
            parts.append(Part(title, _bars(counts, marked), item.text, counts[item.id], n))
        return tuple(parts)
    choices = [(o.id, o.text, o.correct) for o in question.options]
    if kind == "multiple":
        counts = Counter(str(x) for r, _ in responses if isinstance(r, list) for x in set(r))
    else:
        counts = Counter(str(r) for r, _ in responses)
    right = "; ".join(o.text for o in question.options if o.correct)
    return (Part("", _bars(counts, choices), right, sum(c for _, c in responses), n),)


def _t(key: str, **values: Any) -> str:
    from .. import content

    return content.load().text(key, **values)


# -- the report --------------------------------------------------------------------------------
def build_report(store: Store, code: str, bank_questions: dict[str, Any] | None = None) -> Report:
    """Aggregate a workshop's participants, answers and shared plan summaries.

    Only answers of participants who joined, given while the workshop was open, count
    (:meth:`Store.workshop_answers`). ``bank_questions`` defaults to the question bank.
    """
    from .. import content

    ws = store.workshop(code)
    if ws is None:
        raise model.WorkshopError(model.SIGN_IN_REFUSED)
    course = content.load()
    bank_qs = questions() if bank_questions is None else bank_questions
    try:
        mark = pass_mark()
    except Exception:  # a broken bank is reported by the course's own tests and pages
        mark = 0.7
    page_titles = {p.id: p.title for p in course.outline.pages}
    objective_texts = {o.id: o.text for p in course.outline.pages for o in p.objectives}
    group_list = tuple((g["id"], g["name"]) for g in store.groups(code))
    group_names = dict(group_list)
    people = store.participants(code)
    labels = dict(
        zip(
            [p["learner"] for p in people],
            participant_labels([p["display_name"] for p in people]),
            strict=True,
        )
    )
    group_of = {p["learner"]: group_names.get(p["group"] or "", "") for p in people}

    answers = store.workshop_answers(code)  # ordered by learner, question, attempt
    first: dict[tuple[str, str], dict[str, Any]] = {}
    last: dict[tuple[str, str], dict[str, Any]] = {}
    for a in answers:
        key = (a["learner"], a["question_id"])
        first.setdefault(key, a)
        last[key] = a

    # -- per question, in the bank's order (unknown ids after, by id)
    by_q: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for learner, qid in first:
        by_q[qid].append((learner, qid))
    order = [q for q in bank_qs if q in by_q] + sorted(set(by_q) - set(bank_qs))
    stats = []
    for qid in order:
        keys = by_q[qid]
        q = bank_qs.get(qid)
        firsts = [first[k] for k in keys]
        finals = [last[k] for k in keys]
        section = getattr(q, "section", "") or ""
        objective = getattr(q, "objective", "") or ""
        stats.append(
            QuestionStats(
                id=qid,
                kind=getattr(q, "kind", ""),
                prompt=getattr(q, "prompt", "") or qid,
                explanation=getattr(q, "explanation", ""),
                right_answer=q.right_answer if q is not None else "",
                section=section,
                section_title=page_titles.get(section, section),
                objective=objective,
                objective_text=objective_texts.get(objective, ""),
                answered=len(keys),
                correct_first=sum(a["correct"] for a in firsts),
                correct_final=sum(a["correct"] for a in finals),
                mean_first=_mean(a["score"] for a in firsts),
                mean_final=_mean(a["score"] for a in finals),
                parts=question_parts(q, [(a["response"], a["correct"]) for a in firsts]),
            )
        )

    # -- per section and per participant
    section_of = {qid: getattr(bank_qs.get(qid), "section", "") or "" for qid in by_q}
    sec_first: dict[str, list[float]] = defaultdict(list)
    sec_final: dict[str, list[float]] = defaultdict(list)
    person_sec: dict[tuple[str, str], list[float]] = defaultdict(list)
    for key, a in first.items():
        sec = section_of[key[1]]
        sec_first[sec].append(float(a["score"]))
        sec_final[sec].append(float(last[key]["score"]))
        person_sec[(key[0], sec)].append(float(a["score"]))
    mastered_by: dict[str, set[str]] = defaultdict(set)  # learner -> sections mastered
    sec_people: dict[str, set[str]] = defaultdict(set)
    for (learner, sec), scores in person_sec.items():
        sec_people[sec].add(learner)
        if _mean(scores) >= mark - 1e-9:
            mastered_by[learner].add(sec)
    sec_order = [p.id for p in course.outline.pages] + sorted(
        set(sec_first) - {p.id for p in course.outline.pages}
    )
    sections = tuple(
        SectionRow(
            id=sec,
            title=page_titles.get(sec, sec or "(no section)"),
            answers=len(sec_first[sec]),
            mean_first=_mean(sec_first[sec]),
            mean_final=_mean(sec_final[sec]),
            participants=len(sec_people[sec]),
            mastered=sum(sec in mastered_by[x] for x in sec_people[sec]),
        )
        for sec in sec_order
        if sec in sec_first
    )
    participants = []
    for p in people:
        mine = [(k, a) for k, a in first.items() if k[0] == p["learner"]]
        participants.append(
            ParticipantRow(
                label=labels[p["learner"]],
                group=group_of[p["learner"]],
                answered=len(mine),
                correct_first=sum(a["correct"] for _, a in mine),
                mean_first=_mean(a["score"] for _, a in mine),
                mean_final=_mean(last[k]["score"] for k, _ in mine),
                sections_mastered=len(mastered_by[p["learner"]]),
            )
        )

    answer_rows = tuple(
        (
            labels.get(a["learner"], "?"),
            group_of.get(a["learner"], ""),
            page_titles.get(section_of.get(a["question_id"], ""), ""),
            getattr(bank_qs.get(a["question_id"]), "prompt", "") or a["question_id"],
            a["attempt"],
            response_text(a["response"], bank_qs.get(a["question_id"])),
            round(float(a["score"]), 4),
            "yes" if a["correct"] else "no",
        )
        for a in answers
    )
    first_tries = tuple(
        FirstTry(
            labels.get(learner, "?"),
            group_of.get(learner, ""),
            qid,
            float(a["score"]),
            bool(a["correct"]),
            a["response"],
        )
        for (learner, qid), a in first.items()
    )
    plans = _plans(store, code, people, group_list, course)
    return Report(
        code=code,
        name=ws["name"],
        closed=ws["closed_at"] is not None,
        pass_mark=mark,
        participants=tuple(participants),
        groups=group_list,
        questions=tuple(stats),
        sections=sections,
        answer_rows=answer_rows,
        first_tries=first_tries,
        answers_total=len(answers),
        **plans,
    )


def _mean(values) -> float:
    values = [float(v) for v in values]
    return round(sum(values) / len(values), 4) if values else 0.0


# -- the groups' maps --------------------------------------------------------------------------
def _plans(store: Store, code: str, people, group_list, course) -> dict[str, Any]:
    """Shared plan summaries: counted over all, per group, and merged across groups."""
    cat = model._catalogue()
    dims = {d.id: d.label for d in course.forms}
    summaries = store.shared_summaries(code)
    group_of = {p["learner"]: p["group"] or "" for p in people}
    actor_types: Counter[str] = Counter()
    forms: Counter[tuple[str, str]] = Counter()
    per_group: dict[str, list[dict]] = defaultdict(list)  # group id -> actors
    plans_in: Counter[str] = Counter()
    for learner, body in summaries.items():
        body = body if isinstance(body, dict) else {}
        for t, n in (body.get("actor_types") or {}).items():
            if t in cat["type"] and isinstance(n, int) and n > 0:
                actor_types[cat["type"][t]] += n
        for dim in ("duration", "scope", "focus"):
            value = (body.get("coalition") or {}).get(dim)
            if value in cat.get(dim, {}):
                forms[(dims.get(dim, dim), cat[dim][value])] += 1
        gid = group_of.get(learner, "")
        plans_in[gid] += 1
        for a in body.get("actors") or []:
            if isinstance(a, dict) and a.get("type") in cat["type"]:
                per_group[gid].append(a)

    names = dict(group_list)
    order = [g for g, _ in group_list] + ([""] if "" in plans_in else [])
    maps = []
    for gid in order:
        if not plans_in.get(gid):
            continue
        by_type: dict[str, list[dict]] = defaultdict(list)
        for a in per_group[gid]:
            by_type[a["type"]].append(a)
        points = tuple(
            ActorPoint(
                type=t,
                label=cat["type"][t],
                influence=_mean(model._rating(a.get("influence")) for a in items),
                interest=_mean(model._rating(a.get("interest")) for a in items),
                count=len(items),
                positions=tuple(
                    (cat["position"][p], n)
                    for p, n in Counter(a.get("position") for a in items).most_common()
                    if p in cat["position"]
                ),
            )
            for t, items in sorted(by_type.items(), key=lambda kv: list(cat["type"]).index(kv[0]))
        )
        maps.append(GroupMap(gid, names.get(gid, "Not in a group"), plans_in[gid], points))

    merged = []
    for t, label in cat["type"].items():
        pts = [p for m in maps for p in m.actors if p.type == t]
        if not pts:
            continue
        main_positions = Counter(p.positions[0][0] for p in pts if p.positions)
        merged.append(
            MergedActor(
                type=t,
                label=label,
                groups=len(pts),
                influence=_mean(p.influence for p in pts),
                interest=_mean(p.interest for p in pts),
                influence_spread=round(
                    max(p.influence for p in pts) - min(p.influence for p in pts), 4
                ),
                interest_spread=round(
                    max(p.interest for p in pts) - min(p.interest for p in pts), 4
                ),
                positions=tuple(main_positions.most_common()),
            )
        )
    return dict(
        group_maps=tuple(maps),
        merged_map=tuple(merged),
        actor_types=tuple(sorted(actor_types.items(), key=lambda kv: (-kv[1], kv[0]))),
        coalition_forms=tuple((d, v, n) for (d, v), n in sorted(forms.items())),
        shared_plans=len(summaries),
    )
