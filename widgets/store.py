"""The course's store: where progress, plans and workshop results are kept.

One small interface over two engines, both through plain DB-API drivers:

* **SQLite** (the default, from Python's standard library): one file in a per-user data
  directory, in WAL mode, every write in a transaction. ``COURSE_STORE_DIR`` moves the folder.
* **PostgreSQL** (for a deployment across several servers, e.g. JupyterHub): set
  ``COURSE_DATABASE_URL=postgresql://user:pass@host/db``; needs ``psycopg``.

The schema is versioned: :data:`MIGRATIONS` lists the changes in order and the table
``schema_version`` records how far a database has got. If the store cannot be opened or written
(corrupt, locked, read-only), :func:`open_store` falls back to an in-memory store for the session
and says why in :attr:`Store.problem`; the file on disk is never overwritten.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

APP_NAME = "tb-coalitions-course"
FILENAME = "course.sqlite3"

#: Ordered schema changes. Append only; never edit a released step.
MIGRATIONS: list[list[str]] = [
    [  # 1: learners, their documents (quiz state, plans, preferences) and quiz answers
        """CREATE TABLE learners (
               code TEXT PRIMARY KEY,
               created_at DOUBLE PRECISION NOT NULL)""",
        """CREATE TABLE documents (
               learner TEXT NOT NULL,
               kind TEXT NOT NULL,
               key TEXT NOT NULL,
               body TEXT NOT NULL,
               updated_at DOUBLE PRECISION NOT NULL,
               PRIMARY KEY (learner, kind, key))""",
        """CREATE TABLE answers (
               learner TEXT NOT NULL,
               question_id TEXT NOT NULL,
               attempt INTEGER NOT NULL,
               response TEXT NOT NULL,
               score DOUBLE PRECISION NOT NULL,
               correct INTEGER NOT NULL,
               workshop TEXT,
               created_at DOUBLE PRECISION NOT NULL,
               PRIMARY KEY (learner, question_id, attempt))""",
        "CREATE INDEX answers_workshop ON answers (workshop, question_id)",
    ],
    [  # 2: trainer-led workshops, who joined them, and the plan summaries participants shared
        """CREATE TABLE workshops (
               code TEXT PRIMARY KEY,
               name TEXT NOT NULL,
               secret_hash TEXT NOT NULL,
               created_at DOUBLE PRECISION NOT NULL,
               closed_at DOUBLE PRECISION)""",
        """CREATE TABLE participants (
               workshop TEXT NOT NULL,
               learner TEXT NOT NULL,
               display_name TEXT NOT NULL,
               joined_at DOUBLE PRECISION NOT NULL,
               PRIMARY KEY (workshop, learner))""",
        """CREATE TABLE shared_summaries (
               workshop TEXT NOT NULL,
               learner TEXT NOT NULL,
               body TEXT NOT NULL,
               updated_at DOUBLE PRECISION NOT NULL,
               PRIMARY KEY (workshop, learner))""",
        """CREATE TABLE join_failures (
               learner TEXT NOT NULL,
               failed_at DOUBLE PRECISION NOT NULL)""",
        "CREATE INDEX join_failures_learner ON join_failures (learner, failed_at)",
    ],
    [  # 3: groups within a workshop (made by the trainer), and which group a participant is in
        """CREATE TABLE workshop_groups (
               workshop TEXT NOT NULL,
               id TEXT NOT NULL,
               name TEXT NOT NULL,
               position INTEGER NOT NULL,
               PRIMARY KEY (workshop, id))""",
        "ALTER TABLE participants ADD COLUMN group_id TEXT",
    ],
]


class StoreError(RuntimeError):
    """The store could not be read or written; the message says why in plain words."""


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


class Store:
    """Progress, plans and answers, keyed by learner code. Thread-safe; writes are transactions."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self.problem: str | None = None  # set on a fallback store: why the real one is not used
        self._no_secret_column = False  # set when this role may not read workshops.secret_hash
        self._lock = threading.RLock()
        self._pg = self.url.startswith(("postgresql://", "postgres://"))
        try:
            self._conn = self._connect()
            self._migrate()
        except StoreError:
            raise
        except Exception as exc:  # sqlite3.DatabaseError, OperationalError, psycopg errors
            raise StoreError(_explain(exc, self.where)) from exc

    # -- connection --------------------------------------------------------------------------
    @property
    def where(self) -> str:
        """Where the data is kept, for people (no password)."""
        if self._pg:
            from urllib.parse import urlsplit

            u = urlsplit(self.url)
            return f"PostgreSQL database '{u.path.lstrip('/')}' on {u.hostname}"
        path = self.url.removeprefix("sqlite:///")
        return "memory only (this session)" if path == ":memory:" else path

    def _connect(self):
        if self._pg:
            import psycopg

            return psycopg.connect(self.url, autocommit=True)
        path = self.url.removeprefix("sqlite:///")
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 10000")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self._pg else sql

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed on success, rolled back on error."""
        with self._lock:
            cur = self._conn.cursor()
            try:
                cur.execute("BEGIN" if self._pg else "BEGIN IMMEDIATE")
                yield _Cursor(cur, self._sql)
                cur.execute("COMMIT")
            except BaseException as exc:
                try:
                    cur.execute("ROLLBACK")
                except Exception:
                    pass
                if isinstance(exc, (StoreError, KeyboardInterrupt)):
                    raise
                raise StoreError(_explain(exc, self.where)) from exc
            finally:
                cur.close()

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of a read-only query (``?`` placeholders)."""
        with self._lock:
            try:
                cur = self._conn.cursor()
                cur.execute(self._sql(sql), params)
                rows = cur.fetchall()
                cur.close()
                return rows
            except Exception as exc:
                raise StoreError(_explain(exc, self.where)) from exc

    def _schema_is_current(self) -> bool:
        """True when the schema needs no change (read-only check, no DDL)."""
        try:
            return self.query("SELECT version FROM schema_version")[0][0] == len(MIGRATIONS)
        except Exception:  # no table yet, or not readable
            return False

    def _migrate(self) -> None:
        # A role that may not change the schema (a learner's role on a hub, widgets.hubdb) only
        # gets this far when the schema is current: the hub migrates as the owner at start.
        if self._pg and self._schema_is_current():
            return
        with self.transaction() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            cur.execute("SELECT version FROM schema_version")
            row = cur.fetchone()
            current = row[0] if row else 0
            if current > len(MIGRATIONS):
                raise StoreError(
                    f"The store at {self.where} was made by a newer version of the "
                    f"course (schema {current}); update the course to use it."
                )
            for steps in MIGRATIONS[current:]:
                for sql in steps:
                    cur.execute(sql)
            if row is None:
                cur.execute("INSERT INTO schema_version (version) VALUES (?)", (len(MIGRATIONS),))
            elif current != len(MIGRATIONS):
                cur.execute("UPDATE schema_version SET version = ?", (len(MIGRATIONS),))

    @property
    def schema_version(self) -> int:
        return self.query("SELECT version FROM schema_version")[0][0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- documents: one JSON body per (learner, kind, key) ------------------------------------
    def put_doc(self, learner: str, kind: str, key: str, body: Any) -> None:
        """Save a JSON-serialisable document, replacing the previous one."""
        text = json.dumps(body, ensure_ascii=False, sort_keys=True)
        now = time.time()
        with self.transaction() as cur:
            self._ensure_learner(cur, learner, now)
            cur.execute(
                "INSERT INTO documents (learner, kind, key, body, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (learner, kind, key) DO UPDATE SET body = excluded.body,"
                " updated_at = excluded.updated_at",
                (learner, kind, key, text, now),
            )

    def get_doc(self, learner: str, kind: str, key: str, default: Any = None) -> Any:
        """A saved document, or ``default``."""
        rows = self.query(
            "SELECT body FROM documents WHERE learner = ? AND kind = ? AND key = ?",
            (learner, kind, key),
        )
        return json.loads(rows[0][0]) if rows else default

    def docs(self, learner: str, kind: str) -> dict[str, Any]:
        """All documents of one kind for a learner, by key."""
        rows = self.query(
            "SELECT key, body FROM documents WHERE learner = ? AND kind = ? ORDER BY key",
            (learner, kind),
        )
        return {k: json.loads(b) for k, b in rows}

    def delete_docs(self, learner: str, kind: str) -> None:
        """Delete all documents of one kind for a learner."""
        with self.transaction() as cur:
            cur.execute("DELETE FROM documents WHERE learner = ? AND kind = ?", (learner, kind))

    # -- quiz answers ---------------------------------------------------------------------------
    def add_answer(
        self,
        learner: str,
        question_id: str,
        response: Any,
        score: float,
        correct: bool,
        workshop: str | None = None,
    ) -> int:
        """Record one attempt at a question; returns its attempt number (1, 2, ...)."""
        now = time.time()
        with self.transaction() as cur:
            self._ensure_learner(cur, learner, now)
            cur.execute(
                "SELECT COALESCE(MAX(attempt), 0) FROM answers WHERE learner = ? AND "
                "question_id = ?",
                (learner, question_id),
            )
            attempt = cur.fetchone()[0] + 1
            cur.execute(
                "INSERT INTO answers (learner, question_id, attempt, response, score, "
                "correct, workshop, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    learner,
                    question_id,
                    attempt,
                    json.dumps(response),
                    float(score),
                    int(bool(correct)),
                    workshop,
                    now,
                ),
            )
        return attempt

    def answers(self, learner: str) -> list[dict[str, Any]]:
        """Every attempt of a learner, oldest first."""
        rows = self.query(
            "SELECT question_id, attempt, response, score, correct, workshop, "
            "created_at FROM answers WHERE learner = ? ORDER BY created_at, attempt",
            (learner,),
        )
        return [
            dict(
                question_id=q,
                attempt=a,
                response=json.loads(r),
                score=s,
                correct=bool(c),
                workshop=w,
                created_at=t,
            )
            for q, a, r, s, c, w, t in rows
        ]

    def delete_answers(self, learner: str) -> None:
        """Forget every quiz answer of a learner."""
        with self.transaction() as cur:
            cur.execute("DELETE FROM answers WHERE learner = ?", (learner,))

    # -- a learner's data as a whole -----------------------------------------------------------
    def export_learner(self, learner: str) -> dict[str, Any]:
        """Everything stored about a learner, as JSON-ready data."""
        docs = self.query(
            "SELECT kind, key, body, updated_at FROM documents WHERE learner = ? "
            "ORDER BY kind, key",
            (learner,),
        )
        return {
            "learner": learner,
            "documents": [
                dict(kind=k, key=key, body=json.loads(b), updated_at=u) for k, key, b, u in docs
            ],
            "answers": self.answers(learner),
            "workshops": [
                dict(workshop=w, display_name=d, joined_at=t)
                for w, d, t in self.query(
                    "SELECT workshop, display_name, joined_at FROM participants WHERE learner = ? "
                    "ORDER BY joined_at",
                    (learner,),
                )
            ],
        }

    def delete_learner(self, learner: str) -> None:
        """Delete everything stored about a learner."""
        with self.transaction() as cur:
            for table, col in (
                ("answers", "learner"),
                ("documents", "learner"),
                ("shared_summaries", "learner"),
                ("participants", "learner"),
                ("join_failures", "learner"),
                ("learners", "code"),
            ):
                cur.execute(f"DELETE FROM {table} WHERE {col} = ?", (learner,))

    # -- workshops (rules and secrets live in widgets.workshop.model; this is storage only) ----
    def create_workshop(self, code: str, name: str, secret_hash: str) -> None:
        """Record a new workshop; :class:`StoreError` if the code is taken."""
        with self.transaction() as cur:
            cur.execute("SELECT 1 FROM workshops WHERE code = ?", (code,))
            if cur.fetchone():
                raise StoreError(f"A workshop with the code {code} already exists.")
            cur.execute(
                "INSERT INTO workshops (code, name, secret_hash, created_at, closed_at) "
                "VALUES (?, ?, ?, ?, NULL)",
                (code, name, secret_hash, time.time()),
            )

    def workshop(self, code: str) -> dict[str, Any] | None:
        """One workshop's record (with its secret hash), or None."""
        columns = "code, name, secret_hash, created_at, closed_at"
        if self._no_secret_column:  # a learner's role on a hub (widgets.hubdb): no hash to read
            columns = columns.replace("secret_hash", "''")
        try:
            rows = self.query(f"SELECT {columns} FROM workshops WHERE code = ?", (code,))
        except StoreError as exc:
            denied = getattr(exc.__cause__, "sqlstate", None) == "42501"  # insufficient privilege
            if not denied or self._no_secret_column:
                raise
            self._no_secret_column = True
            return self.workshop(code)
        if not rows:
            return None
        c, n, h, t, closed = rows[0]
        return dict(code=c, name=n, secret_hash=h, created_at=t, closed_at=closed)

    def close_workshop(self, code: str) -> None:
        """Stop a workshop taking participants and answers (its data stays until deleted)."""
        with self.transaction() as cur:
            cur.execute(
                "UPDATE workshops SET closed_at = ? WHERE code = ? AND closed_at IS NULL",
                (time.time(), code),
            )

    def delete_workshop(self, code: str) -> None:
        """Delete a workshop: its record, participants, shared summaries and its answers."""
        with self.transaction() as cur:
            for table, col in (
                ("answers", "workshop"),
                ("shared_summaries", "workshop"),
                ("participants", "workshop"),
                ("workshop_groups", "workshop"),
                ("workshops", "code"),
            ):
                cur.execute(f"DELETE FROM {table} WHERE {col} = ?", (code,))

    def add_participant(self, code: str, learner: str, display_name: str) -> None:
        """Add a learner to a workshop, or change their display name."""
        now = time.time()
        with self.transaction() as cur:
            self._ensure_learner(cur, learner, now)
            cur.execute(
                "INSERT INTO participants (workshop, learner, display_name, joined_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (workshop, learner) DO UPDATE SET "
                "display_name = excluded.display_name",
                (code, learner, display_name, now),
            )

    def participants(self, code: str) -> list[dict[str, Any]]:
        """Who joined a workshop, in order of joining, with their group id (or None)."""
        rows = self.query(
            "SELECT learner, display_name, joined_at, group_id FROM participants "
            "WHERE workshop = ? ORDER BY joined_at, learner",
            (code,),
        )
        return [dict(learner=r, display_name=d, joined_at=t, group=g) for r, d, t, g in rows]

    def add_group(self, code: str, group_id: str, name: str) -> None:
        """Add a group to a workshop (after the existing ones), or rename it."""
        with self.transaction() as cur:
            cur.execute(
                "SELECT COALESCE(MAX(position), 0) FROM workshop_groups WHERE workshop = ?",
                (code,),
            )
            position = cur.fetchone()[0] + 1
            cur.execute(
                "INSERT INTO workshop_groups (workshop, id, name, position) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (workshop, id) DO UPDATE SET name = excluded.name",
                (code, group_id, name, position),
            )

    def groups(self, code: str) -> list[dict[str, Any]]:
        """A workshop's groups in the order they were made."""
        rows = self.query(
            "SELECT id, name FROM workshop_groups WHERE workshop = ? ORDER BY position",
            (code,),
        )
        return [dict(id=i, name=n) for i, n in rows]

    def set_participant_group(self, code: str, learner: str, group_id: str | None) -> None:
        """Put a participant in a group (None: in no group)."""
        with self.transaction() as cur:
            cur.execute(
                "UPDATE participants SET group_id = ? WHERE workshop = ? AND learner = ?",
                (group_id, code, learner),
            )

    def is_participant(self, code: str, learner: str) -> bool:
        """True if the learner joined this workshop."""
        return bool(
            self.query(
                "SELECT 1 FROM participants WHERE workshop = ? AND learner = ?", (code, learner)
            )
        )

    def put_shared_summary(self, code: str, learner: str, body: Any) -> None:
        """Save (replace) the plan summary a participant chose to share with the workshop."""
        text = json.dumps(body, ensure_ascii=False, sort_keys=True)
        with self.transaction() as cur:
            cur.execute(
                "INSERT INTO shared_summaries (workshop, learner, body, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (workshop, learner) DO UPDATE SET "
                "body = excluded.body, updated_at = excluded.updated_at",
                (code, learner, text, time.time()),
            )

    def delete_shared_summary(self, code: str, learner: str) -> None:
        """Withdraw a participant's shared summary."""
        with self.transaction() as cur:
            cur.execute(
                "DELETE FROM shared_summaries WHERE workshop = ? AND learner = ?", (code, learner)
            )

    def shared_summaries(self, code: str) -> dict[str, Any]:
        """The shared plan summaries of a workshop's participants, by learner."""
        rows = self.query(
            "SELECT s.learner, s.body FROM shared_summaries s JOIN participants p "
            "ON p.workshop = s.workshop AND p.learner = s.learner WHERE s.workshop = ? "
            "ORDER BY s.learner",
            (code,),
        )
        return {learner: json.loads(b) for learner, b in rows}

    def workshop_answers(self, code: str) -> list[dict[str, Any]]:
        """Answers given in a workshop by learners who joined it, up to its closing time."""
        rows = self.query(
            "SELECT a.learner, a.question_id, a.attempt, a.response, a.score, a.correct, "
            "a.created_at FROM answers a "
            "JOIN participants p ON p.workshop = a.workshop AND p.learner = a.learner "
            "JOIN workshops w ON w.code = a.workshop "
            "WHERE a.workshop = ? AND (w.closed_at IS NULL OR a.created_at <= w.closed_at) "
            "ORDER BY a.learner, a.question_id, a.attempt",
            (code,),
        )
        return [
            dict(
                learner=r,
                question_id=q,
                attempt=a,
                response=json.loads(resp),
                score=s,
                correct=bool(c),
                created_at=t,
            )
            for r, q, a, resp, s, c, t in rows
        ]

    def record_join_failure(self, learner: str) -> None:
        """Note a failed attempt to join a workshop (to slow down guessing)."""
        now = time.time()
        with self.transaction() as cur:
            cur.execute("DELETE FROM join_failures WHERE failed_at < ?", (now - 86400,))
            cur.execute(
                "INSERT INTO join_failures (learner, failed_at) VALUES (?, ?)", (learner, now)
            )

    def join_failures_since(self, learner: str, since: float) -> int:
        """How many failed join attempts a learner made since a time."""
        rows = self.query(
            "SELECT COUNT(*) FROM join_failures WHERE learner = ? AND failed_at >= ?",
            (learner, since),
        )
        return rows[0][0]

    def last_join_failure(self, learner: str) -> float | None:
        """When a learner's latest failed join attempt happened (seconds since the epoch), if any."""
        rows = self.query("SELECT MAX(failed_at) FROM join_failures WHERE learner = ?", (learner,))
        return rows[0][0] if rows and rows[0][0] is not None else None

    def _ensure_learner(self, cur, learner: str, now: float) -> None:
        cur.execute(
            "INSERT INTO learners (code, created_at) VALUES (?, ?) ON CONFLICT (code) DO NOTHING",
            (learner, now),
        )


class _Cursor:
    """A cursor that accepts ``?`` placeholders on every engine."""

    def __init__(self, cur, translate):
        self._cur, self._translate = cur, translate

    def execute(self, sql: str, params: tuple = ()) -> None:
        self._cur.execute(self._translate(sql), params)

    def fetchone(self):
        return self._cur.fetchone()

    def fetchall(self):
        return self._cur.fetchall()


def _explain(exc: BaseException, where: str) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        why = "it is locked by another program"
    elif "readonly" in text or "read-only" in text or "permission" in text:
        why = "it cannot be written (read-only)"
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        why = "the file is damaged"
    else:
        why = f"of an error ({type(exc).__name__}: {exc})"
    return f"Your saved work at {where} cannot be used because {why}."


_STORE: Store | None = None
_STORE_LOCK = threading.Lock()


def open_store() -> Store:
    """The kernel's store, opened once. Falls back to memory (with ``problem`` set) on failure."""
    global _STORE
    with _STORE_LOCK:
        if _STORE is None:
            try:
                _STORE = Store()
            except StoreError as exc:
                _STORE = Store("sqlite:///:memory:")
                _STORE.problem = (
                    f"{exc} Your answers are kept for this session only; "
                    "nothing on disk was changed."
                )
        return _STORE


def reset_store_cache() -> None:
    """Forget the kernel's store (tests, or after changing the environment)."""
    global _STORE
    with _STORE_LOCK:
        if _STORE is not None:
            _STORE.close()
        _STORE = None
