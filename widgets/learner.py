"""The learner of this page: who they are, where their work is kept, and how saving went.

One :class:`Learner` per kernel (:func:`current`); every view receives it and only renders and
wires. It holds:

- the learner code, or ``None`` when nothing can be saved (the only form of "no learner"), and
  how the code was found (``status``: ``hub``, ``local``, ``code``, ``none`` or ``invalid``, see
  :mod:`widgets.identity`);
- the workshop code of the page's address (``workshop``), and the learner's membership of it;
- their store, opened on first use, or the reason it cannot be used (``problem``: one of
  :data:`REASONS`);
- :meth:`Learner.load` and :meth:`Learner.save`, which return the saved document and a
  :class:`SaveStatus` (saved, kept on this page only, or refused, with the reason);
- :meth:`Learner.status_widget`: the one status line every view shows.

One policy for a store that is missing, damaged, locked or read-only: the page keeps working
with the work kept in memory, the status line says so once, and the next save tries the real
store again (the fallback is never kept for the kernel's life). A document that could not be
read when the page opened is never written over: once the store works again, it is saved only
if the store still has nothing under its key.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import identity, session, ui
from .learner_workshop import WorkshopMember
from .store import Store, StoreError, open_store

#: Why the store cannot be used, or why work is not saved. Each has a text ``learner.why.<reason>``.
REASONS = (
    "no_code",  # the address has no learner code
    "invalid_code",  # the address has a code that was refused
    "unavailable",  # the store is not there (a database that cannot be reached, a folder gone)
    "damaged",  # the file is not a database, or is malformed
    "busy",  # another program holds the store
    "read_only",  # the store cannot be written
    "schema_newer",  # made by a newer version of the course
    "schema_older",  # needs an update the page cannot make
    "refused",  # a rule of the store refused the write
    "unread",  # saved work could not be read when the page opened: never written over
    "error",  # anything else (the detail says what)
)
#: The kinds of :class:`SaveStatus`.
SAVED, PAGE, REFUSED = "saved", "page", "refused"


@dataclass(frozen=True)
class SaveStatus:
    """How a save went: ``saved``, ``page`` (kept on this page only) or ``refused``."""

    state: str
    reason: str | None = None
    detail: str = ""

    @property
    def saved(self) -> bool:
        """True when the work reached the store."""
        return self.state == SAVED


def reason_of(exc: BaseException) -> str:
    """The reason (one of :data:`REASONS`) a store error gives."""
    reason = getattr(exc, "reason", None)
    return reason if reason in REASONS else "error"


class Learner(WorkshopMember):
    """The learner of a page and their saved work (see the module doc)."""

    def __init__(
        self,
        code: str | None,
        status: str | None = None,
        *,
        workshop: str | None = None,
        store: Store | None = None,
        opener: Callable[[], Store] = open_store,
    ):
        self.code = code
        self.status = status or ("code" if code else "none")
        self.workshop = workshop
        self._store = store
        self._opener = opener  # called again at the next use after it failed: never sticky
        self._lock = threading.RLock()
        self.problem: str | None = None  # why the store is not used now (None: it is)
        self.detail = ""  # the store's own words about the problem
        self._page: dict[tuple[str, str], Any] = {}  # documents kept on this page only
        self._answers: list[tuple] = []  # quiz tries not recorded yet
        self._unread: set[tuple[str, str]] = set()
        self._protected: dict[tuple[str, str], str] = {}
        self._recovered = False
        self._widgets: weakref.WeakSet = weakref.WeakSet()

    # -- who -------------------------------------------------------------------------------------
    @property
    def saves(self) -> bool:
        """Whether this learner's work can be saved at all (a learner code is known)."""
        return self.code is not None

    def other(self, code: str) -> Learner:
        """The context of another learner code typed on this page (it shares this page's store)."""
        return Learner(code, "code", workshop=self.workshop, store=self._store, opener=self._opener)

    def __repr__(self) -> str:
        return f"Learner({self.code!r}, {self.status!r}, workshop={self.workshop!r})"

    # -- the store -------------------------------------------------------------------------------
    @property
    def store(self) -> Store | None:
        """The learner's store, opened on first use (and tried again after a failure), or None."""
        if not self.saves:
            return None
        with self._lock:
            if self._store is None:
                try:
                    self._store = self._opener()
                except StoreError as exc:
                    self._fail(exc)
                    return None
            return self._store

    def _fail(self, exc: StoreError) -> None:
        self.problem, self.detail = reason_of(exc), str(exc)
        self._recovered = False
        self._refresh()

    def _ok(self) -> None:
        if self.problem is not None:
            self.problem, self.detail, self._recovered = None, "", True
            self._refresh()

    def _why_not(self) -> str:
        return "no_code" if self.status != "invalid" else "invalid_code"

    # -- documents -------------------------------------------------------------------------------
    def load(self, kind: str, key: str, default: Any = None) -> Any:
        """A saved document, or ``default`` (also when the store cannot be read: then the page
        says so, and what the page saves under this key never replaces the unread document)."""
        with self._lock:
            if (kind, key) in self._page:
                return self._page[(kind, key)]
            store = self.store
            if store is None:
                if self.saves:
                    self._unread.add((kind, key))
                return default
            try:
                doc = store.get_doc(self.code, kind, key)
            except StoreError as exc:
                self._unread.add((kind, key))
                self._fail(exc)
                return default
            self._unread.discard((kind, key))
            return default if doc is None else doc

    def docs(self, kind: str) -> dict[str, Any]:
        """Every saved document of one kind, by key (those kept on this page included)."""
        found: dict[str, Any] = {}
        store = self.store
        if store is not None:
            try:
                found = store.docs(self.code, kind)
            except StoreError as exc:
                self._fail(exc)
        found.update({k: body for (kd, k), body in self._page.items() if kd == kind})
        return found

    def answers(self) -> list[dict[str, Any]]:
        """Every quiz try recorded for the learner (empty when none can be read)."""
        store = self.store
        if store is None:
            return []
        try:
            return store.answers(self.code)
        except StoreError as exc:
            self._fail(exc)
            return []

    def protect(self, kind: str, key: str, reason: str = "unread") -> None:
        """Never save over this document (e.g. it was saved by a newer course and cannot be read)."""
        self._protected[(kind, key)] = reason

    def save(self, kind: str, key: str, body: Any, answers: Iterable[tuple] = ()) -> SaveStatus:
        """Save a document (and quiz tries ``(question_id, response, score, correct)``).

        Tries the real store every time: a store that failed before is tried again.
        """
        with self._lock:
            self._answers.extend(answers)
            if (kind, key) in self._protected:
                return SaveStatus(REFUSED, self._protected[(kind, key)])
            self._page[(kind, key)] = body
            if not self.saves:
                return SaveStatus(PAGE, self._why_not())
            store = self.store
            if store is None:
                return SaveStatus(PAGE, self.problem, self.detail)
            try:
                if (kind, key) in self._unread:
                    if store.get_doc(self.code, kind, key) is not None:
                        return self._page_only("unread")
                    self._unread.discard((kind, key))
                self._flush_answers(store)
                store.put_doc(self.code, kind, key, body)
            except StoreError as exc:
                self._fail(exc)
                return SaveStatus(PAGE, self.problem, self.detail)
            del self._page[(kind, key)]
            self._ok()
            return SaveStatus(SAVED)

    def _page_only(self, reason: str) -> SaveStatus:
        self.problem, self.detail = reason, ""
        self._refresh()
        return SaveStatus(PAGE, reason)

    def _flush_answers(self, store: Store) -> None:
        while self._answers:
            qid, response, score, correct = self._answers[0]
            store.add_answer(self.code, qid, response, score, correct, workshop=self.workshop)
            self._answers.pop(0)

    # -- the learner's data as a whole ------------------------------------------------------------
    def export(self) -> dict[str, Any] | None:
        """Everything stored about the learner (None when the store cannot be read)."""
        store = self.store
        if store is None:
            return None
        try:
            return store.export_learner(self.code)
        except StoreError as exc:
            self._fail(exc)
            return None

    def reset_quizzes(self) -> SaveStatus:
        """Forget every quiz answer and quiz state of the learner."""
        return self._change(
            lambda s: (s.delete_answers(self.code), s.delete_docs(self.code, "quiz")),
            lambda kind: kind == "quiz",
        )

    def delete_all(self) -> SaveStatus:
        """Delete everything stored about the learner."""
        return self._change(lambda s: s.delete_learner(self.code), lambda kind: True)

    def delete(self, kind: str) -> SaveStatus:
        """Delete the learner's documents of one kind."""
        return self._change(lambda s: s.delete_docs(self.code, kind), lambda k: k == kind)

    def _change(self, action, forget) -> SaveStatus:
        with self._lock:
            for k in [k for k in self._page if forget(k[0])]:
                del self._page[k]
            self._unread = {k for k in self._unread if not forget(k[0])}
            if forget("quiz"):
                self._answers.clear()
            store = self.store
            if store is None:
                reason = self.problem if self.saves else self._why_not()
                return SaveStatus(REFUSED, reason, self.detail)
            try:
                action(store)
            except StoreError as exc:
                self._fail(exc)
                return SaveStatus(REFUSED, self.problem, self.detail)
            self._ok()
            return SaveStatus(SAVED)

    def where(self) -> str:
        """Where the learner's data is kept, in words the learner may be told.

        In JupyterLab the learner runs the course on their own account: the file's path helps
        them. In the web app the path is the server's business: learners are told it is on the
        server.
        """
        store = self.store
        if store is None:
            return ui.t("data.where.memory")
        return store.where if not session.in_voila() else ui.t("data.where.server")

    # -- the status line -------------------------------------------------------------------------
    def message(self) -> str:
        """What the status line says, as plain text ("" when all is well)."""
        return str(self._status()[1])

    def _status(self) -> tuple[str, Any]:
        home = ui.Markup('<a href="{}" target="_self">{}</a>').format(
            session.with_query(_home_notebook()), ui.t("learner.home_link")
        )
        if not self.saves:
            text = ui.t(f"learner.why.{self._why_not()}", example=identity.EXAMPLE)
            return ("warning" if self.status == "invalid" else "info"), ui.Markup("{} {}").format(
                text, home
            )
        if self.problem is not None:
            why = ui.t(f"learner.why.{self.problem}")
            return "warning", f"{why} {ui.t('learner.page_only')}"
        if self._recovered:
            return "ok", ui.t("learner.saved_again")
        return "info", ""

    def status_html(self) -> str:
        """The status line's HTML ("" when there is nothing to say)."""
        kind, text = self._status()
        return ui.status_html(kind, text) if text else ""

    def status_widget(self):
        """A status line for a view; every one shows the same words and follows every change."""
        import ipywidgets as W

        w = W.HTML(self.status_html())
        w.add_class("course-learner-status")
        self._widgets.add(w)
        return w

    def _refresh(self) -> None:
        html = self.status_html()
        for w in list(self._widgets):
            if w.value != html:
                w.value = html


def _home_notebook() -> str:
    from . import content

    return content.load().outline.pages[0].notebook


@lru_cache(maxsize=1)
def current() -> Learner:
    """The learner of this kernel's page, built once (see :func:`widgets.identity.identify`)."""
    code, status = identity.identify()
    return Learner(code, status, workshop=session.query_params().get("workshop"))
