"""Workshop widgets: the participant's join panel and share button.

The trainer's dashboard is in :mod:`widgets.workshop.trainer_view`.

Views only: every rule lives in :mod:`widgets.workshop.model`. Everything a person typed (display
names, workshop names) is escaped before it reaches HTML.
"""

from __future__ import annotations

import time
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
class JoinPanel(W.VBox):
    """Type (or confirm) a workshop code and a display name, then join."""

    def __init__(
        self,
        store: Store | None = None,
        learner: str | None = None,
        params: dict[str, str] | None = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        from ..identity import current_learner

        self.store = store or open_store()
        self.params = dict(session.query_params() if params is None else params)
        # In Voila without a learner code, the participant gets a new one with the join link.
        if learner is None and session.in_voila() and "code" not in self.params:
            from ..identity import page_code  # the code the home page also offers

            self.params["code"] = page_code()
            learner = self.params["code"]
        self.learner = learner or current_learner()
        self.joined: str | None = None
        self.w_title = W.HTML(f"<h2>{escape(_t('workshop.join.title'))}</h2>")
        self.w_intro = W.HTML(f"<p>{escape(_t('workshop.join.intro'))}</p>")
        self.w_code = W.Text(
            value=self.params.get("workshop", ""),
            description=_t("workshop.join.code"),
            placeholder=_t("workshop.join.code_hint"),
            style={"description_width": "initial"},
        )
        self.w_name = W.Text(
            description=_t("workshop.join.name"),
            placeholder=_t("workshop.join.name_hint"),
            style={"description_width": "initial"},
        )
        self.w_hint = W.HTML(f'<p class="course-hint">{escape(_t("workshop.join.name_hint"))}</p>')
        self.w_join = W.Button(
            description=_t("workshop.join.button"),
            button_style="primary",
            layout={"width": "fit-content"},
        )
        self.w_join.on_click(self._on_join)
        self.w_status = _status()
        self.w_link = W.HTML("")
        self.w_share = SharePlan(store=self.store, learner=self.learner, code=None)
        self.w_share.layout.display = "none"
        self.add_class("course-join")
        self.children = (
            self.w_title,
            self.w_intro,
            self.w_code,
            self.w_name,
            self.w_hint,
            self.w_join,
            self.w_status,
            self.w_link,
            self.w_share,
        )
        mine = model.membership(self.store, self.params.get("workshop"), self.learner)
        if mine:
            self._show_joined(self.params["workshop"], mine["workshop"], mine["display_name"])

    def _on_join(self, _button=None) -> None:
        self.join()

    def join(self) -> bool:
        """Join with the typed code and name; True on success."""
        try:
            name = model.join(self.store, self.w_code.value, self.learner, self.w_name.value)
        except model.WorkshopError as exc:
            time.sleep(0.5)  # a little friction against guessing
            _say(self.w_status, str(exc), "error")
            return False
        except StoreError as exc:
            _say(self.w_status, str(exc), "error")
            return False
        code = model.normalise_code(self.w_code.value)
        self._show_joined(code, name, model.clean_display_name(self.w_name.value))
        return True

    def _show_joined(self, code: str, workshop_name: str, display_name: str) -> None:
        self.joined = code
        self.w_code.value = code
        self.w_name.value = display_name
        who = display_name or _t("workshop.join.anonymous")
        _say(self.w_status, _t("workshop.join.joined", name=workshop_name, who=who), "ok")
        params = dict(self.params, workshop=code)
        href = session.with_query("00_home.ipynb", params)
        self.w_link.value = (
            f'<p><a class="course-workshop-link" href="{escape(href, quote=True)}" '
            f'target="_self" style="text-decoration:underline;font-weight:bold">{escape(_t("workshop.join.continue"))}</a></p>'
            f"<p>{escape(_t('workshop.join.keep_link'))}</p>"
            f"<p>{escape(_t('workshop.join.what_shared'))}</p>"
        )
        self.w_share.code = code
        self.w_share.layout.display = None


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

        self.store = store or open_store()
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
