"""The timeline's order (dated milestones by date, then undated ones by stage) and when two
milestones say the same thing."""

from __future__ import annotations

import re

from .model import Milestone, Review, name_key, stages_for


def _timeline_key(plan_review: Review):
    order = {s: i for i, s in enumerate(stages_for(plan_review.committee, plan_review.procedure))}

    def key(m: Milestone):
        if m.date:
            return (0, m.date, 0)
        return (1, "", order.get(m.stage, len(order)))

    return key


def sorted_timeline(review: Review, timeline: list[Milestone]) -> list[Milestone]:
    """Dated milestones by date, then undated ones by stage (manual order kept within)."""
    return sorted(timeline, key=_timeline_key(review))


_WORD = re.compile(r"\w+")
_SMALL = {"the", "a", "an", "to", "of", "and", "for", "with", "on", "in", "your", "our", "it"}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _SMALL}


def similar(a: str, b: str) -> bool:
    """True when two milestones say the same thing in nearly the same words."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return name_key(a) == name_key(b)
    return len(wa & wb) / len(wa | wb) >= 0.6 or wa <= wb or wb <= wa
