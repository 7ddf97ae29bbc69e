"""The one place the worksheet reads, saves and deletes the learner's plan, and says so.

The plan is kept in the store under the learner's code (``kind="worksheet", key="plan"``).
Without a code nothing is saved. A saved plan that cannot be read (damaged, or from a newer
version) is reported and never saved over, until the learner clears it. A failed save is
reported; the next successful one says that saving works again.
"""

from __future__ import annotations

from .. import ui
from .loading import plan_from_saved
from .messages import explain
from .model import STORE_KEY, STORE_KIND, Plan


class PlanSaving:
    """The learner's saved plan: ``load``, ``save`` and ``delete``, and one status line."""

    def __init__(self, learner: str, store=None):
        self.learner = learner
        self._store = store
        self.blocked = False  # the saved plan is unreadable: never save over it
        self._failed = False
        self.w_save = ui.status()

    @property
    def store(self):
        """The store (opened on first use)."""
        if self._store is None:
            from ..store import open_store

            self._store = open_store()
        return self._store

    def _show(self, kind: str, key: str, **values) -> None:
        self.w_save.value = ui.status_html(kind, ui.t(key, **values))

    def load(self) -> Plan | None:
        """The saved plan, or None (nothing saved, no code, or unreadable: the status says)."""
        from ..store import StoreError

        if not self.learner:
            self._show("info", "ws.save.no_code")
            return None
        try:
            saved = self.store.get_doc(self.learner, STORE_KIND, STORE_KEY)
        except StoreError as exc:
            self._show("error", "ws.save.failed", problem=str(exc))
            return None
        plan = None
        if saved is not None:
            try:
                plan = plan_from_saved(saved)
            except Exception as exc:  # a damaged or newer saved plan: reported, never overwritten
                detail = explain(exc) if hasattr(exc, "errors") else str(exc)
                self.blocked = True
                self._show("error", "ws.save.blocked", detail=detail)
                return None
        if self.store.problem:
            self._show("error", "ws.save.memory", problem=self.store.problem)
        else:
            self._show("info", "ws.save.saved")
        return plan

    def save(self, plan: Plan) -> bool:
        """Save the plan; False (with a message) when it cannot be saved."""
        from ..store import StoreError

        if not self.learner or self.blocked:
            return False
        try:
            self.store.put_doc(self.learner, STORE_KIND, STORE_KEY, plan.to_json_dict())
        except StoreError as exc:
            self._failed = True
            self._show("error", "ws.save.failed", problem=str(exc))
            return False
        if self._failed:  # saving works again: say so
            self._failed = False
            self._show("info", "ws.save.saved")
        return True

    def delete(self) -> str | None:
        """Delete the saved plan and allow saving again; the problem in words if it failed."""
        from ..store import StoreError

        if self.learner:
            try:
                self.store.delete_docs(self.learner, STORE_KIND)
            except StoreError as exc:
                return str(exc)
            self._show("info", "ws.save.saved")
        else:
            self.w_save.value = ""
        self.blocked = False
        return None
