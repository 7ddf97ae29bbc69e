"""Workshop widgets: the participant's join panel and share button.

The trainer's dashboard is in :mod:`widgets.workshop.trainer_view`.

Views only: every rule lives in :mod:`widgets.workshop.model`. Everything a person typed (display
names, workshop names) is escaped before it reaches HTML.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from .. import content, session
from ..store import Store, StoreError, open_store
from . import model


def _t(key: str, **values) -> str:
    return content.load().text(key, **values)


def _status() -> W.HTML:
    """A polite live region for feedback (read out by screen readers)."""
    w = W.HTML(value="")
    w.add_class("course-live")
    return w


def _say(widget: W.HTML, text: str, kind: str = "info") -> None:
    prefix = {"error": "⚠ ", "ok": "✓ "}.get(kind, "")
    widget.value = (
        f'<p role="status" aria-live="polite" class="course-msg course-msg-{kind}">'
        f"{escape(prefix + text)}</p>"
    )


# -- participants ----------------------------------------------------------------------------------
class SharePlan(W.VBox):
    """A button to share (or stop sharing) the learner's plan summary with their workshop."""

    def __init__(
        self,
        store: Store | None = None,
        learner: str | None = None,
        code: str | None = "",
        **kwargs,
    ):
        super().__init__(**kwargs)
        from ..identity import current_learner

        self.store = store or open_store(fallback=True)
        self.learner = learner or current_learner()
        self.code = session.query_params().get("workshop") if code == "" else code
        self.w_intro = W.HTML(f"<p>{escape(_t('workshop.share.intro'))}</p>")
        self.w_share = W.Button(
            description=_t("workshop.share.button"), layout={"width": "fit-content"}
        )
        self.w_withdraw = W.Button(description=_t("workshop.share.withdraw"))
        self.w_share.on_click(lambda _b: self.share())
        self.w_withdraw.on_click(lambda _b: self.withdraw())
        self.w_status = _status()
        self.add_class("course-share-plan")
        self.children = (
            self.w_intro,
            W.HBox([self.w_share, self.w_withdraw]),
            self.w_status,
        )

    def share(self) -> dict | None:
        """Share the plan summary; returns it, or None with a message saying why not."""
        if not self.code:
            _say(self.w_status, _t("workshop.share.not_joined"), "error")
            return None
        try:
            summary = model.share_plan_summary(self.store, self.code, self.learner)
        except (model.WorkshopError, StoreError) as exc:
            _say(self.w_status, str(exc), "error")
            return None
        _say(self.w_status, _t("workshop.share.done", summary=describe_summary(summary)), "ok")
        return summary

    def withdraw(self) -> None:
        """Stop sharing."""
        if self.code:
            model.withdraw_plan_summary(self.store, self.code, self.learner)
        _say(self.w_status, _t("workshop.share.withdrawn"), "ok")


def describe_summary(summary: dict) -> str:
    """A plan summary in the course's words (see :func:`model.describe_summary`)."""
    return model.describe_summary(summary)
