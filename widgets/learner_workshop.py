"""The learner's side of a workshop, as part of the learner context (:class:`WorkshopMember`
is a base of :class:`widgets.learner.Learner`): the address's workshop, joining it, and sharing
a plan summary with it. The rules are in :mod:`widgets.workshop.model`."""

from __future__ import annotations

from typing import Any

from .store import Store, StoreError


class WorkshopMember:
    """Workshop look-ups and actions of a learner context (``workshop``: the address's code).

    Uses the context's ``store``, ``code``, ``saves``, ``load``, ``message``, ``_fail``,
    ``_change``, ``_store`` and ``_opener``.
    """

    workshop: str | None

    # -- the workshop ----------------------------------------------------------------------------
    def _workshop_call(self, call, default=None):
        store = self.store if self.saves else self._shared_store()
        if store is None:
            return default
        try:
            return call(store)
        except StoreError as exc:
            self._fail(exc)
            return default

    def _open_or_raise(self) -> Store:
        """The store, or the :class:`StoreError` that says why it cannot be opened."""
        if self._store is None:
            try:
                self._store = self._opener()
            except StoreError as exc:
                if self.saves:
                    self._fail(exc)
                raise
        return self._store

    def _shared_store(self) -> Store | None:
        """A store for workshop look-ups by a page without a learner code (joining makes one)."""
        if self._store is None:
            try:
                self._store = self._opener()
            except StoreError:
                return None
        return self._store

    def workshop_state(self) -> str:
        """The address's workshop: ``none``, ``joined``, ``open``, ``closed`` or ``unknown``."""
        if not self.workshop:
            return "none"
        from .workshop import model

        def state(store):
            found = model.workshop_state(store, self.workshop)
            if found == "open" and self.code and model.membership(store, self.workshop, self.code):
                return "joined"
            return found

        return self._workshop_call(state, "none")

    def workshop_name(self) -> str:
        """The name of the address's workshop (its code when it has none to show)."""
        from .workshop import model

        ws = self._workshop_call(lambda s: s.workshop(model.normalise_code(self.workshop or "")))
        return ws["name"] if ws else (self.workshop or "")

    def groups(self) -> list[dict[str, str]]:
        """The groups of the address's workshop (empty when there are none)."""
        from .workshop import model

        if not self.workshop:
            return []
        return self._workshop_call(lambda s: model.groups(s, self.workshop), [])

    def join(self, display_name: str, group: str | None = None, code: str | None = None) -> str:
        """Join the address's workshop under ``code`` (default: the learner's); returns its name.

        Raises :class:`widgets.workshop.model.WorkshopError` or :class:`StoreError` with a
        message to show.
        """
        from .workshop import model

        store = self._open_or_raise()
        return model.join(store, self.workshop, code or self.code, display_name, group=group)

    def share_plan(self) -> dict[str, Any]:
        """Share the summary of the saved plan with the address's workshop; returns it."""
        from .workshop import model

        if not self.workshop:
            raise model.WorkshopError("workshop.share.not_joined")
        if not self.saves:
            raise model.WorkshopError(self.message())
        store = self._open_or_raise()
        plan = self.load("worksheet", "plan") or {}
        return model.share_plan_summary(store, self.workshop, self.code, plan=plan)

    def withdraw_plan(self):
        """Stop sharing the plan summary with the address's workshop (a ``SaveStatus``)."""
        from .learner import SAVED, SaveStatus
        from .workshop import model

        if not self.workshop:
            return SaveStatus(SAVED)
        return self._change(
            lambda s: model.withdraw_plan_summary(s, self.workshop, self.code), lambda k: False
        )
