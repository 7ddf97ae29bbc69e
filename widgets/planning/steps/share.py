"""Sharing the plan's summary with a workshop the learner joined (inside step 4)."""

from __future__ import annotations

import ipywidgets as W

from ... import content, ui
from ...learner import Learner
from .. import fields as F
from ..model import label


class SharePlanSummary(W.VBox):
    """Share the plan's summary with a workshop the learner joined: shown once a plan exists.

    Only the course's own categories are shared (how many actors of each type, the coalition's
    form); nothing the learner typed. The confirmation says so in plain words.
    """

    def __init__(self, editor: F.Editor, me: Learner):
        self.editor, self.me = editor, me
        self.w_intro = F.heading(3, "ws.share.title", "ws.share.intro")
        self.w_share = ui.button("ws.share.button", "primary")
        self.w_withdraw = ui.button("ws.share.withdraw")
        self.w_status = ui.status()
        super().__init__(
            [self.w_intro, F.row(self.w_share, self.w_withdraw), self.w_status],
            layout=W.Layout(display="none"),
        )
        self.w_share.on_click(lambda _: self.share())
        self.w_withdraw.on_click(lambda _: self.withdraw())
        self.add_class("course-ws-share")

    def refresh(self) -> None:
        """Show the control only when the learner is in a workshop and has a plan."""
        plan = self.editor.model.plan
        ready = bool(self.me.workshop and self.me.saves and not plan.is_empty())
        self.layout.display = "" if ready else "none"

    def share(self) -> dict | None:
        """Share the summary; returns it, or None with a message saying why not."""
        from ...store import StoreError
        from ...workshop import model as workshop

        try:
            summary = self.me.share_plan()
        except (workshop.WorkshopError, StoreError) as exc:
            self.w_status.value = ui.status_html("error", str(exc))
            return None
        text = ui.t("ws.share.done", summary=describe_shared(summary))
        self.w_status.value = ui.status_html("ok", text)
        return summary

    def withdraw(self) -> None:
        """Stop sharing."""
        status = self.me.withdraw_plan()
        if status.saved:
            self.w_status.value = ui.status_html("ok", ui.t("ws.share.withdrawn"))
        else:
            self.w_status.value = ui.status_html("error", ui.t(f"learner.why.{status.reason}"))


def describe_shared(summary: dict) -> str:
    """A shared summary in plain words, with the course's labels (never ids)."""
    c = content.load()
    forms = {f.id: f for f in c.forms}
    types = summary.get("actor_types") or {}
    parts = ", ".join(f"{n} {label(c.worksheet.actor_types, k)}" for k, n in types.items())
    form = summary.get("coalition") or {}
    shape = ", ".join(
        label(forms[k].options, form[k]).lower()
        for k in ("duration", "scope")
        if form.get(k) and k in forms
    )
    return ui.tn("ws.share.words", sum(types.values()), types=parts or "-", shape=shape or "-")
