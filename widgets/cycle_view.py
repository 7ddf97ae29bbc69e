"""The review-cycle view: a switch between the two procedures, and the diagram below it."""

from __future__ import annotations

import ipywidgets as W

from . import content
from .review_cycle import cycle_html
from .ui import t

BOTH = "both"


class CycleView(W.VBox):
    """Buttons to show the simplified procedure, the standard one, or both side by side."""

    def __init__(self, initial: str = "simplified", **kwargs):
        c = content.load()
        options = [(p.title, p.id) for p in c.procedures] + [(t("cycle.both"), BOTH)]
        self.w_choice = W.ToggleButtons(
            options=options,
            value=initial,
            description=t("cycle.choose"),
            style={"description_width": "initial", "button_width": "auto"},
            tooltips=[label for label, _ in options],
        )
        self.w_diagram = W.HTML()
        self.w_diagram.add_class("course-live")
        super().__init__(**kwargs)
        self.children = [self.w_choice, self.w_diagram]
        self.add_class("course-cycle-view")
        self.w_choice.observe(self._on_change, names="value")
        self.show(initial)

    def show(self, procedure: str) -> None:
        """Show one procedure by id, or ``"both"`` side by side."""
        if self.w_choice.value != procedure:
            self.w_choice.value = procedure  # triggers _on_change
            return
        self.w_diagram.value = cycle_html(None if procedure == BOTH else procedure)

    def _on_change(self, change) -> None:
        self.show(change["new"])
