"""Trainer-led workshops, without widgets: codes, secrets, joining, sharing and aggregation.

A trainer creates a workshop and gets two things:

* a **participant code** ``XXXX-XXXX`` from an alphabet without look-alike letters (no I, L, O;
  no 0 or 1), drawn with :mod:`secrets`: 31**8 (about 850 billion) codes, read aloud easily;
* a **trainer secret** ``XXXX-XXXX-XXXX-XXXX`` (about 79 bits). Only a salted scrypt hash of
  it is stored; it is compared in constant time.

Participants join with the code and a display name (or none: anonymous). Their quiz answers
carry the workshop code; :func:`build_report` counts only answers from learners who joined the
workshop, given while it was open. A participant may share a *summary* of their plan (counts of
actor types and the coalition's form, never names); nothing else of theirs reaches the trainer.

Everything here is plain Python over :class:`widgets.store.Store`, tested without a browser.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
import secrets
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store import Store, StoreError

#: Letters and digits that cannot be mistaken for one another when read or typed.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_RE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")
SECRET_RE = re.compile(rf"^[{ALPHABET}]{{4}}(?:-[{ALPHABET}]{{4}}){{3}}$")
MAX_NAME = 40
MAX_WORKSHOP_NAME = 80
#: Failed join attempts allowed per learner in :data:`FAIL_WINDOW` seconds before all are refused.
MAX_FAILURES = 5
FAIL_WINDOW = 15 * 60
_SCRYPT = dict(n=2**14, r=8, p=1, dklen=32)

#: One message for every failed join, whatever the reason (unknown, closed, malformed, too many
#: attempts), so that trying codes tells nothing about which exist.
JOIN_REFUSED = "This code does not open a workshop. Check it with your trainer and try again."
#: One message for every failed trainer sign-in (unknown code or wrong secret).
SIGN_IN_REFUSED = "The workshop code and trainer secret do not match an open or closed workshop."


class WorkshopError(ValueError):
    """A workshop action was refused; the message is safe to show."""


# -- codes and secrets ---------------------------------------------------------------------------
def _groups(n: int) -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(n))


def new_code() -> str:
    """A random participant code ``XXXX-XXXX``."""
    return _groups(2)


def new_secret() -> str:
    """A random trainer secret ``XXXX-XXXX-XXXX-XXXX``."""
    return _groups(4)


def new_learner_code() -> str:
    """A random learner code ``XXXX-XXXX-XXXX`` for a participant who came without one."""
    return _groups(3)


def normalise_code(text: str, groups: int = 2) -> str:
    """Upper-case, drop spaces and dashes, and regroup by four (``abcd efgh`` -> ``ABCD-EFGH``)."""
    raw = re.sub(r"[\s\-]", "", str(text or "")).upper()[: 4 * groups + 1]
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def hash_secret(secret: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash of a secret, as ``scrypt$salt$hash`` (hex)."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_secret(secret: str, stored: str) -> bool:
    """True if ``secret`` matches the stored hash (constant-time comparison)."""
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(str(secret).encode(), salt=bytes.fromhex(salt_hex), **_SCRYPT)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def clean_display_name(text: str | None) -> str:
    """A display name as stored: printable, single-spaced, at most :data:`MAX_NAME` characters.

    Empty means anonymous. The name is kept as typed otherwise; it is escaped wherever shown.
    """
    text = unicodedata.normalize("NFC", str(text or ""))
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())[:MAX_NAME]


# -- running a workshop --------------------------------------------------------------------------
@dataclass(frozen=True)
class Created:
    """A new workshop: show the code to participants, keep the secret for the trainer."""

    code: str
    secret: str
    name: str

    def participant_link(self, base_url: str = "http://127.0.0.1:8866") -> str:
        """The address participants open (the course's home page with the workshop code)."""
        return f"{base_url.rstrip('/')}/voila/render/00_home.ipynb?workshop={self.code}"


def create_workshop(store: Store, name: str) -> Created:
    """Create a workshop; returns its participant code and trainer secret (shown once)."""
    name = clean_display_name(name)[:MAX_WORKSHOP_NAME] or "Workshop"
    secret = new_secret()
    for _ in range(5):
        code = new_code()
        if store.workshop(code) is None:
            store.create_workshop(code, name, hash_secret(secret))
            return Created(code=code, secret=secret, name=name)
    raise WorkshopError("Could not find a free workshop code; try again.")  # pragma: no cover


def join(store: Store, code: str, learner: str, display_name: str = "") -> str:
    """Join a workshop; returns its name. Raises :class:`WorkshopError` (:data:`JOIN_REFUSED`).

    Every failure gives the same message. After :data:`MAX_FAILURES` failures within
    :data:`FAIL_WINDOW` seconds a learner's attempts are all refused until the window passes.
    """
    code = normalise_code(code)
    recent = store.join_failures_since(learner, time.time() - FAIL_WINDOW)
    ws = store.workshop(code) if CODE_RE.match(code) else None
    if recent >= MAX_FAILURES or ws is None or ws["closed_at"] is not None:
        store.record_join_failure(learner)
        raise WorkshopError(JOIN_REFUSED)
    store.add_participant(code, learner, clean_display_name(display_name))
    return ws["name"]


def membership(store: Store, code: str | None, learner: str) -> dict[str, Any] | None:
    """The learner's own membership of an open workshop (name, display name), or None."""
    if not code or not CODE_RE.match(code):
        return None
    ws = store.workshop(code)
    if ws is None or ws["closed_at"] is not None:
        return None
    for p in store.participants(code):
        if p["learner"] == learner:
            return {"workshop": ws["name"], "display_name": p["display_name"]}
    return None


def summarise_plan(doc: Any) -> dict[str, Any]:
    """The shareable summary of a plan document: actor types counted and the coalition's form.

    Only the ``type`` of each actor and the coalition's ``duration``/``scope``/``focus`` are
    kept, as short identifiers; names, notes and anything else never leave the plan.
    """
    doc = doc if isinstance(doc, dict) else {}
    types: Counter[str] = Counter()
    for actor in doc.get("actors") or []:
        if isinstance(actor, dict) and _ident(actor.get("type")):
            types[_ident(actor.get("type"))] += 1
    coalition = doc.get("coalition") if isinstance(doc.get("coalition"), dict) else {}
    form = {k: _ident(coalition.get(k)) for k in ("duration", "scope", "focus")}
    return {"actor_types": dict(sorted(types.items())), "coalition": form}


def _ident(value: Any) -> str:
    """A short identifier (letters, digits, ``-_``) or empty: free text is never shared."""
    text = str(value or "").strip()[:40]
    return text if re.fullmatch(r"[A-Za-z0-9_\-]+", text) else ""


def share_plan_summary(store: Store, code: str, learner: str) -> dict[str, Any]:
    """Share the summary of the learner's plan with a workshop they joined; returns it."""
    if membership(store, code, learner) is None:
        raise WorkshopError("Join the workshop first to share your plan summary.")
    plan = store.get_doc(learner, "worksheet", "plan")
    if not plan:
        raise WorkshopError("You have no saved plan yet: fill in the worksheet first.")
    summary = summarise_plan(plan)
    store.put_shared_summary(code, learner, summary)
    return summary


def withdraw_plan_summary(store: Store, code: str, learner: str) -> None:
    """Stop sharing the plan summary with the workshop."""
    store.delete_shared_summary(code, learner)


# -- the trainer's side ----------------------------------------------------------------------------
class Trainer:
    """A signed-in trainer: every read or change of a workshop's data goes through this."""

    def __init__(self, store: Store, code: str, secret: str):
        code = normalise_code(code)
        ws = store.workshop(code) if CODE_RE.match(code) else None
        # Hash even when the code is unknown, so timing does not reveal which codes exist.
        stored = ws["secret_hash"] if ws else hash_secret("x" * 19)
        if not check_secret(normalise_code(secret, groups=4), stored) or ws is None:
            raise WorkshopError(SIGN_IN_REFUSED)
        self.store, self.code, self.name = store, code, ws["name"]

    def report(self, questions: dict[str, Question] | None = None) -> Report:
        """The workshop's current results."""
        return build_report(self.store, self.code, questions)

    def close(self) -> None:
        """Close the workshop: no new participants; answers after now are not counted."""
        self.store.close_workshop(self.code)

    def delete(self) -> None:
        """Delete the workshop and all its data (participants, answers, shared summaries)."""
        self.store.delete_workshop(self.code)


@dataclass(frozen=True)
class Question:
    """What the dashboard needs of a question from the question bank (all optional)."""

    id: str
    prompt: str = ""
    explanation: str = ""
    objective: str = ""
    section: str = ""
    choices: dict[str, str] = field(default_factory=dict)


def load_questions(path: str | Path | None = None) -> dict[str, Question]:
    """Questions from ``course_data/questions.yaml``, read defensively (empty if missing)."""
    import yaml

    if path is None:
        from ..content import data_dir

        path = data_dir() / "questions.yaml"
    path = Path(path)
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    items = data.get("questions", []) if isinstance(data, dict) else data
    out: dict[str, Question] = {}
    for q in items if isinstance(items, list) else []:
        if not isinstance(q, dict) or not q.get("id"):
            continue
        choices: dict[str, str] = {}
        for i, ch in enumerate(q.get("choices") or q.get("options") or []):
            if isinstance(ch, dict):
                # the bank names options a, b, c... in the order written (widgets.quiz.bank)
                choices[str(ch.get("id", chr(ord("a") + i)))] = str(
                    ch.get("text") or ch.get("label") or ""
                )
        out[str(q["id"])] = Question(
            id=str(q["id"]),
            prompt=str(q.get("prompt") or q.get("text") or q.get("question") or ""),
            explanation=str(q.get("explanation") or ""),
            objective=str(q.get("objective") or ""),
            section=str(q.get("section") or q.get("page") or ""),
            choices=choices,
        )
    return out


@dataclass(frozen=True)
class QuestionStats:
    """How a workshop answered one question (first attempts only)."""

    question: Question
    answered: int
    correct: int
    distribution: tuple[tuple[str, int], ...]

    @property
    def missed(self) -> int:
        """Participants whose first attempt was not correct."""
        return self.answered - self.correct

    @property
    def missed_share(self) -> float:
        """Share of first attempts that were not correct (0..1)."""
        return self.missed / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class Report:
    """A workshop's results, ready to show or export."""

    code: str
    name: str
    closed: bool
    participants: tuple[str, ...]  # display names in joining order ("" = anonymous)
    questions: tuple[QuestionStats, ...]
    sections: tuple[tuple[str, int, float], ...]  # (section, answers, mean score 0..1)
    actor_types: tuple[tuple[str, int], ...]
    coalition_forms: tuple[tuple[str, str, int], ...]  # (dimension, value, count)
    shared_plans: int
    answer_rows: tuple[tuple[str, str, int, str, float, bool], ...] = ()

    def most_missed(self, k: int = 5) -> list[QuestionStats]:
        """Questions most often missed at the first attempt (ties by question id)."""
        missed = [q for q in self.questions if q.missed > 0]
        return sorted(missed, key=lambda q: (-q.missed_share, -q.missed, q.question.id))[:k]


def participant_labels(display_names: list[str]) -> list[str]:
    """How participants appear to the trainer: ``P01 Name`` or ``P02 (anonymous)``."""
    return [
        f"P{i:02d} {name}" if name else f"P{i:02d} (anonymous)"
        for i, name in enumerate(display_names, 1)
    ]


def response_label(response: Any, question: Question | None = None) -> str:
    """One answer as text (choice ids mapped to their text when the question bank has them)."""
    choices = question.choices if question else {}
    items = response if isinstance(response, list) else [response]
    parts = [choices.get(str(x), str(x)) for x in items]
    return " + ".join(sorted(parts)) if isinstance(response, list) else (parts[0] if parts else "")


def build_report(
    store: Store, code: str, questions: dict[str, Question] | None = None
) -> Report:
    """Aggregate a workshop's participants, answers and shared plan summaries."""
    ws = store.workshop(code)
    if ws is None:
        raise WorkshopError(SIGN_IN_REFUSED)
    questions = load_questions() if questions is None else questions
    people = store.participants(code)
    labels = dict(
        zip(
            [p["learner"] for p in people],
            participant_labels([p["display_name"] for p in people]),
            strict=True,
        )
    )
    answers = store.workshop_answers(code)
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for a in answers:  # ordered by learner, question, attempt
        first.setdefault((a["learner"], a["question_id"]), a)

    by_question: dict[str, list[dict[str, Any]]] = {}
    for (_, qid), a in first.items():
        by_question.setdefault(qid, []).append(a)
    order = list(questions) + sorted(set(by_question) - set(questions))
    stats = []
    for qid in order:
        rows = by_question.get(qid, [])
        if not rows:
            continue
        q = questions.get(qid, Question(id=qid))
        dist = Counter(response_label(a["response"], q) for a in rows)
        stats.append(
            QuestionStats(
                question=q,
                answered=len(rows),
                correct=sum(a["correct"] for a in rows),
                distribution=tuple(sorted(dist.items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )

    sec_scores: dict[str, list[float]] = {}
    for (_, qid), a in first.items():
        section = questions.get(qid, Question(id=qid)).section or "(no section)"
        sec_scores.setdefault(section, []).append(float(a["score"]))
    sections = tuple(
        (s, len(v), round(sum(v) / len(v), 4)) for s, v in sorted(sec_scores.items())
    )

    summaries = store.shared_summaries(code)
    actor_types: Counter[str] = Counter()
    forms: Counter[tuple[str, str]] = Counter()
    for body in summaries.values():
        summary = summarise_plan({"actors": [], "coalition": {}}) | (
            body if isinstance(body, dict) else {}
        )
        for t, n in (summary.get("actor_types") or {}).items():
            if _ident(t) and isinstance(n, int) and n > 0:
                actor_types[_ident(t)] += n
        for dim in ("duration", "scope", "focus"):
            value = _ident((summary.get("coalition") or {}).get(dim))
            if value:
                forms[(dim, value)] += 1

    answer_rows = tuple(
        (
            labels.get(a["learner"], "?"),
            a["question_id"],
            a["attempt"],
            response_label(a["response"], questions.get(a["question_id"])),
            float(a["score"]),
            bool(a["correct"]),
        )
        for a in answers
    )
    return Report(
        code=code,
        name=ws["name"],
        closed=ws["closed_at"] is not None,
        participants=tuple(p["display_name"] for p in people),
        questions=tuple(stats),
        sections=sections,
        actor_types=tuple(sorted(actor_types.items(), key=lambda kv: (-kv[1], kv[0]))),
        coalition_forms=tuple((d, v, n) for (d, v), n in sorted(forms.items())),
        shared_plans=len(summaries),
        answer_rows=answer_rows,
    )


# -- exports -------------------------------------------------------------------------------------
def neutralise(value: Any) -> Any:
    """Make text safe in a spreadsheet: a leading ``= + - @``, tab or CR gets a ``'`` first."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_tables(report: Report) -> dict[str, list[list[Any]]]:
    """Every table of the report, each a header row then data rows (no learner codes)."""
    return {
        "participants": [["participant"]]
        + [[p] for p in participant_labels(list(report.participants))],
        "answers": [["participant", "question", "attempt", "response", "score", "correct"]]
        + [list(r) for r in report.answer_rows],
        "questions": [
            ["question", "section", "objective", "prompt", "answered", "correct", "missed share"]
        ]
        + [
            [
                q.question.id,
                q.question.section,
                q.question.objective,
                q.question.prompt,
                q.answered,
                q.correct,
                round(q.missed_share, 4),
            ]
            for q in report.questions
        ],
        "distribution": [["question", "response", "count"]]
        + [[q.question.id, label, n] for q in report.questions for label, n in q.distribution],
        "sections": [["section", "answers", "mean score"]] + [list(s) for s in report.sections],
        "plans": [["what", "value", "count"]]
        + [["actor type", t, n] for t, n in report.actor_types]
        + [[f"coalition {d}", v, n] for d, v, n in report.coalition_forms],
    }


def to_csv(rows: list[list[Any]]) -> bytes:
    """One table as CSV (UTF-8 with BOM for spreadsheet programs), formulas neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(tables: dict[str, list[list[Any]]]) -> bytes:
    """All tables as one Excel workbook, one sheet each, formulas neutralised."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tables.items():
        ws = wb.create_sheet(title=name[:31])
        for row in rows:
            ws.append([neutralise(v) for v in row])
        for cell in ws[1]:
            cell.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


__all__ = [
    "ALPHABET",
    "JOIN_REFUSED",
    "SIGN_IN_REFUSED",
    "Created",
    "Question",
    "QuestionStats",
    "Report",
    "StoreError",
    "Trainer",
    "WorkshopError",
    "build_report",
    "check_secret",
    "clean_display_name",
    "create_workshop",
    "export_tables",
    "hash_secret",
    "join",
    "load_questions",
    "membership",
    "neutralise",
    "new_code",
    "new_learner_code",
    "new_secret",
    "normalise_code",
    "share_plan_summary",
    "summarise_plan",
    "to_csv",
    "to_xlsx",
    "withdraw_plan_summary",
]
