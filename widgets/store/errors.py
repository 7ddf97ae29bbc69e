"""Why the store cannot be used: :class:`StoreError` and its ``reason``.

The sentence a learner reads comes from ``course_data/strings/<language>.yaml``
(``store.error.<reason>``); the store itself imports no interface code.
"""

from __future__ import annotations

import sqlite3

#: Every reason a :class:`StoreError` can give, and the key of the sentence a learner reads.
MESSAGES = {
    # cannot connect / open right now (a server down, a folder not creatable)
    "unavailable": "store.error.unavailable",
    # not a database, malformed, or an empty (0-byte) file: left exactly as it is
    "damaged": "store.error.damaged",
    # another program holds the write lock: reads may work, try the write again later
    "busy": "store.error.busy",
    # the file or database cannot be written
    "read_only": "store.error.read_only",
    # made by a newer version of the course
    "schema_newer": "store.error.schema_newer",
    # needs an upgrade, which the course does when it starts
    "schema_older": "store.error.schema_older",
    # the store refused this change (a rule, a permission, a duplicate)
    "refused": "store.error.refused",
}
REASONS = tuple(MESSAGES)
#: Reasons worth trying again on the next save.
RETRY = frozenset({"busy", "unavailable"})


def text(key: str, **values: object) -> str:
    """An interface string of the store's block in the strings file."""
    from .. import content

    return content.load().text(key, **values)


class StoreError(RuntimeError):
    """The store could not be read or written.

    ``reason`` is one of :data:`REASONS`, ``where`` says where the data is (for people, no
    password), ``detail`` the engine's own words (for logs), and ``str()`` the learner's sentence.
    """

    def __init__(self, reason: str, where: str = "", detail: str = "", **values: object):
        if reason not in REASONS:
            raise ValueError(f"unknown store error reason {reason!r}")
        self.reason, self.where, self.detail = reason, where, detail
        super().__init__(text(MESSAGES[reason], where=where, **values))

    @property
    def retry(self) -> bool:
        """True when trying again later may work (the store is busy or out of reach)."""
        return self.reason in RETRY


def classify(exc: BaseException) -> str:
    """The :data:`REASONS` entry for an engine's exception (sqlite3 or psycopg)."""
    words = str(exc).lower()
    if isinstance(exc, sqlite3.Error):
        if "locked" in words or "busy" in words:
            return "busy"
        if "readonly" in words or "read-only" in words:
            return "read_only"
        if "not a database" in words or "malformed" in words or "disk image" in words:
            return "damaged"
        if isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
            return "refused"
        return "unavailable"
    state = getattr(exc, "sqlstate", None) or ""
    if state == "25006":  # read_only_sql_transaction
        return "read_only"
    if state in ("55P03", "40001", "40P01"):  # lock_not_available, serialization, deadlock
        return "busy"
    if state[:2] in ("23", "42", "22"):  # integrity, access rule or syntax, data
        return "refused"
    return "unavailable"


def wrap(exc: BaseException, where: str) -> BaseException:
    """A :class:`StoreError` for an engine's exception; a StoreError, or what is not an
    error (``KeyboardInterrupt``), is returned as it is."""
    if isinstance(exc, StoreError) or not isinstance(exc, Exception):
        return exc
    return StoreError(classify(exc), where, f"{type(exc).__name__}: {exc}")
