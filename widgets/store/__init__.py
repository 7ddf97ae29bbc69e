"""The course's store: where progress, plans and workshop results are kept.

One small interface over two engines, both through plain DB-API drivers:

* **SQLite** (the default, from Python's standard library): one file in a per-user data
  directory, in WAL mode, every write in a transaction. ``COURSE_STORE_DIR`` moves the folder.
* **PostgreSQL** (for a deployment across several servers, e.g. JupyterHub): set
  ``COURSE_DATABASE_URL=postgresql://user:pass@host/db``; needs ``psycopg``.

Modules: :mod:`.schema` (the tables, versioned, and the upgrade), :mod:`.engine` (connection,
transactions, locks), :mod:`.sqlite` (safe opening of a file), :mod:`.learners` and
:mod:`.workshops` (the queries), :mod:`.errors` (:class:`StoreError` and its reasons).

**Migrations run once, at start**, under a lock (PostgreSQL: an advisory lock; SQLite: the
write lock of ``BEGIN IMMEDIATE``): :func:`migrate` (or :func:`migrate_at_start`, which
prints a failure instead of raising it) is called by the course app (``python -m
widgets.app``), the trainer's dashboard process (``serve-dashboard``), the ``widgets.workshop``
commands (``Store(migrate=True)``), the hub (:func:`widgets.hubdb.prepare`) and
``python -m widgets.store`` (``course.py lab``). A page's kernel only checks the version: an
older store raises ``schema_older`` (start the course to upgrade it), a newer one
``schema_newer``. One exception keeps a kernel opened without the app working (JupyterLab
self-study, nbval, tests): a store that does not exist yet (a new SQLite file, an empty
PostgreSQL schema) is created by its first opener, so any number of kernels may open it at
once: a new SQLite file is built aside and linked into place whole (:mod:`.sqlite`), an empty
PostgreSQL schema gets its tables under the advisory lock.

**API for the learner context** (``widgets.learner``; also in the project notes):

- :func:`open_store` returns the kernel's :class:`Store` (cached once it opened) or raises
  :class:`StoreError`; nothing is cached on failure, so calling it again retries the real store
  (the fallback to memory is the caller's policy, and not sticky). :func:`memory_store` makes a
  store that lives in this process only (no learner code, or a session-only fallback).
- :class:`StoreError` has ``reason`` (one of :data:`REASONS`: ``unavailable``, ``damaged``,
  ``busy``, ``read_only``, ``schema_newer``, ``schema_older``, ``refused``), ``where`` (for
  people, no password), ``retry`` (True for busy and unavailable) and ``str()``, the learner's
  sentence from ``course_data/strings`` (``store.error.<reason>``).
- Reads and writes raise :class:`StoreError` and never wait longer than about
  :data:`BUSY_SECONDS` for another program's lock: a locked WAL store still reads, and a save
  raises ``busy`` (try again on the next save; the same :class:`Store` works once the lock is
  gone). A 0-byte or damaged file raises ``damaged`` and is never replaced.
- ``open_store(fallback=True)`` is for the trainer's pages, which have no learner context: on
  failure it returns a new memory store whose ``problem`` (the sentence) and ``reason`` say why.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .engine import MEMORY, Engine
from .errors import REASONS, StoreError, text
from .learners import LearnerData
from .schema import MIGRATIONS
from .sqlite import BUSY_SECONDS
from .workshops import WorkshopData

__all__ = [
    "BUSY_SECONDS",
    "FILENAME",
    "MIGRATIONS",
    "REASONS",
    "Store",
    "StoreError",
    "default_url",
    "memory_store",
    "migrate",
    "migrate_at_start",
    "open_store",
    "reset_store_cache",
    "store_dir",
]

APP_NAME = "tb-coalitions-course"
FILENAME = "course.sqlite3"


def store_dir() -> Path:
    """The folder of the SQLite store: ``$COURSE_STORE_DIR`` or the per-user data directory."""
    env = os.environ.get("COURSE_STORE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_url() -> str:
    """``$COURSE_DATABASE_URL`` if set, else the SQLite file in :func:`store_dir`."""
    return os.environ.get("COURSE_DATABASE_URL") or f"sqlite:///{store_dir() / FILENAME}"


class Store(LearnerData, WorkshopData, Engine):
    """Progress, plans and answers, keyed by learner code. Thread-safe; writes are transactions.

    ``Store(url)`` opens (or creates) the store at ``url`` (default :func:`default_url`) and
    checks its schema; ``migrate=True`` also upgrades an older one (processes that start the
    course only). Raises :class:`StoreError` with a reason.
    """

    def __init__(self, url: str | None = None, *, migrate: bool = False):
        super().__init__(url or default_url(), migrate=migrate)


def memory_store() -> Store:
    """A new store that lives in this process only (nothing is written to disk)."""
    return Store(MEMORY)


def migrate(url: str | None = None) -> int:
    """Upgrade the store to the latest schema, under a lock; returns the schema version."""
    st = Store(url, migrate=True)
    try:
        return st.schema_version
    finally:
        st.close()


def migrate_at_start(url: str | None = None) -> None:
    """:func:`migrate` for a process that starts the course: a failure is printed, not raised
    (the pages then say what is wrong with the store, and the rest of the course works)."""
    import sys

    try:
        migrate(url)
    except StoreError as exc:
        print(exc, file=sys.stderr, flush=True)


_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()


def open_store(url: str | None = None, *, fallback: bool = False) -> Store:
    """The kernel's store at ``url`` (default :func:`default_url`), opened once and cached.

    Raises :class:`StoreError` (nothing cached: the next call tries again). ``fallback=True``
    (transitional, for views without the learner context) returns a new memory store instead,
    with ``problem`` and ``reason`` set.
    """
    url = url or default_url()
    with _STORES_LOCK:
        if url not in _STORES:
            try:
                _STORES[url] = Store(url)
            except StoreError as exc:
                if not fallback:
                    raise
                st = memory_store()
                st.problem, st.reason = text("store.fallback", problem=str(exc)), exc.reason
                return st
        return _STORES[url]


def reset_store_cache() -> None:
    """Forget the kernel's stores (tests, or after changing the environment)."""
    with _STORES_LOCK:
        for st in _STORES.values():
            st.close()
        _STORES.clear()
