"""What the store keeps about one learner: documents, quiz answers, and all of it at once."""

from __future__ import annotations

import json
import time
from typing import Any

#: Tables holding a learner's data, with the column that names the learner (``widgets.hubdb``
#: protects each of them; ``delete_learner`` empties them, children before ``learners``).
LEARNER_TABLES = {
    "answers": "learner",
    "documents": "learner",
    "shared_summaries": "learner",
    "participants": "learner",
    "join_failures": "learner",
    "learners": "code",
}


def _json(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


class LearnerData:
    """Documents and answers, keyed by learner code (a mixin of :class:`widgets.store.Store`)."""

    # -- documents: one JSON body per (learner, kind, key) ------------------------------------
    def put_doc(self, learner: str, kind: str, key: str, body: Any) -> None:
        """Save a JSON-serialisable document, replacing the previous one."""
        text, now = _json(body), time.time()
        with self.transaction() as cur:
            _ensure_learner(cur, learner, now)
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
        """Record one attempt at a question; returns its attempt number (1, 2, ...).

        The learner's lock makes the number safe when two pages (or processes) of the same
        learner answer at once: without it both read the same highest attempt.
        """
        now = time.time()
        with self.transaction() as cur:
            _ensure_learner(cur, learner, now)
            cur.lock(f"answers:{learner}")
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
        return self.select(
            "question_id, attempt, response, score, correct, workshop, created_at",
            "FROM answers WHERE learner = ? ORDER BY created_at, attempt",
            (learner,),
        )

    def delete_answers(self, learner: str) -> None:
        """Forget every quiz answer of a learner."""
        with self.transaction() as cur:
            cur.execute("DELETE FROM answers WHERE learner = ?", (learner,))

    # -- a learner's data as a whole -----------------------------------------------------------
    def export_learner(self, learner: str) -> dict[str, Any]:
        """Everything stored about a learner, as JSON-ready data (every table of
        :data:`LEARNER_TABLES`: when the code was first used, documents, answers, workshops
        joined, shared plan summaries and failed attempts to join)."""

        def rows(columns: str, rest: str) -> list[dict[str, Any]]:
            return self.select(columns, rest, (learner,))

        since = rows("created_at", "FROM learners WHERE code = ?")
        return {
            "learner": learner,
            "created_at": since[0]["created_at"] if since else None,
            "documents": rows(
                "kind, key, body, updated_at",
                "FROM documents WHERE learner = ? ORDER BY kind, key",
            ),
            "answers": self.answers(learner),
            "workshops": rows(
                "workshop, display_name, joined_at",
                "FROM participants WHERE learner = ? ORDER BY joined_at",
            ),
            "shared_summaries": rows(
                "workshop, body, updated_at",
                "FROM shared_summaries WHERE learner = ? ORDER BY workshop",
            ),
            "join_failures": rows(
                "failed_at", "FROM join_failures WHERE learner = ? ORDER BY failed_at"
            ),
        }

    def delete_learner(self, learner: str) -> None:
        """Delete everything stored about a learner."""
        with self.transaction() as cur:
            for table, col in LEARNER_TABLES.items():
                cur.execute(f"DELETE FROM {table} WHERE {col} = ?", (learner,))


def _ensure_learner(cur, learner: str, now: float) -> None:
    cur.execute(
        "INSERT INTO learners (code, created_at) VALUES (?, ?) ON CONFLICT (code) DO NOTHING",
        (learner, now),
    )
