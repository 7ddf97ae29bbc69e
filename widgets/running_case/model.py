"""Pure model of the running case (no ipywidgets): choices, outcomes and the summary.

A learner's choices are one JSON document in the store (``kind="case"``, key ``"choices"``):
``{"version": 1, "tries": {step id: [option id, ...]}}``, every try in order, so the summary can
show the first choice and the last one. Unknown steps or options (after the case changes) are
dropped when the document is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import content

KIND, KEY, VERSION = "case", "choices", 1


@dataclass(frozen=True)
class Outcome:
    """What a choice leads to, and the course's reason."""

    step: content.CaseStep
    option: content.CaseOption

    @property
    def best(self) -> bool:
        """Whether this is the course's choice."""
        return self.option.best

    @property
    def best_option(self) -> content.CaseOption:
        """The course's choice for this step."""
        return next(o for o in self.step.options if o.best)


@dataclass
class CaseState:
    """Every try at every decision, in order."""

    tries: dict[str, list[str]] = field(default_factory=dict)

    def choose(self, step_id: str, option_id: str) -> Outcome:
        """Record a choice (KeyError for an unknown step or option) and return its outcome."""
        step = content.load().case.step(step_id)
        option = step.option(option_id)
        self.tries.setdefault(step_id, []).append(option_id)
        return Outcome(step, option)

    def last(self, step_id: str) -> Outcome | None:
        """The outcome of the latest choice at a step, or None."""
        ids = self.tries.get(step_id)
        if not ids:
            return None
        step = content.load().case.step(step_id)
        return Outcome(step, step.option(ids[-1]))

    def first(self, step_id: str) -> Outcome | None:
        """The outcome of the first choice at a step, or None."""
        ids = self.tries.get(step_id)
        if not ids:
            return None
        step = content.load().case.step(step_id)
        return Outcome(step, step.option(ids[0]))

    def to_doc(self) -> dict[str, Any]:
        """The JSON document saved in the store."""
        return {"version": VERSION, "tries": {k: list(v) for k, v in self.tries.items()}}

    @classmethod
    def from_doc(cls, doc: Any) -> CaseState:
        """Read a saved document; anything unknown or malformed is left out."""
        case = content.load().case
        state = cls()
        if not isinstance(doc, dict) or not isinstance(doc.get("tries"), dict):
            return state
        for step_id, ids in doc["tries"].items():
            try:
                step = case.step(step_id)
            except KeyError:
                continue
            if isinstance(ids, list):
                valid = {o.id for o in step.options}
                kept = [i for i in ids if isinstance(i, str) and i in valid]
                if kept:
                    state.tries[step_id] = kept
        return state


@dataclass(frozen=True)
class SummaryRow:
    """One decision in the end-of-case summary."""

    step: content.CaseStep
    first: content.CaseOption | None
    last: content.CaseOption | None
    best: content.CaseOption

    @property
    def status(self) -> str:
        """``best-first``, ``best-later``, ``other`` or ``open`` (no choice yet)."""
        if self.first is None:
            return "open"
        if self.first.best:
            return "best-first"
        return "best-later" if self.last and self.last.best else "other"


def summary(state: CaseState) -> list[SummaryRow]:
    """Every decision of the case with the learner's first and last choice."""
    rows = []
    for step in content.load().case.steps:
        first, last = state.first(step.id), state.last(step.id)
        rows.append(
            SummaryRow(
                step,
                first.option if first else None,
                last.option if last else None,
                next(o for o in step.options if o.best),
            )
        )
    return rows
