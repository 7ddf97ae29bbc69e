"""The plan's main choices and counts, in words, for the page and the exports."""

from __future__ import annotations

from .. import content
from .model import Actor, Plan, label


def country_name(code: str) -> str:
    """A country's name from its alpha-2 code, in the course's language (``""`` if none)."""
    from .. import ui

    return ui.country_name(code)


def summary(plan: Plan) -> list[tuple[str, str]]:
    """The plan's main choices as (label, value) pairs, for the page and the exports."""
    c = content.load()
    t, ws = c.text, c.worksheet
    r, co = plan.review, plan.coalition
    committee = f"{r.committee}: {c.committee(r.committee).name}" if r.committee else ""
    forms = {f.id: f for f in c.forms}
    procedure = label(ws.procedures, r.procedure) if r.procedure else ""
    rows = [
        (t("ws.field.organisation"), r.organisation),
        (t("ws.field.country"), country_name(r.country)),
        (t("ws.field.committee"), committee),
        (t("ws.field.procedure"), procedure),
        (t("ws.field.stage"), label(ws.stages, r.stage) if r.stage else ""),
        (t("ws.field.session_date"), r.session_date),
        (t("ws.field.themes"), r.themes),
        (t("ws.field.duration"), label(forms["duration"].options, co.duration)),
        (t("ws.field.scope"), label(forms["scope"].options, co.scope)),
        (t("ws.field.focus"), co.focus),
        (t("ws.field.covers"), co.covers),
        (t("ws.field.decisions"), co.decisions),
    ]
    return [(k, v) for k, v in rows if v]


def counts(plan: Plan) -> dict[str, int]:
    """How many actors, members, milestones and snapshots the plan holds."""
    return {
        "actors": len(plan.actors),
        "members": len(plan.coalition.members),
        "milestones": len(plan.coalition.timeline),
        "snapshots": len(plan.snapshots),
    }


def goal_text(a: Actor) -> str:
    """Where the coalition wants an actor to move, axis by axis ("" when it stays)."""
    t = content.load().text
    parts = [
        t("ws.text.goal_part", axis=t(f"ws.field.{x}").lower(), now=getattr(a, x), goal=a.goal(x))
        for x in ("alignment", "interest", "influence")
        if a.goal(x) != getattr(a, x)
    ]
    return "; ".join(parts)
