"""Trainer-led workshops, without widgets: the rules in one namespace for the pages and tests.

A trainer creates a workshop and gets a participant code and a trainer secret (:mod:`.codes`).
Participants join with the code and a display name or none (:mod:`.joining`); their quiz
answers carry the workshop code, and :func:`build_report` counts only answers from learners who
joined, given while it was open (:mod:`.results`). A participant may share a *summary* of their
plan (:mod:`.summaries`); nothing else of theirs reaches the trainer, who signs in with the
secret (:mod:`.trainer`). Files: :mod:`.exports`.

Everything here is plain Python over :class:`widgets.store.Store`, tested without a browser.
"""

from __future__ import annotations

from ..store import StoreError
from .codes import (
    ALPHABET,
    CODE_RE,
    WorkshopError,
    check_secret,
    clean_display_name,
    hash_secret,
    new_code,
    new_secret,
    normalise_code,
)
from .joining import (
    DEFAULT_URL,
    GROUP_REFUSED,
    JOIN_CLOSED,
    JOIN_PAUSED,
    JOIN_REFUSED,
    MAX_FAILURES,
    PAUSE,
    Created,
    choose_group,
    create_workshop,
    groups,
    join,
    membership,
    minutes_text,
    participant_link,
    pause_left,
    workshop_state,
)
from .summaries import (
    describe_summary,
    share_plan_summary,
    summarise_plan,
    withdraw_plan_summary,
)
from .trainer import MAX_GROUPS, SIGN_IN_REFUSED, Trainer


def build_report(store, code: str, questions=None):
    """A workshop's results: see :func:`widgets.workshop.results.build_report`."""
    from .results import build_report as build

    return build(store, code, questions)


__all__ = [
    "ALPHABET",
    "DEFAULT_URL",
    "CODE_RE",
    "GROUP_REFUSED",
    "JOIN_CLOSED",
    "JOIN_PAUSED",
    "JOIN_REFUSED",
    "MAX_FAILURES",
    "MAX_GROUPS",
    "PAUSE",
    "SIGN_IN_REFUSED",
    "Created",
    "StoreError",
    "Trainer",
    "WorkshopError",
    "build_report",
    "check_secret",
    "choose_group",
    "clean_display_name",
    "create_workshop",
    "describe_summary",
    "groups",
    "hash_secret",
    "join",
    "membership",
    "minutes_text",
    "new_code",
    "new_secret",
    "normalise_code",
    "participant_link",
    "pause_left",
    "share_plan_summary",
    "summarise_plan",
    "withdraw_plan_summary",
    "workshop_state",
]
