"""One PostgreSQL for a JupyterHub, where no user's server can read or change another's data.

Every single-user server needs the course's database, and a learner can run any code in their
own server (a notebook, a terminal). So the database, not the course's code, must keep learners
apart. This module sets that up with PostgreSQL's own mechanisms:

* The **owner** role (the hub's ``COURSE_HUB_DATABASE_URL``, never given to a user's server)
  owns the tables, runs the migrations once when the hub starts (:func:`prepare`) and creates
  one role per hub user when that user's server is spawned (:func:`learner_url`).
* Each hub user gets a **login role** of their own (``course_u_<hash of the user name>``), with
  a fresh random password at each spawn, member of the group role ``course_learner``. Row-level
  security on every table that holds a learner's data (:data:`LEARNER_TABLES`) lets a role see
  and write only the rows of its own learner key (``hub-<username>``, the key
  :func:`widgets.identity.identify` uses under a hub). Of the workshops table it may read the
  code, name and dates, never the trainer secret's hash.
* The **trainer** role ``course_trainer`` (for the dashboard and the ``widgets.workshop``
  commands, run on the hub's machine) creates, closes and deletes workshops and reads what
  participants gave a workshop: who joined, answers given in a workshop, shared plan
  summaries. It cannot read learners' plans, notes or progress documents.

The mapping from a login role to its learner key lives in ``course_hub_roles``, readable only by
the owner; the policies ask for it through a ``SECURITY DEFINER`` function keyed on
``session_user``, which a learner's session cannot change.
"""

from __future__ import annotations

import hashlib
import secrets
from urllib.parse import quote, urlsplit, urlunsplit

from . import identity
from .store import MIGRATIONS, migrate
from .store.learners import LEARNER_TABLES

#: Tables with no learner column, and what each role may do with them.
OTHER_TABLES = ("schema_version", "workshops", "workshop_groups")
LEARNER_GROUP = "course_learner"
TRAINER_ROLE = "course_trainer"
#: Columns of ``workshops`` a learner may read (joining needs the name and whether it is open).
WORKSHOP_PUBLIC_COLUMNS = ("code", "name", "created_at", "closed_at")
#: At most this many connections at once per learner role (one per open page).
CONNECTION_LIMIT = 20


def role_for(username: str) -> str:
    """The PostgreSQL login role of a hub user (a hash: any user name makes a safe identifier)."""
    return "course_u_" + hashlib.sha256(username.encode()).hexdigest()[:24]


def tables_in_migrations() -> set[str]:
    """Every table the store's migrations create (a test checks each is covered here)."""
    import re

    found = set()
    for steps in MIGRATIONS:
        for sql in steps:
            m = re.match(r"\s*CREATE TABLE (?:IF NOT EXISTS )?(\w+)", sql)
            if m:
                found.add(m.group(1))
    return found


def _connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def prepare(owner_url: str, trainer_password: str | None = None) -> None:
    """Migrate the store and (re)apply roles, grants and policies. Idempotent; run at hub start.

    ``trainer_password`` lets the trainer role log in (``COURSE_TRAINER_DB_PASSWORD``).
    """
    from psycopg import sql

    migrate(owner_url)  # the migrations, as the owner, once (under the migration lock)
    with _connect(owner_url) as conn, conn.transaction():
        _roles_and_lookup(conn)
        _learner_grants(conn)
        _trainer_grants(conn)
        if trainer_password:
            conn.execute(
                sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(TRAINER_ROLE), sql.Literal(trainer_password)
                )
            )


def _roles_and_lookup(conn) -> None:
    """The two group roles, the role -> learner table and the function the policies ask."""
    from psycopg import sql

    schema = conn.execute("SELECT current_schema()").fetchone()[0]
    ident = sql.Identifier
    for role in (LEARNER_GROUP, TRAINER_ROLE):
        conn.execute(
            sql.SQL(
                "DO $$ BEGIN CREATE ROLE {} NOLOGIN; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            ).format(ident(role))
        )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS course_hub_roles ("
        "role TEXT PRIMARY KEY, learner TEXT NOT NULL UNIQUE)"
    )
    conn.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION course_learner() RETURNS TEXT LANGUAGE sql STABLE "
            "SECURITY DEFINER SET search_path = {} AS "
            "$$ SELECT learner FROM course_hub_roles WHERE role = session_user $$"
        ).format(ident(schema))
    )
    both = sql.SQL("{}, {}").format(ident(LEARNER_GROUP), ident(TRAINER_ROLE))
    conn.execute(sql.SQL("REVOKE ALL ON course_hub_roles FROM PUBLIC, {}").format(both))
    conn.execute(sql.SQL("REVOKE ALL ON FUNCTION course_learner() FROM PUBLIC"))
    conn.execute(
        sql.SQL("GRANT EXECUTE ON FUNCTION course_learner() TO {}").format(ident(LEARNER_GROUP))
    )
    conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(ident(schema)))
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(ident(schema), both))
    conn.execute(sql.SQL("GRANT SELECT ON schema_version TO {}").format(both))


def _learner_grants(conn) -> None:
    """Learners: their own rows only; of workshops, the public columns; groups to pick one."""
    from psycopg import sql

    ident = sql.Identifier
    both = sql.SQL("{}, {}").format(ident(LEARNER_GROUP), ident(TRAINER_ROLE))
    for table, column in LEARNER_TABLES.items():
        t = ident(table)
        conn.execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(t, both))
        conn.execute(
            sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(
                t, ident(LEARNER_GROUP)
            )
        )
        conn.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(t))
        for policy in ("course_own", "course_trainer"):
            conn.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(ident(policy), t))
        conn.execute(
            sql.SQL(
                "CREATE POLICY course_own ON {} TO {} USING ({} = course_learner()) "
                "WITH CHECK ({} = course_learner())"
            ).format(t, ident(LEARNER_GROUP), ident(column), ident(column))
        )
    workshops = sql.SQL(", ").join(ident(c) for c in WORKSHOP_PUBLIC_COLUMNS)
    conn.execute(sql.SQL("REVOKE ALL ON workshops FROM PUBLIC, {}").format(both))
    conn.execute(
        sql.SQL("GRANT SELECT ({}) ON workshops TO {}").format(workshops, ident(LEARNER_GROUP))
    )
    # A workshop's groups (names the trainer chose): learners read them to pick one.
    conn.execute(sql.SQL("REVOKE ALL ON workshop_groups FROM PUBLIC, {}").format(both))
    conn.execute(sql.SQL("GRANT SELECT ON workshop_groups TO {}").format(ident(LEARNER_GROUP)))


def _trainer_grants(conn) -> None:
    """The trainer: workshops and their groups, and what participants gave them."""
    from psycopg import sql

    ident = sql.Identifier
    trainer = ident(TRAINER_ROLE)
    for table in ("workshops", "workshop_groups"):
        conn.execute(
            sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(
                ident(table), trainer
            )
        )
    # placing a participant in a group is the trainer's one change to a participant's row
    conn.execute(sql.SQL("GRANT UPDATE (group_id) ON participants TO {}").format(trainer))
    for table, visible in (
        ("participants", "true"),
        ("shared_summaries", "true"),
        ("answers", "workshop IS NOT NULL"),
    ):
        conn.execute(sql.SQL("GRANT SELECT, DELETE ON {} TO {}").format(ident(table), trainer))
        conn.execute(
            sql.SQL("CREATE POLICY course_trainer ON {} TO {} USING (" + visible + ")").format(
                ident(table), trainer
            )
        )


def _with_credentials(url: str, user: str, password: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def trainer_url(owner_url: str, trainer_password: str) -> str:
    """The database address for the trainer role (same server and database as the owner)."""
    return _with_credentials(owner_url, TRAINER_ROLE, trainer_password)


def learner_url(owner_url: str, username: str) -> str:
    """Create or update a hub user's role with a new password; return its database address.

    Called by the hub when it spawns the user's server (``pre_spawn_hook``); the address goes
    into that server's environment only. ValueError for a user name the store cannot key.
    """
    from psycopg import sql

    learner = identity.hub_code(username)
    if learner is None:
        raise ValueError(f"user name {username!r} cannot be used as a learner key")
    role, password = role_for(username), secrets.token_urlsafe(24)
    ident = sql.Identifier
    with _connect(owner_url) as conn, conn.transaction():
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(
            sql.SQL(verb + " ROLE {} LOGIN INHERIT CONNECTION LIMIT {} PASSWORD {}").format(
                ident(role), sql.Literal(CONNECTION_LIMIT), sql.Literal(password)
            )
        )
        conn.execute(sql.SQL("GRANT {} TO {}").format(ident(LEARNER_GROUP), ident(role)))
        conn.execute(
            "INSERT INTO course_hub_roles (role, learner) VALUES (%s, %s) "
            "ON CONFLICT (role) DO NOTHING",
            (role, learner),
        )
    return _with_credentials(owner_url, role, password)
