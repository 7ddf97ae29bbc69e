"""The participant's workshop widget: the button that shares (or withdraws) their plan summary.

The trainer's dashboard is in :mod:`widgets.workshop.trainer_view`.

Views only: every rule lives in :mod:`widgets.workshop.model`. Everything a person typed (display
names, workshop names) is escaped before it reaches HTML.
"""

from __future__ import annotations

import ipywidgets as W

from .. import learner as learner_mod
from .. import ui
from ..store import StoreError
from . import model


# -- participants ----------------------------------------------------------------------------------
class SharePlan(W.VBox):
    """A button to share (or stop sharing) the learner's plan summary with their workshop."""

    def __init__(self, learner: learner_mod.Learner | None = None, **kwargs):
        super().__init__(**kwargs)
        self.learner = learner or learner_mod.current()
        self.w_intro = W.HTML(ui.Markup("<p>{}</p>").format(ui.t("workshop.share.intro")))
        self.w_share = ui.button("workshop.share.button")
        self.w_withdraw = ui.button("workshop.share.withdraw")
        self.w_share.on_click(lambda _b: self.share())
        self.w_withdraw.on_click(lambda _b: self.withdraw())
        self.w_status = ui.status()
        self.add_class("course-share-plan")
        self.children = (
            self.w_intro,
            W.HBox([self.w_share, self.w_withdraw]),
            self.w_status,
        )

    def _say(self, kind: str, text: str) -> None:
        self.w_status.value = ui.status_html(kind, text)

    def share(self) -> dict | None:
        """Share the plan summary; returns it, or None with a message saying why not."""
        try:
            summary = self.learner.share_plan()
        except (model.WorkshopError, StoreError) as exc:
            self._say("error", str(exc))
            return None
        self._say("ok", ui.t("workshop.share.done", summary=describe_summary(summary)))
        return summary

    def withdraw(self) -> None:
        """Stop sharing."""
        done = self.learner.withdraw_plan()
        if done.saved:
            self._say("ok", ui.t("workshop.share.withdrawn"))
        else:
            self._say("error", ui.t(f"learner.why.{done.reason}", example=""))


def describe_summary(summary: dict) -> str:
    """A plan summary in the course's words (see :func:`model.describe_summary`)."""
    return model.describe_summary(summary)
