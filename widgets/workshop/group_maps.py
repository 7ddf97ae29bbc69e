"""The groups' maps, from the plan summaries participants shared: counted over all, per group
(side by side), and merged across groups (where they disagree)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .. import ui
from ..store import Store
from .report import ActorPoint, GroupMap, MergedActor
from .summaries import catalogue, rating


def mean(values) -> float:
    """The mean of some numbers, rounded to 4 places (0 for none)."""
    values = [float(v) for v in values]
    return round(sum(values) / len(values), 4) if values else 0.0


def plan_figures(store: Store, code: str, people, group_list, course) -> dict[str, Any]:
    """The :class:`Report` fields made from shared plan summaries."""
    cat = catalogue()
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
        for dim, label in dims.items():
            value = (body.get("coalition") or {}).get(dim)
            if value in cat[dim]:
                forms[(label, cat[dim][value])] += 1
        gid = group_of.get(learner, "")
        plans_in[gid] += 1
        per_group[gid] += [
            a
            for a in body.get("actors") or []
            if isinstance(a, dict) and a.get("type") in cat["type"]
        ]
    maps = group_maps(cat, group_list, per_group, plans_in)
    return dict(
        group_maps=maps,
        merged_map=merged_map(cat, maps),
        actor_types=tuple(sorted(actor_types.items(), key=lambda kv: (-kv[1], kv[0]))),
        coalition_forms=tuple((d, v, n) for (d, v), n in sorted(forms.items())),
        shared_plans=len(summaries),
    )


def group_maps(cat, group_list, per_group, plans_in) -> tuple[GroupMap, ...]:
    """Each group's map (then those in no group), for groups with at least one shared plan."""
    names = dict(group_list)
    order = [g for g, _ in group_list] + ([""] if "" in plans_in else [])
    type_order = list(cat["type"])
    maps = []
    for gid in order:
        if not plans_in.get(gid):
            continue
        by_type: dict[str, list[dict]] = defaultdict(list)
        for a in per_group[gid]:
            by_type[a["type"]].append(a)
        points = tuple(
            _point(cat, t, items)
            for t, items in sorted(by_type.items(), key=lambda kv: type_order.index(kv[0]))
        )
        name = names.get(gid) or ui.t("trainer.no_group")
        maps.append(GroupMap(gid, name, plans_in[gid], points))
    return tuple(maps)


def _point(cat, actor_type: str, items: list[dict]) -> ActorPoint:
    """One actor type on a group's map: average ratings, how many, positions given."""
    return ActorPoint(
        type=actor_type,
        label=cat["type"][actor_type],
        influence=mean(rating(a.get("influence")) for a in items),
        interest=mean(rating(a.get("interest")) for a in items),
        count=len(items),
        positions=tuple(
            (cat["position"][p], n)
            for p, n in Counter(a.get("position") for a in items).most_common()
            if p in cat["position"]
        ),
    )


def merged_map(cat, maps: tuple[GroupMap, ...]) -> tuple[MergedActor, ...]:
    """Every actor type across the groups' maps, with the spread between groups."""
    merged = []
    for t, label in cat["type"].items():
        pts = [p for m in maps for p in m.actors if p.type == t]
        if not pts:
            continue
        main_positions = Counter(p.positions[0][0] for p in pts if p.positions)
        influences, interests = [p.influence for p in pts], [p.interest for p in pts]
        merged.append(
            MergedActor(
                type=t,
                label=label,
                groups=len(pts),
                influence=mean(influences),
                interest=mean(interests),
                influence_spread=round(max(influences) - min(influences), 4),
                interest_spread=round(max(interests) - min(interests), 4),
                positions=tuple(main_positions.most_common()),
            )
        )
    return tuple(merged)
