"""Creating a workshop, joining it, pausing wrong codes, and a participant's own groups.

Participants join with the code and a display name (or none: anonymous). An unknown code counts
as a wrong try: after :data:`MAX_FAILURES` of them within :data:`FAIL_WINDOW` seconds, every
further try waits :data:`PAUSE` seconds after the last wrong one. That slows guessing to one code
per pause (about 10^12 codes exist) while a participant who mistyped a few times is held up for
minutes, and is told so, instead of being refused the right code for a quarter of an hour.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from .. import ui
from ..store import Store
from .codes import (
    MAX_WORKSHOP_NAME,
    WorkshopError,
    clean_display_name,
    hash_secret,
    is_code,
    new_code,
    new_secret,
    normalise_code,
)

MAX_FAILURES = 5
FAIL_WINDOW = 15 * 60
PAUSE = 2 * 60
#: Message keys (``course_data/strings``) of refused joins.
JOIN_REFUSED = "workshop.error.join_refused"  # a code that opens no workshop
JOIN_CLOSED = "workshop.error.join_closed"
JOIN_PAUSED = "workshop.error.join_paused"  # ``{minutes}`` to wait
GROUP_REFUSED = "workshop.error.group_refused"
#: The address participants open, below the course's address (the home page of the outline).
DEFAULT_URL = "http://127.0.0.1:8866"


@dataclass(frozen=True)
class Created:
    """A new workshop: show the code to participants, keep the secret for the trainer."""

    code: str
    secret: str
    name: str

    def participant_link(self, base_url: str = DEFAULT_URL) -> str:
        """The address participants open (the course's home page with the workshop code)."""
        return participant_link(self.code, base_url)


def participant_link(code: str, base_url: str = DEFAULT_URL) -> str:
    """The address participants open: the course's home page with the workshop code."""
    from .. import content

    home = content.load().home.notebook
    return f"{base_url.rstrip('/')}/voila/render/{home}?workshop={code}"


def create_workshop(store: Store, name: str) -> Created:
    """Create a workshop; returns its participant code and trainer secret (shown once)."""
    name = clean_display_name(name)[:MAX_WORKSHOP_NAME] or ui.t("workshop.default_name")
    secret = new_secret()
    for _ in range(5):
        code = new_code()
        if store.workshop(code) is None:
            store.create_workshop(code, name, hash_secret(secret))
            return Created(code=code, secret=secret, name=name)
    raise WorkshopError("workshop.error.no_free_code")  # pragma: no cover


def _open_workshop(store: Store, code: str | None) -> dict[str, Any] | None:
    """The workshop of a well-formed code (open or closed), or None."""
    return store.workshop(code) if is_code(code) else None


def join(
    store: Store, code: str, learner: str, display_name: str = "", group: str | None = None
) -> str:
    """Join a workshop; returns its name. Raises :class:`WorkshopError` with a message to show.

    An unknown code (:data:`JOIN_REFUSED`) counts as a wrong try; after :data:`MAX_FAILURES`
    of them within :data:`FAIL_WINDOW` seconds, tries pause (:data:`JOIN_PAUSED`, see
    :func:`pause_left`). A closed workshop says so (:data:`JOIN_CLOSED`).
    ``group`` is the id of one of the workshop's :func:`groups` (or None: no group, or keep
    the group already chosen); an id the workshop does not have is refused with
    :data:`GROUP_REFUSED` and nothing is saved.
    """
    code = normalise_code(code)
    wait = pause_left(store, learner)
    if wait > 0:  # not recorded as another failure: the pause does not grow while one waits
        raise WorkshopError(JOIN_PAUSED, minutes=minutes_text(wait))
    ws = _open_workshop(store, code)
    if ws is None:
        store.record_join_failure(learner)
        raise WorkshopError(JOIN_REFUSED)
    if ws["closed_at"] is not None:
        raise WorkshopError(JOIN_CLOSED)
    if group and group not in {g["id"] for g in store.groups(code)}:
        raise WorkshopError(GROUP_REFUSED)
    store.add_participant(code, learner, clean_display_name(display_name))
    if group:
        store.set_participant_group(code, learner, group)
    return ws["name"]


def pause_left(store: Store, learner: str, now: float | None = None) -> float:
    """Seconds this learner must still wait before trying a code again (0: no pause)."""
    now = time.time() if now is None else now
    if store.join_failures_since(learner, now - FAIL_WINDOW) < MAX_FAILURES:
        return 0.0
    last = store.last_join_failure(learner) or 0.0
    return max(0.0, last + PAUSE - now)


def minutes_text(seconds: float) -> str:
    """``1 minute`` or ``2 minutes`` (rounded up), for messages."""
    return ui.tn("workshop.minutes", max(1, int(-(-seconds // 60))))


def workshop_state(store: Store, code: str | None) -> str:
    """``open``, ``closed`` or ``unknown`` (no such workshop, or not a workshop code)."""
    ws = _open_workshop(store, normalise_code(code or ""))
    if ws is None:
        return "unknown"
    return "closed" if ws["closed_at"] is not None else "open"


def groups(store: Store, workshop_code: str) -> list[dict[str, str]]:
    """The groups of an open workshop, in order: ``[{"id": "g1", "name": "Group 1"}, ...]``.

    Empty for a workshop without groups, and for a code that does not open a workshop (so the
    list tells nothing about which codes exist). Names were typed by the trainer: escape them.
    """
    code = normalise_code(workshop_code)
    ws = _open_workshop(store, code)
    if ws is None or ws["closed_at"] is not None:
        return []
    return store.groups(code)


def choose_group(store: Store, workshop_code: str, learner: str, group: str | None) -> None:
    """A participant picks (or, with None, leaves) a group after joining."""
    code = normalise_code(workshop_code)
    if membership(store, code, learner) is None:
        raise WorkshopError("workshop.error.join_first_group")
    if group and group not in {g["id"] for g in store.groups(code)}:
        raise WorkshopError(GROUP_REFUSED)
    store.set_participant_group(code, learner, group or None)


def membership(store: Store, code: str | None, learner: str) -> dict[str, Any] | None:
    """The learner's own membership of an open workshop (name, display name, group), or None."""
    ws = _open_workshop(store, code)
    if ws is None or ws["closed_at"] is not None:
        return None
    for p in store.participants(code):
        if p["learner"] == learner:
            names = {g["id"]: g["name"] for g in store.groups(code)}
            return {
                "workshop": ws["name"],
                "display_name": p["display_name"],
                "group": p["group"],
                "group_name": names.get(p["group"] or "", ""),
            }
    return None
