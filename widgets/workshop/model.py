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
from dataclasses import dataclass
from typing import Any

from ..store import Store, StoreError

#: Letters and digits that cannot be mistaken for one another when read or typed.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_RE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")
SECRET_RE = re.compile(rf"^[{ALPHABET}]{{4}}(?:-[{ALPHABET}]{{4}}){{3}}$")
MAX_NAME = 40
#: Invisible characters a name keeps: zero-width non-joiner and joiner (Persian, Indic scripts,
#: emoji sequences) and the direction marks of right-to-left text.
KEEP_FORMAT = frozenset("\u200c\u200d\u200e\u200f\u061c")
MAX_WORKSHOP_NAME = 80
#: Wrong codes allowed per learner in :data:`FAIL_WINDOW` seconds; after that, every further try
#: waits :data:`PAUSE` seconds after the last wrong one. That slows guessing to one code per pause
#: (about 10^12 codes exist) while a participant who mistyped a few times is held up for minutes,
#: and is told so, instead of being refused the right code for a quarter of an hour.
MAX_FAILURES = 5
FAIL_WINDOW = 15 * 60
PAUSE = 2 * 60
_SCRYPT = dict(n=2**14, r=8, p=1, dklen=32)

#: The message for a code that opens no workshop (unknown or malformed).
JOIN_REFUSED = "This code does not open a workshop. Check it with your trainer and try again."
#: The message for a workshop the trainer has closed.
JOIN_CLOSED = "This workshop is closed: it no longer takes participants or answers. Ask your trainer if this is a mistake."
#: The message while tries are paused after too many wrong codes (``{minutes}`` to wait).
JOIN_PAUSED = "Too many wrong codes were tried from this page. Joining is paused: wait {minutes} and try again with the code from your trainer."
#: One message for every failed trainer sign-in (unknown code or wrong secret).
SIGN_IN_REFUSED = "The workshop code and trainer secret do not match an open or closed workshop."
#: A group id that is not one of the workshop's groups.
GROUP_REFUSED = "This group is not one of the workshop's groups. Choose one from the list."
MAX_GROUPS = 12


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
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in KEEP_FORMAT:  # joiners and direction marks belong to names in many scripts
            out.append(ch)
        elif cat == "Cc":  # tabs, line breaks and other control characters separate words
            out.append(" ")
        elif cat[0] != "C":  # other format, surrogate, private and unassigned code points go
            out.append(ch)
    return " ".join("".join(out).split())[:MAX_NAME]


# -- running a workshop --------------------------------------------------------------------------
@dataclass(frozen=True)
class Created:
    """A new workshop: show the code to participants, keep the secret for the trainer."""

    code: str
    secret: str
    name: str

    def participant_link(self, base_url: str = "http://127.0.0.1:8866") -> str:
        """The address participants open (the course's home page with the workshop code)."""
        return participant_link(self.code, base_url)


def participant_link(code: str, base_url: str = "http://127.0.0.1:8866") -> str:
    """The address participants open: the course's home page with the workshop code."""
    from .. import content

    home = content.load("en").home.notebook  # the outline's home page
    return f"{base_url.rstrip('/')}/voila/render/{home}?workshop={code}"


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


def join(
    store: Store, code: str, learner: str, display_name: str = "", group: str | None = None
) -> str:
    """Join a workshop; returns its name. Raises :class:`WorkshopError` with a message to show.

    An unknown code (:data:`JOIN_REFUSED`) counts as a wrong try; after :data:`MAX_FAILURES`
    of them within :data:`FAIL_WINDOW` seconds, tries pause (:data:`JOIN_PAUSED`, see
    :func:`pause_left`). A closed workshop says so (:data:`JOIN_CLOSED`).
    ``group`` is the id of one of the workshop's :func:`groups` (or None: no group, or keep
    the group already chosen); an id the workshop does not have is refused with
    :data:`GROUP_REFUSED` and nothing is saved.
    """
    code = normalise_code(code)
    wait = pause_left(store, learner)
    if wait > 0:  # not recorded as another failure: the pause does not grow while one waits
        raise WorkshopError(JOIN_PAUSED.format(minutes=minutes_text(wait)))
    ws = store.workshop(code) if CODE_RE.match(code) else None
    if ws is None:
        store.record_join_failure(learner)
        raise WorkshopError(JOIN_REFUSED)
    if ws["closed_at"] is not None:
        raise WorkshopError(JOIN_CLOSED)
    if group and group not in {g["id"] for g in store.groups(code)}:
        raise WorkshopError(GROUP_REFUSED)
    store.add_participant(code, learner, clean_display_name(display_name))
    if group:
        store.set_participant_group(code, learner, group)
    return ws["name"]


def pause_left(store: Store, learner: str, now: float | None = None) -> float:
    """Seconds this learner must still wait before trying a code again (0: no pause)."""
    now = time.time() if now is None else now
    if store.join_failures_since(learner, now - FAIL_WINDOW) < MAX_FAILURES:
        return 0.0
    last = store.last_join_failure(learner) or 0.0
    return max(0.0, last + PAUSE - now)


def minutes_text(seconds: float) -> str:
    """``1 minute`` or ``2 minutes`` (rounded up), for messages."""
    n = max(1, int(-(-seconds // 60)))
    return "1 minute" if n == 1 else f"{n} minutes"


def workshop_state(store: Store, code: str | None) -> str:
    """``open``, ``closed`` or ``unknown`` (no such workshop, or not a workshop code)."""
    code = normalise_code(code or "")
    ws = store.workshop(code) if CODE_RE.match(code) else None
    if ws is None:
        return "unknown"
    return "closed" if ws["closed_at"] is not None else "open"


def groups(store: Store, workshop_code: str) -> list[dict[str, str]]:
    """The groups of an open workshop, in order: ``[{"id": "g1", "name": "Group 1"}, ...]``.

    Empty for a workshop without groups, and for a code that does not open a workshop (so the
    list tells nothing about which codes exist). Names were typed by the trainer: escape them.
    """
    code = normalise_code(workshop_code)
    ws = store.workshop(code) if CODE_RE.match(code) else None
    if ws is None or ws["closed_at"] is not None:
        return []
    return store.groups(code)


def choose_group(store: Store, workshop_code: str, learner: str, group: str | None) -> None:
    """A participant picks (or, with None, leaves) a group after joining."""
    code = normalise_code(workshop_code)
    if membership(store, code, learner) is None:
        raise WorkshopError("Join the workshop first to choose a group.")
    if group and group not in {g["id"] for g in store.groups(code)}:
        raise WorkshopError(GROUP_REFUSED)
    store.set_participant_group(code, learner, group or None)


def membership(store: Store, code: str | None, learner: str) -> dict[str, Any] | None:
    """The learner's own membership of an open workshop (name, display name, group), or None."""
    if not code or not CODE_RE.match(code):
        return None
    ws = store.workshop(code)
    if ws is None or ws["closed_at"] is not None:
        return None
    for p in store.participants(code):
        if p["learner"] == learner:
            names = {g["id"]: g["name"] for g in store.groups(code)}
            return {
                "workshop": ws["name"],
                "display_name": p["display_name"],
                "group": p["group"],
                "group_name": names.get(p["group"] or "", ""),
            }
    return None


def _catalogue() -> dict[str, dict[str, str]]:
    """The course's own categories a plan summary may carry: id -> label, per kind."""
    from .. import content

    c = content.load()
    ws = c.worksheet
    out = {
        "type": {t.id: t.label for t in ws.actor_types},
        "position": {p.id: p.label for p in ws.positions},
    }
    for dim in c.forms:
        out[dim.id] = {o.id: o.label for o in dim.options}
    return out


def summarise_plan(doc: Any) -> dict[str, Any]:
    """The shareable summary of a plan document: only the course's own categories.

    Kept: each actor's ``type``, ``influence`` and ``interest`` (1-5) and ``position``, and the
    coalition's ``duration``/``scope``/``focus``, each only if it is one of the ids the course
    offers (``worksheet.yaml``, ``coalitions.yaml``). Names, notes, free text (such as a typed
    focus) and anything else never leave the plan: a value that is not a course category is
    dropped, whatever it looks like.
    """
    cat = _catalogue()
    doc = doc if isinstance(doc, dict) else {}
    types: Counter[str] = Counter()
    actors = []
    for actor in doc.get("actors") or []:
        if not isinstance(actor, dict) or actor.get("type") not in cat["type"]:
            continue
        types[actor["type"]] += 1
        position = actor.get("position")
        actors.append(
            {
                "type": actor["type"],
                "influence": _rating(actor.get("influence")),
                "interest": _rating(actor.get("interest")),
                "position": position if position in cat["position"] else "",
            }
        )
    coalition = doc.get("coalition") if isinstance(doc.get("coalition"), dict) else {}
    form = {
        k: coalition.get(k) if coalition.get(k) in cat.get(k, {}) else ""
        for k in ("duration", "scope", "focus")
    }
    return {"actor_types": dict(sorted(types.items())), "coalition": form, "actors": actors}


def _rating(value: Any) -> int:
    """A rating 1-5 as the worksheet keeps it; anything else becomes the middle (3)."""
    return (
        value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5 else 3
    )


def describe_summary(summary: dict[str, Any]) -> str:
    """A plan summary in the course's words: ``3 actors (NGO 2, NHRI 1); coalition: Ad hoc``.

    Only ids the course knows are shown (by their label); anything else is left out.
    """
    cat = _catalogue()
    types = {
        t: n
        for t, n in (summary.get("actor_types") or {}).items()
        if t in cat["type"] and isinstance(n, int) and n > 0
    }
    n = sum(types.values())
    parts = ", ".join(f"{cat['type'][t]} {c}" for t, c in types.items())
    coalition = summary.get("coalition") or {}
    form = ", ".join(
        cat[k][coalition[k]] for k in ("duration", "scope", "focus") if coalition.get(k) in cat[k]
    )
    actors = "1 actor" if n == 1 else f"{n} actors"
    return f"{actors} ({parts or '-'}); coalition: {form or '-'}"


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

    def report(self, questions: dict[str, Any] | None = None):
        """The workshop's current results (:class:`widgets.workshop.results.Report`)."""
        return build_report(self.store, self.code, questions)

    def close(self) -> None:
        """Close the workshop: no new participants; answers after now are not counted."""
        self.store.close_workshop(self.code)

    def delete(self) -> None:
        """Delete the workshop and all its data (participants, groups, answers, summaries)."""
        self.store.delete_workshop(self.code)

    # groups
    def groups(self) -> list[dict[str, str]]:
        """The workshop's groups, in order (``id``, ``name``)."""
        return self.store.groups(self.code)

    def add_group(self, name: str = "") -> dict[str, str]:
        """Add a group (named ``Group N`` if no name is given); returns it."""
        existing = self.store.groups(self.code)
        if len(existing) >= MAX_GROUPS:
            raise WorkshopError(f"A workshop has at most {MAX_GROUPS} groups.")
        n = len(existing) + 1
        taken = {g["id"] for g in existing}
        while f"g{n}" in taken:
            n += 1
        name = clean_display_name(name) or f"Group {len(existing) + 1}"
        self.store.add_group(self.code, f"g{n}", name)
        return {"id": f"g{n}", "name": name}

    def make_groups(self, count: int, spread: bool = True) -> list[dict[str, str]]:
        """Make groups until there are ``count``; with ``spread``, put everyone who is in no
        group into one, in turn, in the order they joined. Returns all groups."""
        if not 1 <= int(count) <= MAX_GROUPS:
            raise WorkshopError(f"Choose between 1 and {MAX_GROUPS} groups.")
        while len(self.store.groups(self.code)) < count:
            self.add_group()
        all_groups = self.store.groups(self.code)[: int(count)]
        if spread:
            sizes = Counter(p["group"] for p in self.store.participants(self.code))
            for p in self.store.participants(self.code):
                if p["group"] in {g["id"] for g in all_groups}:
                    continue
                smallest = min(all_groups, key=lambda g: (sizes[g["id"]], all_groups.index(g)))
                self.store.set_participant_group(self.code, p["learner"], smallest["id"])
                sizes[smallest["id"]] += 1
        return self.store.groups(self.code)

    def assign(self, participant: int, group: str | None) -> None:
        """Put participant number ``participant`` (1 for P01) in a group (None: no group)."""
        people = self.store.participants(self.code)
        if not 1 <= participant <= len(people):
            raise WorkshopError(f"There is no participant P{participant:02d}.")
        if group and group not in {g["id"] for g in self.store.groups(self.code)}:
            raise WorkshopError(GROUP_REFUSED)
        self.store.set_participant_group(self.code, people[participant - 1]["learner"], group)


def build_report(store: Store, code: str, questions: dict[str, Any] | None = None):
    """A workshop's results: see :func:`widgets.workshop.results.build_report`."""
    from .results import build_report as build

    return build(store, code, questions)


# -- exports -------------------------------------------------------------------------------------
def neutralise(value: Any) -> Any:
    """Make text safe in a spreadsheet: a leading ``= + - @``, tab or CR gets a ``'`` first."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def export_tables(report) -> dict[str, list[list[Any]]]:
    """Every table of the report in words, each a header row then rows (no learner codes)."""
    from .results import ANSWER_HEADER

    return {
        "Participants": [
            [
                "Participant",
                "Group",
                "Questions answered",
                "Right at first try",
                "First-try score",
                "Final score",
                "Sections at the pass mark",
            ]
        ]
        + [
            [
                p.label,
                p.group,
                p.answered,
                p.correct_first,
                _pct(p.mean_first),
                _pct(p.mean_final),
                p.sections_mastered,
            ]
            for p in report.participants
        ],
        "Questions": [
            [
                "Section",
                "Question",
                "Right answer",
                "Answered",
                "Right at first try",
                "Right at the last try",
                "First-try score",
                "Final score",
                "Objective",
            ]
        ]
        + [
            [
                q.section_title,
                q.prompt,
                q.right_answer,
                q.answered,
                q.correct_first,
                q.correct_final,
                _pct(q.mean_first),
                _pct(q.mean_final),
                q.objective_text,
            ]
            for q in report.questions
        ],
        "Answers per option": [
            ["Question", "Row or position", "Answer", "Chosen by", "Right answer"]
        ]
        + [
            [q.prompt, part.title, bar.label, bar.count, "yes" if bar.right else ""]
            for q in report.questions
            for part in q.parts
            for bar in part.bars
        ],
        "Sections": [
            [
                "Section",
                "Answers",
                "First-try score",
                "Final score",
                "Participants",
                f"At the pass mark ({_pct(report.pass_mark)}) at first try",
            ]
        ]
        + [
            [s.title, s.answers, _pct(s.mean_first), _pct(s.mean_final), s.participants, s.mastered]
            for s in report.sections
        ],
        "Answers": [list(ANSWER_HEADER)] + [list(r) for r in report.answer_rows],
        "Group maps": [
            ["Group", "Actor type", "Actors", "Influence (1-5)", "Interest (1-5)", "Position"]
        ]
        + [
            [
                m.name,
                a.label,
                a.count,
                a.influence,
                a.interest,
                ", ".join(f"{p} {n}" for p, n in a.positions),
            ]
            for m in report.group_maps
            for a in m.actors
        ],
        "Plans": [["What", "Value", "Count"]]
        + [["Actor type", t, n] for t, n in report.actor_types]
        + [[d, v, n] for d, v, n in report.coalition_forms],
    }


def to_csv(rows: list[list[Any]]) -> bytes:
    """One table as CSV (UTF-8 with BOM for spreadsheet programs), formulas neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(tables: dict[str, list[list[Any]]]) -> bytes:
    """All tables as one Excel workbook, one readable sheet each, formulas neutralised.

    Each sheet has a bold header row that stays in view, and columns wide enough to read.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tables.items():
        ws = wb.create_sheet(title=name[:31])
        for row in rows:
            ws.append([neutralise(v) for v in row])
        for cell in ws[1]:
            cell.data_type = "s"
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for col in ws.columns:
            width = max((len(str(c.value or "")) for c in col), default=8)
            ws.column_dimensions[col[0].column_letter].width = min(max(width + 2, 10), 60)
            for c in col:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


__all__ = [
    "ALPHABET",
    "GROUP_REFUSED",
    "JOIN_REFUSED",
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
    "export_tables",
    "groups",
    "hash_secret",
    "join",
    "membership",
    "neutralise",
    "new_code",
    "new_learner_code",
    "new_secret",
    "normalise_code",
    "participant_link",
    "share_plan_summary",
    "summarise_plan",
    "to_csv",
    "to_xlsx",
    "withdraw_plan_summary",
]
