"""Two maps compared (two snapshots, or a snapshot and the map now): who moved where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .. import content
from .model import Actor, SnapshotActor, name_key
from .places import Places


@dataclass(frozen=True)
class Change:
    """One actor's change between two maps."""

    name: str
    kind: Literal["moved", "added", "removed"]
    before: str = ""
    after: str = ""


def _where(a: Actor | SnapshotActor) -> str:
    t = content.load().text
    return t("ws.compare.where", influence=a.influence, interest=a.interest, alignment=a.alignment)


def compare(before: list, after: list, view: str = "aiim") -> list[Change]:
    """Who moved where between two lists of actors (snapshots or the current map)."""
    old = {name_key(a.name): a for a in before}
    new = {name_key(a.name): a for a in after}
    where = Places(view)
    out = []
    for key, a in new.items():
        if key not in old:
            out.append(Change(a.name, "added", "", _where(a)))
            continue
        b = old[key]
        if (b.influence, b.interest, b.alignment) != (a.influence, a.interest, a.alignment):
            before_text = f"{_where(b)} ({where.label(b)})"
            after_text = f"{_where(a)} ({where.label(a)})"
            out.append(Change(a.name, "moved", before_text, after_text))
    out += [Change(b.name, "removed", _where(b), "") for k, b in old.items() if k not in new]
    return out
