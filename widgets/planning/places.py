"""Where actors fall on the map: the quadrants of each view and each actor's placement."""

from __future__ import annotations

from typing import Any

from .. import content
from .model import Actor, Plan, SnapshotActor, _ws

AXES = {"aiim": ("alignment", "interest"), "power": ("interest", "influence")}
MIDDLE = 3


def quadrants(view: str) -> list:
    """The four quadrants of a view in the order top-right, top-left, bottom-right, bottom-left
    (each with ``id``, ``label`` and ``rule``)."""
    if view == "aiim":
        return list(_ws().aiim.quadrants)
    # manage closely, keep satisfied, keep informed, monitor: with interest across and
    # influence up, that is top-right, top-left, bottom-right, bottom-left
    return list(content.load().mapping.grid.quadrants)


class Places:
    """The quadrants of one view, looked up once: where actors fall, as ids and in words."""

    def __init__(self, view: str):
        self.view = view
        self.quadrants = quadrants(view)  # tr, tl, br, bl
        self.labels = {q.id: q.label for q in self.quadrants}
        self._t = content.load().text  # looked up once for every actor of the view

    def of(self, actor: Actor | SnapshotActor) -> list[str]:
        """The quadrant ids where an actor falls; two or four when a rating is 3 (on the line)."""
        x_axis, y_axis = AXES[self.view]
        x, y = getattr(actor, x_axis), getattr(actor, y_axis)
        xs = ["r"] if x > MIDDLE else ["l"] if x < MIDDLE else ["l", "r"]
        ys = ["t"] if y > MIDDLE else ["b"] if y < MIDDLE else ["t", "b"]
        index = {"tr": 0, "tl": 1, "br": 2, "bl": 3}
        return [self.quadrants[index[a + b]].id for a in ys for b in xs]

    def label(self, actor: Actor | SnapshotActor) -> str:
        """Where an actor falls, in words ("Manage closely", or "On the line: A / B")."""
        ids = self.of(actor)
        if len(ids) == 1:
            return self.labels[ids[0]]
        if len(ids) == 4:
            return self._t("ws.map.centre")
        return self._t("ws.map.between", quadrants=" / ".join(self.labels[i] for i in ids))


def placement(actor: Actor | SnapshotActor, view: str = "power") -> list[str]:
    """The quadrant ids where an actor falls; two or four when a rating is 3 (on the line)."""
    return Places(view).of(actor)


def placement_label(actor: Actor | SnapshotActor, view: str = "power") -> str:
    """Where an actor falls, in words (see :meth:`Places.label`)."""
    return Places(view).label(actor)


def by_quadrant(plan: Plan, view: str | None = None) -> list[tuple[Any, list[Actor]]]:
    """Each quadrant with the actors clearly inside it, then actors on a line (text version)."""
    where = Places(view or plan.map_view)
    groups: dict[str, list[Actor]] = {q.id: [] for q in where.quadrants}
    middle: list[Actor] = []
    for a in plan.actors:
        ids = where.of(a)
        (groups[ids[0]] if len(ids) == 1 else middle).append(a)
    out: list[tuple[Any, list[Actor]]] = [(q, groups[q.id]) for q in where.quadrants]
    return out + [(None, middle)]
