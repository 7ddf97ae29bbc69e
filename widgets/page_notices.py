"""What a learner must know at the top of a page (:class:`PageNotices`): work not saved, a
workshop not joined (with the form to join it there)."""

from __future__ import annotations

from html import escape

import ipywidgets as W

from . import content, identity, session, ui
from . import learner as learner_mod
from .entry import enter_form, join_controls, link_button, page_href
from .store import StoreError

#: The kinds of page that save the learner's work.
SAVING_PAGES = ("lesson", "quiz", "worksheet")


class PageNotices(W.VBox):
    """What a learner must know before reading a page: work not saved, a workshop not joined."""

    def __init__(
        self,
        page_id: str,
        learner: learner_mod.Learner | None = None,
        params: dict[str, str] | None = None,
    ):
        super().__init__()
        self.add_class("course-page-notices")
        self.page = content.load().page(page_id)
        self.params = dict(session.query_params() if params is None else params)
        self.learner = learner or learner_mod.current()
        self.ws_state = "none" if self.page.kind == "home" else self.learner.workshop_state()
        self.w_notice = W.HTML(self._notice_html())
        self.w_status = W.HTML("")
        self.w_status.add_class("course-live")
        children: list[W.Widget] = [self.w_notice]
        if self.ws_state == "open":
            self.w_name, self.w_join, self.w_group = join_controls(self.learner, self.join)
            form = [self.w_group] if self.w_group else []
            children += [*form, enter_form(self.w_name, self.w_join), self.w_status]
        self.children = children
        if not self.w_notice.value and len(children) == 1:
            self.layout.display = "none"

    def _notice_html(self) -> str:
        home = content.load().home
        home_link = (
            f'<a href="{escape(session.with_query(home.notebook, self.params), quote=True)}" '
            f'target="_self">{escape(ui.t("learner.home_link"))}</a>'
        )
        if "(address too long)" in session.rejected_params():
            return self._box(ui.t("notice.too_long"), home_link)
        if self.page.kind == "home":
            return ""
        if self.ws_state in ("open", "closed", "unknown"):
            key = (
                "notice.not_joined"
                if self.ws_state == "open"
                else f"start.workshop.{self.ws_state}"
            )
            return self._box(ui.t(key))
        if self.page.kind in SAVING_PAGES and not self.learner.saves:
            return self._box(
                ui.t(
                    "notice.not_saved"
                    if self.learner.status == "none"
                    else "learner.why.invalid_code",
                    example=identity.EXAMPLE,
                ),
                home_link,
            )
        return ""

    @staticmethod
    def _box(text: str, link: str = "") -> str:
        return (
            f'<div class="course-notice course-notice-warn" role="note">'
            f"<p>{escape(text)} {link}</p></div>"
        )

    def join(self) -> bool:
        """Join the address's workshop from this page, then reload it with the learner code."""
        from .workshop import model

        code = self.learner.code or identity.page_code()
        try:
            group = self.w_group.value if self.w_group else None
            self.learner.join(self.w_name.value, group or None, code=code)
        except (model.WorkshopError, StoreError) as exc:
            self.w_status.value = ui.status_html("error", str(exc))
            return False
        self.w_join.disabled = self.w_name.disabled = True
        self.w_notice.value = ""
        if self.learner.code:  # answers on this page already carry the workshop: nothing to redo
            self.w_status.value = ui.status_html("ok", ui.t("notice.joined"))
            return True
        # a new code: the page must be opened again with it, or its answers would not be saved
        params = {**self.params, "code": code}
        self.w_status.value = ui.status_html("ok", ui.t("notice.joined_reload")) + ui.Markup(
            "<p>"
            + link_button(page_href(self.page, params), ui.t("notice.reload"), goto=True)
            + "</p>"
        )
        return True
