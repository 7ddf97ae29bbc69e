"""The trainer's side of a workshop: sign in with its code and secret, then read its results,
make and fill groups, close it or delete it."""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from .. import ui
from ..store import Store
from .codes import (
    WorkshopError,
    check_secret,
    clean_display_name,
    hash_secret,
    is_code,
    normalise_code,
)
from .joining import GROUP_REFUSED

#: One message for every failed trainer sign-in (unknown code or wrong secret).
SIGN_IN_REFUSED = "workshop.error.sign_in_refused"
MAX_GROUPS = 12


@cache
def _dummy_hash() -> str:
    return hash_secret("x" * 19)


class Trainer:
    """A signed-in trainer: every read or change of a workshop's data goes through this."""

    def __init__(self, store: Store, code: str, secret: str):
        code = normalise_code(code)
        ws = store.workshop(code) if is_code(code) else None
        # Check a hash even when the code is unknown, so timing does not reveal which codes exist.
        stored = ws["secret_hash"] if ws else _dummy_hash()
        if not check_secret(normalise_code(secret, groups=4), stored) or ws is None:
            raise WorkshopError(SIGN_IN_REFUSED)
        self.store, self.code, self.name = store, code, ws["name"]

    def report(self, questions: dict[str, Any] | None = None):
        """The workshop's current results (:class:`widgets.workshop.report.Report`)."""
        from .results import build_report

        return build_report(self.store, self.code, questions)

    def close(self) -> None:
        """Close the workshop: no new participants; answers after now are not counted."""
        self.store.close_workshop(self.code)

    def delete(self) -> None:
        """Delete the workshop and all its data (participants, groups, answers, summaries)."""
        self.store.delete_workshop(self.code)

    # groups
    def groups(self) -> list[dict[str, str]]:
        """The workshop's groups, in order (``id``, ``name``)."""
        return self.store.groups(self.code)

    def add_group(self, name: str = "") -> dict[str, str]:
        """Add a group (named ``Group N`` if no name is given); returns it."""
        existing = self.store.groups(self.code)
        if len(existing) >= MAX_GROUPS:
            raise WorkshopError("workshop.error.max_groups", n=MAX_GROUPS)
        n = len(existing) + 1
        taken = {g["id"] for g in existing}
        while f"g{n}" in taken:
            n += 1
        name = clean_display_name(name) or ui.t("workshop.group_name", n=len(existing) + 1)
        self.store.add_group(self.code, f"g{n}", name)
        return {"id": f"g{n}", "name": name}

    def make_groups(self, count: int, spread: bool = True) -> list[dict[str, str]]:
        """Make groups until there are ``count``; with ``spread``, put everyone who is in no
        group into one, in turn, in the order they joined. Returns all groups."""
        if not 1 <= int(count) <= MAX_GROUPS:
            raise WorkshopError("workshop.error.groups_range", n=MAX_GROUPS)
        while len(self.store.groups(self.code)) < count:
            self.add_group()
        chosen = self.store.groups(self.code)[: int(count)]
        if spread:
            people = self.store.participants(self.code)
            sizes = Counter(p["group"] for p in people)
            ids = {g["id"] for g in chosen}
            for p in people:
                if p["group"] in ids:
                    continue
                smallest = min(chosen, key=lambda g: (sizes[g["id"]], chosen.index(g)))
                self.store.set_participant_group(self.code, p["learner"], smallest["id"])
                sizes[smallest["id"]] += 1
        return self.store.groups(self.code)

    def assign(self, participant: int, group: str | None) -> None:
        """Put participant number ``participant`` (1 for P01) in a group (None: no group)."""
        people = self.store.participants(self.code)
        if not 1 <= participant <= len(people):
            raise WorkshopError("workshop.error.no_participant", n=participant)
        if group and group not in {g["id"] for g in self.store.groups(self.code)}:
            raise WorkshopError(GROUP_REFUSED)
        self.store.set_participant_group(self.code, people[participant - 1]["learner"], group)
