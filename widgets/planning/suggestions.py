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


AFTER_STAGES = {"concluding", "follow-up"}
TOP = 5


def _on_map(plan: Plan, name: str) -> bool:
    """True when an actor on the map has this name (or contains it, or its short form)."""
    keys = [name_key(a.name) for a in plan.actors]
    names = {name_key(name)}
    short = re.search(r"\(([^)]+)\)", name)
    if short:
        names |= {name_key(short.group(1)), name_key(name[: short.start()])}
    return any(n and (n == k or n in k) for n in names for k in keys)


def suggestions(plan: Plan) -> list[Suggestion]:
    """Ranked advice for a plan (highest weight first, then course order; deterministic).

    Never suggests an actor already on the map; rules that name a TB-Net member apply only
    where the committee has one.
    """
    c = content.load()
    ws = c.worksheet
    rules = ws.suggestions
    out: list[Suggestion] = []

    def add(rule: str, section=None, sources=None, why=None, weight=0, **values: str) -> None:
        r = rules[rule]
        out.append(
            Suggestion(
                rule,
                r.text.format(**values).strip(),
                section or r.section,
                tuple(sources or r.sources),
                (why if why is not None else r.why).format(**values),
                r.weight + weight,
            )
        )

    committee = plan.review.committee
    members = c.members_for(committee) if committee else ()
    if not committee:
        add("no_committee")
    else:
        for m in members:
            if not _on_map(plan, m.name):
                add("tbnet_member", committee=committee, name=m.name, support=m.support)
        if committee in c.no_dedicated_ngo.committees:
            add("no_dedicated_ngo", committee=committee)
        for n in c.other_ngos_for(committee):
            if not _on_map(plan, n.name):
                add(
                    "other_ngo",
                    committee=committee,
                    name=n.name,
                    support=n.support,
                    examples=" ".join(n.examples),
                )

    types = {a.type for a in plan.actors}
    if not plan.actors:
        add("no_actors")
    national = {a.id: a for a in c.national_actors}
    if "nhri" not in types:
        nhri = national["nhri"]
        add("nhri_missing", sources=nhri.sources, condition=nhri.condition or "")
    after = plan.review.stage in AFTER_STAGES
    themes = set(re.findall(r"\w+", plan.review.themes.casefold()))
    why = ws.reasons["national_after" if after else "national_before"]
    for t in ws.actor_types:
        if not t.actor or t.actor == "nhri" or t.id in types:
            continue
        a = national[t.actor]
        if _on_map(plan, a.name):
            continue
        word = next((w for w in t.themes if any(x.startswith(w) for x in themes)), "")
        add(
            "national_actor",
            section=t.section,
            sources=("course-guidance",),  # the before/after advice is the course's own guidance
            why=f"{ws.reasons['national_theme'].format(word=word)} {why}" if word else why,
            weight=25 if word else 0,
            name=a.name,
            advice=a.after if after else a.before,
        )

    count = len(plan.coalition.members)
    if count < 2:
        reasons = "; ".join(r.title for r in c.reasons) + "."
        add("coalition_of_one", count=str(count), reasons=reasons)

    risky = any(a.position == "opponent" or a.sensitive for a in plan.actors)
    add("safety", weight=20 if risky else -40, why=ws.reasons["opponents" if risky else "always"])

    key = [a for a in plan.actors if a.priority == "high" and not (a.next_action and a.next_date)]
    if key:
        names = ", ".join(a.name for a in key[:5]) + ("…" if len(key) > 5 else "")
        add("no_next_action", count=str(len(key)), names=names)
    no_ask = [a for a in plan.actors if not a.ask and (a.priority == "high" or a.alignment >= 4)]
    if no_ask and plan.actors:
        add(
            "no_ask", names=", ".join(a.name for a in no_ask[:5]) + ("…" if len(no_ask) > 5 else "")
        )

    if plan.review.stage:
        for act in ws.stage(plan.review.stage).actions:
            if act.committees and committee not in act.committees:
                continue
            if act.tbnet and not members:
                continue  # a rule naming a TB-Net member needs one
            text = act.text.strip()
            if act.tbnet:
                text = text.format(member=members[0].name, committee=committee)
            weight = 90 if act.committees else 85
            out.append(Suggestion("stage_action", text, act.section, act.sources, act.why, weight))
    ranked = sorted(enumerate(out), key=lambda p: (-p[1].weight, p[0]))
    return [s for _, s in ranked]
