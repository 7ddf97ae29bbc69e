"""The store's tables, as an ordered list of changes, and how a database gets to the latest.

:data:`MIGRATIONS` lists the changes in order; the table ``schema_version`` records how far a
database has got. :func:`upgrade` runs inside a transaction that holds the migration lock, so
two processes starting together never run a step twice.
"""

from __future__ import annotations

from .errors import StoreError

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
#: The schema version this code reads and writes.
LATEST = len(MIGRATIONS)
#: The name of the lock every migration holds (an advisory lock on PostgreSQL).
LOCK = "course-store-migrations"


def check(version: int | None, where: str) -> None:
    """Refuse a schema this code cannot use; ``None`` (no schema yet) and the latest pass."""
    if version is None or version == LATEST:
        return
    if version > LATEST:
        raise StoreError("schema_newer", where, f"schema {version} > {LATEST}", version=version)
    raise StoreError("schema_older", where, f"schema {version} < {LATEST}", version=version)


def upgrade(cur, where: str, *, existing: bool) -> int:
    """Bring the schema to :data:`LATEST` inside a locked transaction; the version before.

    ``existing=False`` (a page's kernel) creates a store that has no tables yet but refuses to
    upgrade one that has: upgrades are for the processes that start the course.
    """
    cur.lock(LOCK)
    cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    cur.execute("SELECT version FROM schema_version")
    row = cur.fetchone()
    current = row[0] if row else 0
    if current and not existing:
        check(current, where)
    elif current > LATEST:
        check(current, where)
    for steps in MIGRATIONS[current:]:
        for sql in steps:
            cur.execute(sql)
    if row is None:
        cur.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST,))
    elif current != LATEST:
        cur.execute("UPDATE schema_version SET version = ?", (LATEST,))
    return current
