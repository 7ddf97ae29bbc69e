"""The worksheet's plan in the learner context: read when the page opens, saved after every
change, deleted on request (``kind="worksheet", key="plan"``).

The learner context (:mod:`widgets.learner`) decides what happens without a code or when the
store cannot be used, and says so in its status line. What is the worksheet's own: a saved plan
that cannot be read (damaged, or from a newer version) is reported and never saved over, until
the learner clears it; and a note that the plan is saved as they work.
"""

from __future__ import annotations

from .. import learner as learner_mod
from .. import ui
from .loading import plan_from_saved
from .messages import explain
from .model import STORE_KEY, STORE_KIND, Plan


class PlanSaving:
    """The learner's saved plan: ``load``, ``save`` and ``delete``, and the page's note."""

    def __init__(self, me: learner_mod.Learner):
        self.me = me
        self.blocked = False  # the saved plan is unreadable: never save over it
        self.w_note = ui.status()
        self.w_learner = me.status_widget()

    def _note(self, kind: str, key: str, **values) -> None:
        self.w_note.value = ui.status_html(kind, ui.t(key, **values))

    def load(self) -> Plan | None:
        """The saved plan, or None (nothing saved, no code, or unreadable: the page says why)."""
        if not self.me.saves:
            return None
        saved = self.me.load(STORE_KIND, STORE_KEY)
        if self.me.problem is not None:
            return None  # the learner's status line says why
        plan = None
        if saved is not None:
            try:
                plan = plan_from_saved(saved)
            except Exception as exc:  # a damaged or newer saved plan: reported, never overwritten
                detail = explain(exc) if hasattr(exc, "errors") else str(exc)
                self.blocked = True
                self._note("error", "ws.save.blocked", detail=detail)
                return None
        self._note("info", "ws.save.saved")
        return plan

    def save(self, plan: Plan) -> bool:
        """Save the plan; False when it is kept on the page only (the status line says why)."""
        if self.blocked:
            return False
        status = self.me.save(STORE_KIND, STORE_KEY, plan.to_json_dict())
        if status.saved and not self.w_note.value:
            self._note("info", "ws.save.saved")
        return status.saved

    def delete(self) -> str | None:
        """Delete the saved plan and allow saving again; why not in words, if it failed."""
        if self.me.saves:
            status = self.me.delete(STORE_KIND)
            if status.state == learner_mod.REFUSED:
                return ui.t(f"learner.why.{status.reason}")
            self._note("info", "ws.save.saved")
        self.blocked = False
        return None
