"""Trainer-led workshops in the store: storage only (rules and secrets live in
:mod:`widgets.workshop.model`)."""

from __future__ import annotations

import json
import time
from typing import Any

from .errors import StoreError
from .learners import _ensure_learner, _json

#: A learner's role on a hub may not read this column (``widgets.hubdb``).
INSUFFICIENT_PRIVILEGE = "42501"


class WorkshopData:
    """Workshops, participants, groups, shared summaries and failed joins (a mixin of
    :class:`widgets.store.Store`)."""

    _no_secret_column = False  # set when this role may not read workshops.secret_hash

    def create_workshop(self, code: str, name: str, secret_hash: str) -> None:
        """Record a new workshop; :class:`StoreError` (``refused``) if the code is taken."""
        with self.transaction() as cur:
            cur.execute("SELECT 1 FROM workshops WHERE code = ?", (code,))
            if cur.fetchone():
                raise StoreError("refused", self.where, f"workshop {code} exists")
            cur.execute(
                "INSERT INTO workshops (code, name, secret_hash, created_at, closed_at) "
                "VALUES (?, ?, ?, ?, NULL)",
                (code, name, secret_hash, time.time()),
            )

    def workshop(self, code: str) -> dict[str, Any] | None:
        """One workshop's record (with its secret hash), or None."""
        columns = "code, name, secret_hash, created_at, closed_at"
        if self._no_secret_column:  # a learner's role on a hub: no hash to read
            columns = columns.replace("secret_hash", "'' AS secret_hash")
        try:
            rows = self.select(columns, "FROM workshops WHERE code = ?", (code,))
        except StoreError as exc:
            denied = getattr(exc.__cause__, "sqlstate", None) == INSUFFICIENT_PRIVILEGE
            if not denied or self._no_secret_column:
                raise
            self._no_secret_column = True
            return self.workshop(code)
        return rows[0] if rows else None

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
            _ensure_learner(cur, learner, now)
            cur.execute(
                "INSERT INTO participants (workshop, learner, display_name, joined_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (workshop, learner) DO UPDATE SET "
                "display_name = excluded.display_name",
                (code, learner, display_name, now),
            )

    def participants(self, code: str) -> list[dict[str, Any]]:
        """Who joined a workshop, in order of joining, with their group id (or None)."""
        people = self.select(
            "learner, display_name, joined_at, group_id",
            "FROM participants WHERE workshop = ? ORDER BY joined_at, learner",
            (code,),
        )
        for p in people:
            p["group"] = p.pop("group_id")
        return people

    def add_group(self, code: str, group_id: str, name: str) -> None:
        """Add a group to a workshop (after the existing ones), or rename it."""
        with self.transaction() as cur:
            cur.lock(f"groups:{code}")
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

    def put_shared_summary(self, code: str, learner: str, body: Any) -> None:
        """Save (replace) the plan summary a participant chose to share with the workshop."""
        with self.transaction() as cur:
            cur.execute(
                "INSERT INTO shared_summaries (workshop, learner, body, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (workshop, learner) DO UPDATE SET "
                "body = excluded.body, updated_at = excluded.updated_at",
                (code, learner, _json(body), time.time()),
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
        return self.select(
            "a.learner, a.question_id, a.attempt, a.response, a.score, a.correct, a.created_at",
            "FROM answers a "
            "JOIN participants p ON p.workshop = a.workshop AND p.learner = a.learner "
            "JOIN workshops w ON w.code = a.workshop "
            "WHERE a.workshop = ? AND (w.closed_at IS NULL OR a.created_at <= w.closed_at) "
            "ORDER BY a.learner, a.question_id, a.attempt",
            (code,),
        )

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
