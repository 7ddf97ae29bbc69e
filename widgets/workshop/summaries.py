"""Plan summaries a participant may share with their workshop: counts of actor types, where each
was placed, and the coalition's form, never names, notes or anything typed.

Only the course's own categories pass: the worksheet's actor types and positions
(``worksheet.yaml``) and the coalition forms (``coalitions.yaml``); any other value is dropped,
whatever it looks like.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import ui
from ..store import Store
from .codes import WorkshopError
from .joining import membership


def catalogue() -> dict[str, dict[str, str]]:
    """The course's own categories a plan summary may carry: id -> label, per kind.

    Kinds: ``type`` (actor types), ``position``, and each coalition form's id.
    """
    from .. import content

    c = content.load()
    out = {
        "type": {t.id: t.label for t in c.worksheet.actor_types},
        "position": {p.id: p.label for p in c.worksheet.positions},
    }
    for dim in c.forms:
        out[dim.id] = {o.id: o.label for o in dim.options}
    return out


def form_dimensions() -> tuple[str, ...]:
    """The ids of the coalition's form (``coalitions.yaml``), in the course's order."""
    from .. import content

    return tuple(d.id for d in content.load().forms)


def rating(value: Any) -> int:
    """A rating 1-5 as the worksheet keeps it; anything else becomes the middle (3)."""
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
    return value if ok else 3


def summarise_plan(doc: Any) -> dict[str, Any]:
    """The shareable summary of a plan document: only the course's own categories.

    Kept: each actor's ``type``, ``influence`` and ``interest`` (1-5) and ``position``, and the
    coalition's form (each dimension of ``coalitions.yaml``), each only if it is one of the ids
    the course offers. Names, notes, free text (such as a typed focus) and anything else never
    leave the plan.
    """
    cat = catalogue()
    doc = doc if isinstance(doc, dict) else {}
    types: Counter[str] = Counter()
    actors = []
    for actor in doc.get("actors") or []:
        if not isinstance(actor, dict) or actor.get("type") not in cat["type"]:
            continue
        types[actor["type"]] += 1
        position = actor.get("position")
        actors.append(
            {
                "type": actor["type"],
                "influence": rating(actor.get("influence")),
                "interest": rating(actor.get("interest")),
                "position": position if position in cat["position"] else "",
            }
        )
    coalition = doc.get("coalition") if isinstance(doc.get("coalition"), dict) else {}
    form = {k: coalition.get(k) if coalition.get(k) in cat[k] else "" for k in form_dimensions()}
    return {"actor_types": dict(sorted(types.items())), "coalition": form, "actors": actors}


def describe_summary(summary: dict[str, Any]) -> str:
    """A plan summary in the course's words: ``3 actors (NGO 2, NHRI 1); coalition: Ad hoc``.

    Only ids the course knows are shown (by their label); anything else is left out.
    """
    cat = catalogue()
    types = {
        t: n
        for t, n in (summary.get("actor_types") or {}).items()
        if t in cat["type"] and isinstance(n, int) and n > 0
    }
    none = ui.t("workshop.summary.none")
    parts = ui.t("workshop.summary.separator").join(
        ui.t("workshop.summary.type", type=cat["type"][t], n=c) for t, c in types.items()
    )
    coalition = summary.get("coalition") or {}
    form = ui.t("workshop.summary.separator").join(
        cat[k][coalition[k]] for k in form_dimensions() if coalition.get(k) in cat[k]
    )
    return ui.t(
        "workshop.summary.text",
        actors=ui.tn("workshop.summary.actors", sum(types.values())),
        types=parts or none,
        form=form or none,
    )


def share_plan_summary(
    store: Store, code: str, learner: str, plan: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Share the summary of the learner's plan (default: their saved one) with a workshop they
    joined; returns it."""
    if membership(store, code, learner) is None:
        raise WorkshopError("workshop.error.join_first_share")
    if plan is None:
        plan = store.get_doc(learner, "worksheet", "plan")
    if not plan:
        raise WorkshopError("workshop.error.no_plan")
    summary = summarise_plan(plan)
    store.put_shared_summary(code, learner, summary)
    return summary


def withdraw_plan_summary(store: Store, code: str, learner: str) -> None:
    """Stop sharing the plan summary with the workshop."""
    store.delete_shared_summary(code, learner)
