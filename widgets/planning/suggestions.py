"""Ranked advice for a plan: each item says why, and cites the course section and sources it
comes from (rules and texts in ``course_data/worksheet.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import content
from .model import Plan, name_key


@dataclass(frozen=True)
class Suggestion:
    """One piece of advice: why it is given, the course section and sources it comes from."""

    rule: str
    text: str
    section: str
    sources: tuple[str, ...] = ("seed",)
    why: str = ""
    weight: int = 0

    @property
    def section_title(self) -> str:
        """The title of the course section cited."""
        return content.load().page(self.section).title

    @property
    def source_titles(self) -> list[str]:
        """The titles of the sources cited."""
        return [content.load().source(s).title for s in self.sources]


TOP = 5


def _on_map(plan: Plan, name: str) -> bool:
    """True when an actor on the map has this name (or contains it, or its short form)."""
    keys = [name_key(a.name) for a in plan.actors]
    names = {name_key(name)}
    short = re.search(r"\(([^)]+)\)", name)
    if short:
        names |= {name_key(short.group(1)), name_key(name[: short.start()])}
    return any(n and (n == k or n in k) for n in names for k in keys)


class _Advice:
    """The suggestions being collected for one plan, from the rules of worksheet.yaml."""

    def __init__(self, plan: Plan):
        self.plan, self.c = plan, content.load()
        self.ws = self.c.worksheet
        self.committee = plan.review.committee
        self.members = self.c.members_for(self.committee) if self.committee else ()
        self.out: list[Suggestion] = []

    def add(self, rule: str, section=None, sources=None, why=None, weight=0, **values) -> None:
        r = self.ws.suggestions[rule]
        self.out.append(
            Suggestion(
                rule,
                r.text.format(**values).strip(),
                section or r.section,
                tuple(sources or r.sources),
                (why if why is not None else r.why).format(**values),
                r.weight + weight,
            )
        )

    def committee_rules(self) -> None:
        """Whom to contact at the committee: its TB-Net member and other NGOs."""
        plan, committee, c = self.plan, self.committee, self.c
        if not committee:
            self.add("no_committee")
            return
        for m in self.members:
            if not _on_map(plan, m.name):
                self.add("tbnet_member", committee=committee, name=m.name, support=m.support)
        if committee in c.no_dedicated_ngo.committees:
            self.add("no_dedicated_ngo", committee=committee)
        for n in c.other_ngos_for(committee):
            if not _on_map(plan, n.name):
                examples = " ".join(n.examples)
                self.add(
                    "other_ngo",
                    committee=committee,
                    name=n.name,
                    support=n.support,
                    examples=examples,
                )

    def national_rules(self) -> None:
        """The NHRI and the other national actors not on the map yet (themes rank them)."""
        plan, ws = self.plan, self.ws
        types = {a.type for a in plan.actors}
        if not plan.actors:
            self.add("no_actors")
        national = {a.id: a for a in self.c.national_actors}
        nhri = ws.rules.nhri
        if nhri not in types:
            self.add(
                "nhri_missing",
                sources=national[nhri].sources,
                condition=national[nhri].condition or "",
            )
        after = plan.review.stage in ws.rules.after_stages
        themes = set(re.findall(r"\w+", plan.review.themes.casefold()))
        why = ws.reasons["national_after" if after else "national_before"]
        for t in ws.actor_types:
            if not t.actor or t.actor == nhri or t.id in types:
                continue
            a = national[t.actor]
            if _on_map(plan, a.name):
                continue
            word = next((w for w in t.themes if any(x.startswith(w) for x in themes)), "")
            self.add(
                "national_actor",
                section=t.section,
                sources=("course-guidance",),  # the before/after advice is the course's own
                why=f"{ws.reasons['national_theme'].format(word=word)} {why}" if word else why,
                weight=25 if word else 0,
                name=a.name,
                advice=a.after if after else a.before,
            )

    def plan_rules(self) -> None:
        """The coalition's size, safety, and the key actors' next actions and asks."""
        plan, ws = self.plan, self.ws
        count = len(plan.coalition.members)
        if count < 2:
            reasons = "; ".join(r.title for r in self.c.reasons) + "."
            self.add("coalition_of_one", count=str(count), reasons=reasons)
        opponent = ws.positions[-1].id  # the last position: the least aligned
        risky = any(a.position == opponent or a.sensitive for a in plan.actors)
        why = ws.reasons["opponents" if risky else "always"]
        self.add("safety", weight=20 if risky else -40, why=why)
        high, ally = ws.rules.high_priority, ws.positions[0].id
        key = [a for a in plan.actors if a.priority == high and not (a.next_action and a.next_date)]
        if key:
            self.add("no_next_action", count=str(len(key)), names=_names(key))
        no_ask = [
            a for a in plan.actors if not a.ask and (a.priority == high or a.position == ally)
        ]
        if no_ask:
            self.add("no_ask", names=_names(no_ask))

    def stage_rules(self) -> None:
        """What to do at the review's stage (for this committee)."""
        if not self.plan.review.stage:
            return
        committee, members = self.committee, self.members
        for act in self.ws.stage(self.plan.review.stage).actions:
            if act.committees and committee not in act.committees:
                continue
            if act.tbnet and not members:
                continue  # a rule naming a TB-Net member needs one
            text = act.text.strip()
            if act.tbnet:
                text = text.format(member=members[0].name, committee=committee)
            weight = 90 if act.committees else 85
            self.out.append(
                Suggestion("stage_action", text, act.section, act.sources, act.why, weight)
            )


def _names(actors, most: int = 5) -> str:
    return ", ".join(a.name for a in actors[:most]) + ("…" if len(actors) > most else "")


def suggestions(plan: Plan) -> list[Suggestion]:
    """Ranked advice for a plan (highest weight first, then course order; deterministic).

    Never suggests an actor already on the map; rules that name a TB-Net member apply only
    where the committee has one.
    """
    advice = _Advice(plan)
    advice.committee_rules()
    advice.national_rules()
    advice.plan_rules()
    advice.stage_rules()
    ranked = sorted(enumerate(advice.out), key=lambda p: (-p[1].weight, p[0]))
    return [s for _, s in ranked]
