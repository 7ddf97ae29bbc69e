"""A workshop's results as plain data: what the dashboard shows and the exports write.

Built by :func:`widgets.workshop.results.build_report`; no learner codes anywhere (participants
appear as ``P01 name``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
