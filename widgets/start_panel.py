"""The home page's way into the course (:class:`StartPanel`).

It shows one thing at a time, by the page's situation:

- ``join``: the address carries a workshop code (``?workshop=``) the learner has not joined yet:
  the join step comes first (a display name or none, one button), then the way into part 1;
- ``returning``: the address carries a learner code: "welcome back", the progress, and one
  button that continues where the learner stopped;
- ``new``: no code yet: the new code, one button that opens part 1 with it, and a box to type a
  code from another device (Enter continues);
- ``local``: JupyterLab or JupyterHub, where the account is the learner: progress and the next
  part.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from . import content, identity, session, ui
from . import learner as learner_mod
from .entry import enter_form, join_controls, link_button, next_page, page_href, para
from .store import StoreError


def _code_line(code: str) -> str:
    return f'<p class="course-code-line"><span class="course-code">{escape(code)}</span></p>'


class StartPanel(W.VBox):
    """The home page's way into the course (see the module doc)."""

    def __init__(
        self, learner: learner_mod.Learner | None = None, params: dict[str, str] | None = None
    ):
        super().__init__()
        self.add_class("course-start")
        self.params = dict(session.query_params() if params is None else params)
        self.learner = learner or learner_mod.current()
        self.code = self.learner.code or identity.page_code()
        self.w_status = W.HTML("")
        self.w_status.add_class("course-live")
        self.ws_state = self.learner.workshop_state()
        self.state = self._state()
        build = {
            "join": self._build_join,
            "returning": self._build_returning,
            "local": self._build_returning,
            "new": self._build_new,
        }[self.state]
        self.children = build()

    def _state(self) -> str:
        if self.ws_state == "open" and self.learner.status != "local":
            return "join"
        if self.learner.status in ("local", "hub"):  # signed in already: no code to keep
            return "local"
        return "returning" if self.learner.status == "code" else "new"

    # -- the four situations ---------------------------------------------------------------------
    def _workshop_line(self) -> str:
        kind = {"closed": "warn", "unknown": "warn", "joined": "ok"}.get(self.ws_state)
        if kind is None:
            return ""
        return para(ui.t(f"start.workshop.{self.ws_state}"), f"course-notice course-notice-{kind}")

    def _build_new(self) -> list[W.Widget]:
        bad = ""
        if self.learner.status == "invalid":
            bad = para(
                ui.t("learner.why.invalid_code", example=identity.EXAMPLE),
                "course-notice course-notice-warn",
            )
        first = content.load().outline.pages[1]
        href = page_href(first, {**self.params, "code": self.code})
        head = W.HTML(
            f"<h2>{escape(ui.t('start.title.new'))}</h2>{bad}{self._workshop_line()}"
            f"{para(ui.t('start.new.code_intro'))}{_code_line(self.code)}"
            f"{para(ui.t('start.new.code_keep'))}"
            f"<p>{link_button(href, ui.t('start.new.button'))}</p>"
        )
        head.add_class("course-start-new")
        return [head, *self._other_code_widgets()]

    def _other_code_widgets(self) -> list[W.Widget]:
        self.w_code = W.Text(
            placeholder=identity.EXAMPLE,
            description=ui.t("start.other.label"),
            style={"description_width": "initial"},
            continuous_update=False,  # see entry.join_controls
        )
        self.w_code.add_class("course-code-input")
        self.w_continue = ui.button("start.other.button", "primary")
        self.w_continue.on_click(lambda _b: self.continue_with_code())
        other = W.HTML(
            f"<h3>{escape(ui.t('start.other.title'))}</h3>"
            f"{para(ui.t('start.other.hint'), 'course-hint')}"
        )
        return [other, enter_form(self.w_code, self.w_continue), self.w_status]

    def _build_returning(self) -> list[W.Widget]:
        nxt = next_page(self.learner)
        params = dict(self.params)
        if self.learner.status == "code":
            params["code"] = self.learner.code
        href = page_href(nxt, params)
        if self.learner.status in ("hub", "local"):
            who = para(ui.t(f"start.{self.learner.status}.intro"))
        else:
            who = f"{para(ui.t('start.returning.code_intro'))}{_code_line(self.learner.code)}"
        head = W.HTML(
            f"<h2>{escape(ui.t('start.title.returning'))}</h2>{self._workshop_line()}{who}"
            f"<p>{link_button(href, ui.t('start.returning.button', title=nxt.title))}</p>"
        )
        head.add_class("course-start-returning")
        self.w_overview = W.HTML(self._overview_html())
        return [head, self.learner.status_widget(), self.w_overview]

    def _overview_html(self) -> str:
        from .quizzes.progress import overview_table

        return overview_table(self.learner.docs("quiz")) if self.learner.store else ""

    def _build_join(self) -> list[W.Widget]:
        self.w_name, self.w_join, self.w_group = join_controls(self.learner, self.join)
        self.w_after = W.HTML("")
        head = W.HTML(
            f"<h2>{escape(ui.t('start.title.join'))}</h2>"
            f"<p>{escape(ui.t('start.join.intro'))} "
            f"<strong>{escape(self.learner.workshop_name())}</strong>.</p>"
            f"{para(ui.t('start.join.name_hint'), 'course-hint')}"
        )
        head.add_class("course-start-join")
        shared = W.HTML(para(ui.t("workshop.join.what_shared"), "course-hint"))
        form = [self.w_group] if self.w_group else []
        return [
            head,
            *form,
            enter_form(self.w_name, self.w_join),
            self.w_status,
            self.w_after,
            shared,
        ]

    # -- actions ---------------------------------------------------------------------------------
    def _say(self, text: str, kind: str) -> None:
        self.w_status.value = ui.status_html(kind, text)

    def continue_with_code(self) -> str | None:
        """Check the typed code; on success open the part to continue with (or say what is wrong)."""
        try:
            code = identity.parse_code(self.w_code.value)
        except ValueError:
            return self._open_workshop(self.w_code.value)
        nxt = next_page(self.learner.other(code))
        href = page_href(nxt, {**self.params, "code": code})
        button = link_button(href, ui.t("start.returning.button", title=nxt.title), goto=True)
        self.w_status.value = ui.status_html(
            "ok", ui.t("start.other.opening", title=nxt.title)
        ) + ui.Markup("<p>{}</p>").format(ui.Markup(button))
        return code

    def _open_workshop(self, typed: str) -> None:
        """A workshop code typed in the code box: open its join step (or say what is wrong)."""
        from .workshop import model

        ws = model.normalise_code(typed)
        if not model.CODE_RE.match(ws):
            example = identity.EXAMPLE
            self._say(ui.t("start.other.bad", example=example, ws_example=example[:9]), "error")
            return None
        home = content.load().home
        href = page_href(home, {**self.params, "workshop": ws})
        self.w_status.value = ui.status_html("ok", ui.t("start.other.workshop")) + ui.Markup(
            "<p>" + link_button(href, ui.t("start.title.join"), goto=True) + "</p>"
        )
        return None

    def join(self) -> bool:
        """Join the workshop of the address with the typed display name; then lead into part 1."""
        from .workshop import model

        try:
            group = self.w_group.value if self.w_group else None
            ws_name = self.learner.join(self.w_name.value, group or None, code=self.code)
        except (model.WorkshopError, StoreError) as exc:
            self._say(str(exc), "error")
            return False
        for w in (self.w_join, self.w_name, self.w_group):
            if w is not None:
                w.disabled = True
        who = model.clean_display_name(self.w_name.value) or ui.t("workshop.join.anonymous")
        self._say(ui.t("workshop.join.joined", name=ws_name, who=who), "ok")
        # the form has done its job: what to do next takes its place, on the first screen
        self.children = [self.children[0], self.w_status, self.w_after, self.children[-1]]
        self.w_after.value = self._after_join_html(model.normalise_code(self.learner.workshop))
        return True

    def _after_join_html(self, workshop: str) -> str:
        params = {**self.params, "code": self.code, "workshop": workshop}
        if self.learner.status == "hub":  # signed in by the hub: no code in links or on screen
            params.pop("code")
            saved = para(ui.t("start.hub.intro"))
        else:
            saved = (
                f"{para(ui.t('start.join.code_intro'))}{_code_line(self.code)}"
                f"{para(ui.t('start.new.code_keep'))}"
            )
        first = content.load().outline.pages[1]
        return f"{saved}<p>{link_button(page_href(first, params), ui.t('start.new.button'))}</p>"
