"""Pure model of the committee explorer (no ipywidgets)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import content


@dataclass(frozen=True)
class Support:
    """Who supports NGOs at one committee, from ``course_data``."""

    committee: content.TreatyBody
    members: tuple[content.Member, ...]
    others: tuple[content.OtherNGO, ...]
    advice: str | None  # set when no dedicated NGO exists (CMW, CED)


def committees() -> tuple[content.TreatyBody, ...]:
    """All treaty bodies, in the order of ``course_data``."""
    return content.load().treaty_bodies


def support_for(acronym: str) -> Support:
    """Who to turn to for a committee: TB-Net members, other NGOs, or the OHCHR Secretariat."""
    c = content.load()
    advice = c.no_dedicated_ngo.advice if acronym in c.no_dedicated_ngo.committees else None
    return Support(c.committee(acronym), c.members_for(acronym), c.other_ngos_for(acronym), advice)
