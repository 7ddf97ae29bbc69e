"""One connection to the store's database, on either engine, with transactions and locks.

:class:`Engine` is the base of :class:`widgets.store.Store`: it connects (SQLite through
:mod:`widgets.store.sqlite`, PostgreSQL through psycopg), checks or upgrades the schema
(:mod:`widgets.store.schema`), and runs SQL with ``?`` placeholders on both engines. Every
engine error leaves as a :class:`StoreError` with a reason.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from . import schema, sqlite
from .errors import StoreError, text, wrap

MEMORY = "sqlite:///:memory:"


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def describe(url: str) -> str:
    """Where the data at ``url`` is kept, for people (never the password)."""
    if is_postgres(url):
        from urllib.parse import urlsplit

        u = urlsplit(url)
        return text("store.where.postgres", database=u.path.lstrip("/"), host=u.hostname)
    path = url.removeprefix("sqlite:///")
    return text("store.where.memory") if path == ":memory:" else path


class Engine:
    """A connection to the store at ``url``, thread-safe; writes are transactions.

    Opening checks the schema version: a store that does not exist yet is created (under the
    migration lock); an older one is upgraded only with ``migrate=True`` (the processes that
    start the course), else :class:`StoreError` ``schema_older``; a newer one is refused.
    """

    def __init__(self, url: str, *, migrate: bool = False):
        self.url = url
        self.problem: str | None = None  # set on a fallback store: why the real one is not used
        self.reason: str | None = None  # and the StoreError reason
        self._lock = threading.RLock()
        self._pg = is_postgres(url)
        self.where = describe(url)
        self._conn = None
        try:
            self._conn = self._connect()
            self._prepare(migrate)
        except BaseException as exc:
            if self._conn is not None:
                self._conn.close()
            _reraise(exc, self.where)

    @property
    def memory(self) -> bool:
        """True for a store that lives in this process only."""
        return self.url == MEMORY

    def _connect(self):
        if self._pg:
            import psycopg

            return psycopg.connect(self.url, autocommit=True, connect_timeout=5)
        return sqlite.connect(self.url.removeprefix("sqlite:///"), self._create)

    def _create(self, conn) -> None:
        """Build every table in a new SQLite database (not shared yet: no lock needed)."""
        cur = _Cursor(conn.cursor(), self._sql, pg=False)
        cur.execute("BEGIN IMMEDIATE")
        schema.upgrade(cur, self.where, existing=False)
        cur.execute("COMMIT")

    def _prepare(self, migrate: bool) -> None:
        version = self._version()
        if version == schema.LATEST:
            return
        if version is not None and not migrate:
            schema.check(version, self.where)  # newer or older: refused with a reason
        with self.transaction() as cur:
            schema.upgrade(cur, self.where, existing=migrate)

    def _version(self) -> int | None:
        """The schema version, or None when the store has no tables yet."""
        try:
            rows = self.query("SELECT version FROM schema_version")
        except StoreError as exc:
            undefined = getattr(exc.__cause__, "sqlstate", None) == "42P01"  # PostgreSQL
            if not (undefined or "no such table" in exc.detail):  # damaged, locked, unreachable
                raise
            return None
        return rows[0][0] if rows else None

    def reopen(self) -> None:
        """Connect again (after the server restarted, or a file came back); cheap."""
        with self._lock:
            self.close()
            try:
                self._conn = self._connect()
                self._prepare(False)
            except Exception as exc:
                _reraise(exc, self.where)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self._pg else sql

    def _live(self):
        if self._pg and self._conn.closed:  # the server went away since: try once more
            self._conn = self._connect()
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed on success, rolled back on error."""
        with self._lock:
            try:
                cur = self._live().cursor()
            except Exception as exc:
                _reraise(exc, self.where)
            try:
                cur.execute("BEGIN" if self._pg else "BEGIN IMMEDIATE")
                yield _Cursor(cur, self._sql, pg=self._pg)
                cur.execute("COMMIT")
            except BaseException as exc:
                try:
                    cur.execute("ROLLBACK")
                except Exception:
                    pass
                _reraise(exc, self.where)
            finally:
                cur.close()

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of a read-only query (``?`` placeholders)."""
        with self._lock:
            try:
                cur = self._live().cursor()
                try:
                    cur.execute(self._sql(sql), params)
                    return cur.fetchall()
                finally:
                    cur.close()
            except Exception as exc:
                _reraise(exc, self.where)

    def select(self, columns: str, rest: str, params: tuple = ()) -> list[dict[str, Any]]:
        """Rows of ``SELECT columns rest`` as dicts keyed by the column names (without a table
        alias; ``x AS name`` gives ``name``): JSON columns (``body``, ``response``) decoded, ``correct`` a bool."""
        names = [c.split(" AS ")[-1].strip().split(".")[-1] for c in columns.split(",")]
        out = []
        for row in self.query(f"SELECT {columns} {rest}", params):
            rec = dict(zip(names, row, strict=True))
            for name in ("body", "response"):
                if name in rec:
                    rec[name] = json.loads(rec[name])
            if "correct" in rec:
                rec["correct"] = bool(rec["correct"])
            out.append(rec)
        return out

    @property
    def schema_version(self) -> int:
        """The version of the store's schema (:data:`widgets.store.schema.LATEST` when usable)."""
        return self.query("SELECT version FROM schema_version")[0][0]

    def close(self) -> None:
        """Close the connection (a closed SQLite store can be opened again at once)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()


def _reraise(exc: BaseException, where: str):
    """Raise ``exc`` again, as a :class:`StoreError` when it comes from an engine."""
    err = wrap(exc, where)
    if err is exc:
        raise exc
    raise err from exc


class _Cursor:
    """A cursor that accepts ``?`` placeholders on every engine, and takes named locks."""

    def __init__(self, cur, translate, *, pg: bool):
        self._cur, self._translate, self._pg = cur, translate, pg

    def execute(self, sql: str, params: tuple = ()) -> None:
        self._cur.execute(self._translate(sql), params)

    def fetchone(self):
        return self._cur.fetchone()

    def lock(self, name: str) -> None:
        """Hold a lock named ``name`` until the transaction ends (PostgreSQL advisory lock;
        SQLite's ``BEGIN IMMEDIATE`` already lets one writer in at a time)."""
        if self._pg:
            key = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big")
            self._cur.execute("SELECT pg_advisory_xact_lock(%s)", (key - (1 << 63),))
