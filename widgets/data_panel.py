""" "My data" (:class:`MyData`): what is kept about the learner, where, and how to download or
delete it."""

from __future__ import annotations

import base64
import json
from html import escape

import ipywidgets as W

from . import learner as learner_mod
from . import ui
from .entry import para


class MyData(W.VBox):
    """What is kept about the learner, where, and how to download or delete it."""

    def __init__(self, learner: learner_mod.Learner | None = None):
        super().__init__()
        self.add_class("course-mydata")
        self.learner = learner or learner_mod.current()
        self._pending: str | None = None
        self.w_message = W.HTML("")
        self.w_message.add_class("course-live")
        where = (
            ui.t("data.where", where=self.learner.where())
            if self.learner.saves
            else ui.t("data.where.nothing")
        )
        intro = W.HTML(
            f'<h2 id="my-data">{escape(ui.t("data.title"))}</h2>{para(ui.t("data.what"))}'
            f"{para(where)}"
        )
        if not self.learner.saves:
            self.children = [intro]
            return
        self.w_export = W.HTML(self._export_html())
        self.w_reset = ui.button("progress.reset")
        self.w_reset.on_click(lambda _b: self.ask("reset"))
        self.w_delete = ui.button("progress.delete", "danger")
        self.w_delete.on_click(lambda _b: self.ask("delete"))
        self.w_yes = ui.button("progress.confirm.yes", "danger")
        self.w_yes.on_click(lambda _b: self.confirm())
        self.w_no = ui.button("progress.confirm.no")
        self.w_no.on_click(lambda _b: self.cancel())
        self.w_confirm = W.HBox([self.w_yes, self.w_no], layout=W.Layout(display="none"))
        self.children = [
            intro,
            self.learner.status_widget(),
            self.w_export,
            W.HBox([self.w_reset, self.w_delete]),
            self.w_message,
            self.w_confirm,
        ]

    def _export_html(self) -> str:
        data = self.learner.export()
        if data is None:
            return ""  # the status line says why
        payload = base64.b64encode(
            json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
        ).decode("ascii")
        return (
            f'<p><a class="course-button course-button-secondary course-data-export" '
            f'download="my-course-data.json" href="data:application/json;base64,{payload}">'
            f"{escape(ui.t('data.export'))}</a></p>"
        )

    def _say(self, text: str, kind: str) -> None:
        self.w_message.value = ui.status_html(kind, text)

    def ask(self, action: str) -> None:
        """Ask to confirm ``reset`` (quiz answers) or ``delete`` (everything stored)."""
        self._pending = action
        self._say(ui.t("progress.confirm." + action), "error")
        self.w_confirm.layout.display = "flex"

    def cancel(self) -> None:
        """Do nothing after all."""
        self._pending = None
        self.w_confirm.layout.display = "none"
        self._say(ui.t("progress.cancelled"), "info")

    def confirm(self) -> None:
        """Carry out the action asked for."""
        action, self._pending = self._pending, None
        self.w_confirm.layout.display = "none"
        if not action:
            return
        done = self.learner.reset_quizzes() if action == "reset" else self.learner.delete_all()
        if not done.saved:
            why = ui.t(f"learner.why.{done.reason}", example="")
            self._say(ui.t("progress.failed", problem=why), "error")
            return
        self._say(ui.t("progress.done." + action), "ok")
        self.w_export.value = self._export_html()
