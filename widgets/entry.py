"""Getting into the course: the home page's start panel, "My data", and the notices at the top
of every page.

The start panel shows one thing at a time, by the page's situation:

- ``join``: the address carries a workshop code (``?workshop=``) the learner has not joined yet:
  the join step comes first (a display name or none, one button), then the way into part 1;
- ``returning``: the address carries a learner code: "welcome back", the progress, and one
  button that continues where the learner stopped;
- ``new``: no code yet: the new code, one button that opens part 1 with it, and a box to type a
  code from another device (Enter continues);
- ``local``: JupyterLab, where the user account is the learner: progress and the next part.

A kernel cannot move the browser to another page, so a successful action shows a link with the
class ``course-goto``: the course template's script follows it at once (and a person can click
it if scripts are off). Links only ever name a course page with the course's own parameters.
"""

from __future__ import annotations

import json
from html import escape

import ipywidgets as W

from . import content, identity, session
from .store import Store, StoreError, open_store


def _t(key: str, **values: object) -> str:
    return content.load().text(key, **values)


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{escape(text)}</p>"


def link_button(href: str, label: str, *, primary: bool = True, goto: bool = False) -> str:
    """An ``<a>`` that looks like a button; ``goto`` makes the page follow it at once."""
    classes = ["course-button", "course-button-primary" if primary else "course-button-secondary"]
    extra = ""
    if goto:
        classes.append("course-goto")
        extra = f' data-href="{escape(href, quote=True)}"'
    return (
        f'<a class="{" ".join(classes)}" href="{escape(href, quote=True)}"{extra} '
        f'target="_self">{escape(label)}</a>'
    )


def group_picker(store: Store | None, workshop: str | None) -> W.Dropdown | None:
    """A menu of the workshop's groups, when the trainer made some (None otherwise)."""
    if store is None or not workshop:
        return None
    from .workshop import model

    try:
        groups = model.groups(store, workshop)
    except StoreError:
        return None
    if not groups:
        return None
    return W.Dropdown(
        options=[(_t("start.join.group_none"), "")] + [(g["name"], g["id"]) for g in groups],
        value="",
        description=_t("start.join.group"),
        style={"description_width": "initial"},
    )


def join_controls(store: Store | None, workshop: str | None, on_join) -> tuple:
    """The display name box, the join button (calling ``on_join``) and the group menu (or None)."""
    # continuous_update=False: the name is sent once, when the box loses focus or Enter is
    # pressed, so it reaches the kernel before the button's click (keystrokes sent one by one
    # can be held back behind each other and arrive after it)
    name = W.Text(
        description=_t("start.join.name"),
        placeholder=_t("start.join.name_placeholder"),
        style={"description_width": "initial"},
        continuous_update=False,
    )
    button = W.Button(description=_t("start.join.button"), button_style="primary")
    button.on_click(lambda _b: on_join())
    return name, button, group_picker(store, workshop)


def enter_form(*children: W.Widget) -> W.Box:
    """A row of a text box and its button: pressing Enter in the box presses the button."""
    box = W.HBox(list(children))
    box.add_class("course-enter-form")
    return box


def public_where(store: Store) -> str:
    """Where the learner's data is kept, as the learner may be told.

    In JupyterLab the learner runs the course on their own account: the file's path helps them.
    In the web app the path is the server's business: learners are told it is on the server.
    """
    if store.url.endswith(":memory:"):
        return _t("data.where.memory")
    return store.where if not session.in_voila() else _t("data.where.server")


def public_problem(store: Store) -> str:
    """The store's problem (if any), without the server's file path in the web app."""
    problem = store.problem or ""
    return problem.replace(store.where, _t("data.where.server")) if session.in_voila() else problem


# -- where to go next ------------------------------------------------------------------------------
def next_page(store: Store | None, code: str | None) -> content.Page:
    """The first part whose quiz is not complete (the first part if nothing is known)."""
    course = content.load()
    pages = course.outline.pages[1:]
    if store is None or not code:
        return pages[0]
    try:
        done = {k for k, doc in store.docs(code, "quiz").items() if (doc or {}).get("complete")}
        started = bool(store.docs(code, "quiz")) or bool(store.answers(code))
    except StoreError:
        return pages[0]
    if not started:
        return pages[0]
    from .quizzes import bank as _bank

    bank = _bank.load()
    quiz_pages = [p for p in pages if p.id in bank.sections or p.id == bank.check.page]
    for p in quiz_pages:
        if p.id not in done:
            return p
    return next((p for p in pages if p.kind == "worksheet"), pages[-1])


def page_href(page: content.Page, params: dict[str, str]) -> str:
    """A course page's address with the carried parameters."""
    return session.with_query(page.notebook, params)


# -- the start panel -------------------------------------------------------------------------------
class StartPanel(W.VBox):
    """The home page's way into the course (see the module doc)."""

    def __init__(
        self,
        learner: identity.Learner | None = None,
        store: Store | None = None,
        params: dict[str, str] | None = None,
    ):
        super().__init__()
        self.add_class("course-start")
        self.params = dict(session.query_params() if params is None else params)
        self.learner = learner or identity.current()
        self.store = store if store is not None else self._open_store()
        self.code = self.learner.code or identity.page_code()
        self.workshop = self.params.get("workshop")
        self.w_status = W.HTML("")
        self.w_status.add_class("course-live")
        self.state = self._state()
        build = {
            "join": self._build_join,
            "returning": self._build_returning,
            "local": self._build_returning,
            "new": self._build_new,
        }[self.state]
        self.children = build()

    def _open_store(self) -> Store | None:
        try:
            return open_store(fallback=True)
        except StoreError:  # pragma: no cover - open_store falls back to memory itself
            return None

    def _workshop_state(self) -> str:
        if not self.workshop or self.store is None:
            return "none"
        from .workshop import model

        try:
            state = model.workshop_state(self.store, self.workshop)
            if state == "open" and self.learner.code:
                if model.membership(self.store, self.workshop, self.learner.code):
                    return "joined"
        except StoreError:
            return "none"
        return state

    def _state(self) -> str:
        self.ws_state = self._workshop_state()
        if self.ws_state == "open" and self.learner.status != "local":
            return "join"
        if self.learner.status in ("local", "hub"):  # signed in already: no code to keep
            return "local"
        return "returning" if self.learner.status == "code" else "new"

    # -- the four situations ---------------------------------------------------------------------
    def _workshop_line(self) -> str:
        if self.ws_state == "closed":
            return _p(_t("start.workshop.closed"), "course-notice course-notice-warn")
        if self.ws_state == "unknown":
            return _p(_t("start.workshop.unknown"), "course-notice course-notice-warn")
        if self.ws_state == "joined":
            return _p(_t("start.workshop.joined"), "course-notice course-notice-ok")
        return ""

    def _build_new(self) -> list[W.Widget]:
        bad = ""
        if self.learner.status == "invalid":
            bad = _p(
                _t("quiz.bad_code", example=identity.EXAMPLE), "course-notice course-notice-warn"
            )
        first = content.load().outline.pages[1]
        href = page_href(first, {**self.params, "code": self.code})
        head = W.HTML(
            f"<h2>{escape(_t('start.title.new'))}</h2>{bad}{self._workshop_line()}"
            f"{_p(_t('start.new.code_intro'))}"
            f'<p class="course-code-line"><span class="course-code">{escape(self.code)}</span></p>'
            f"{_p(_t('start.new.code_keep'))}"
            f"<p>{link_button(href, _t('start.new.button'))}</p>"
        )
        head.add_class("course-start-new")
        return [head, *self._other_code_widgets()]

    def _other_code_widgets(self) -> list[W.Widget]:
        self.w_code = W.Text(
            placeholder=identity.EXAMPLE,
            description=_t("start.other.label"),
            style={"description_width": "initial"},
            continuous_update=False,  # see join_controls
        )
        self.w_code.add_class("course-code-input")
        self.w_continue = W.Button(description=_t("start.other.button"), button_style="primary")
        self.w_continue.on_click(lambda _b: self.continue_with_code())
        other = W.HTML(
            f"<h3>{escape(_t('start.other.title'))}</h3>{_p(_t('start.other.hint'), 'course-hint')}"
        )
        return [other, enter_form(self.w_code, self.w_continue), self.w_status]

    def _build_returning(self) -> list[W.Widget]:
        nxt = next_page(self.store, self.learner.code)
        params = dict(self.params)
        if self.learner.status == "code":
            params["code"] = self.learner.code
        href = page_href(nxt, params)
        if self.learner.status == "hub":
            who = _p(_t("start.hub.intro"))
        elif self.learner.status == "local":
            who = _p(_t("start.local.intro"))
        else:
            who = (
                f"{_p(_t('start.returning.code_intro'))}"
                f'<p class="course-code-line"><span class="course-code">'
                f"{escape(self.learner.code)}</span></p>"
            )
        problem = ""
        if self.store is not None and self.store.problem:
            problem = _p(public_problem(self.store), "course-notice course-notice-warn")
        head = W.HTML(
            f"<h2>{escape(_t('start.title.returning'))}</h2>{self._workshop_line()}{problem}{who}"
            f"<p>{link_button(href, _t('start.returning.button', title=nxt.title))}</p>"
        )
        head.add_class("course-start-returning")
        self.w_overview = W.HTML(self._overview_html())
        return [head, self.w_overview]

    def _overview_html(self) -> str:
        if self.store is None or not self.learner.code:
            return ""
        from .quizzes.progress import overview_table

        try:
            return overview_table(self.store, self.learner.code)
        except StoreError as exc:
            return _p(str(exc), "course-notice course-notice-warn")

    def _build_join(self) -> list[W.Widget]:
        from .workshop import model

        ws = self.store.workshop(model.normalise_code(self.workshop)) if self.store else None
        name = ws["name"] if ws else self.workshop
        self.w_name, self.w_join, self.w_group = join_controls(self.store, self.workshop, self.join)
        self.w_after = W.HTML("")
        head = W.HTML(
            f"<h2>{escape(_t('start.title.join'))}</h2>"
            f"<p>{escape(_t('start.join.intro'))} <strong>{escape(name)}</strong>.</p>"
            f"{_p(_t('start.join.name_hint'), 'course-hint')}"
        )
        head.add_class("course-start-join")
        shared = W.HTML(_p(_t("workshop.join.what_shared"), "course-hint"))
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
        self.w_status.value = _p(text, f"course-msg course-msg-{kind}")

    def continue_with_code(self) -> str | None:
        """Check the typed code; on success open the part to continue with (or say what is wrong)."""
        try:
            code = identity.parse_code(self.w_code.value)
        except ValueError:
            return self._open_workshop(self.w_code.value)
        nxt = next_page(self.store, code)
        href = page_href(nxt, {**self.params, "code": code})
        self.w_status.value = (
            _p(_t("start.other.opening", title=nxt.title), "course-msg course-msg-ok")
            + f"<p>{link_button(href, _t('start.returning.button', title=nxt.title), goto=True)}</p>"
        )
        return code

    def _open_workshop(self, typed: str) -> None:
        """A workshop code typed in the code box: open its join step (or say what is wrong)."""
        from .workshop import model

        ws = model.normalise_code(typed)
        if not model.CODE_RE.match(ws):
            self._say(
                _t("start.other.bad", example=identity.EXAMPLE, ws_example=identity.EXAMPLE[:9]),
                "error",
            )
            return None
        home = content.load().outline.pages[0]
        href = page_href(home, {**self.params, "workshop": ws})
        self.w_status.value = _p(_t("start.other.workshop"), "course-msg course-msg-ok") + (
            f"<p>{link_button(href, _t('start.title.join'), goto=True)}</p>"
        )
        return None

    def join(self) -> bool:
        """Join the workshop of the address with the typed display name; then lead into part 1."""
        from .workshop import model

        try:
            group = self.w_group.value if self.w_group else None
            ws_name = model.join(
                self.store, self.workshop, self.code, self.w_name.value, group=group or None
            )
        except model.WorkshopError as exc:
            self._say(str(exc), "error")
            return False
        except StoreError as exc:
            self._say(str(exc), "error")
            return False
        who = model.clean_display_name(self.w_name.value) or _t("workshop.join.anonymous")
        params = {**self.params, "code": self.code, "workshop": model.normalise_code(self.workshop)}
        if self.learner.status == "hub":  # signed in by the hub: no code in links or on screen
            params.pop("code")
        first = content.load().outline.pages[1]
        self.w_join.disabled = True
        self.w_name.disabled = True
        if self.w_group:
            self.w_group.disabled = True
        self._say(_t("workshop.join.joined", name=ws_name, who=who), "ok")
        # the form has done its job: what to do next takes its place, on the first screen
        self.children = [self.children[0], self.w_status, self.w_after, self.children[-1]]
        saved = (
            _p(_t("start.hub.intro"))
            if self.learner.status == "hub"
            else f"{_p(_t('start.join.code_intro'))}"
            f'<p class="course-code-line"><span class="course-code">{escape(self.code)}</span></p>'
            f"{_p(_t('start.new.code_keep'))}"
        )
        self.w_after.value = (
            f"{saved}<p>{link_button(page_href(first, params), _t('start.new.button'))}</p>"
        )
        return True


# -- My data -----------------------------------------------------------------------------------------
class MyData(W.VBox):
    """What is kept about the learner, where, and how to download or delete it."""

    def __init__(self, learner: identity.Learner | None = None, store: Store | None = None):
        super().__init__()
        self.add_class("course-mydata")
        self.learner = learner or identity.current()
        self.store = (
            store
            if store is not None
            else (open_store(fallback=True) if self.learner.saves else None)
        )
        self._pending: str | None = None
        self.w_message = W.HTML("")
        self.w_message.add_class("course-live")
        intro = W.HTML(
            f'<h2 id="my-data">{escape(_t("data.title"))}</h2>{_p(_t("data.what"))}'
            f"{_p(self._where_text())}"
        )
        if not self.store:
            self.children = [intro]
            return
        self.w_export = W.HTML(self._export_html())
        self.w_reset = W.Button(description=_t("progress.reset"))
        self.w_reset.on_click(lambda _b: self.ask("reset"))
        self.w_delete = W.Button(description=_t("progress.delete"), button_style="danger")
        self.w_delete.on_click(lambda _b: self.ask("delete"))
        self.w_yes = W.Button(description=_t("progress.confirm.yes"), button_style="danger")
        self.w_yes.on_click(lambda _b: self.confirm())
        self.w_no = W.Button(description=_t("progress.confirm.no"))
        self.w_no.on_click(lambda _b: self.cancel())
        self.w_confirm = W.HBox([self.w_yes, self.w_no], layout=W.Layout(display="none"))
        self.children = [
            intro,
            self.w_export,
            W.HBox([self.w_reset, self.w_delete]),
            self.w_message,
            self.w_confirm,
        ]

    def _where_text(self) -> str:
        if not self.store:
            return _t("data.where.nothing")
        return _t("data.where", where=public_where(self.store))

    def _export_html(self) -> str:
        import base64

        try:
            data = self.store.export_learner(self.learner.code)
        except StoreError as exc:
            return _p(str(exc), "course-notice course-notice-warn")
        payload = base64.b64encode(
            json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
        ).decode("ascii")
        return (
            f'<p><a class="course-button course-button-secondary course-data-export" '
            f'download="my-course-data.json" href="data:application/json;base64,{payload}">'
            f"{escape(_t('data.export'))}</a></p>"
        )

    def ask(self, action: str) -> None:
        """Ask to confirm ``reset`` (quiz answers) or ``delete`` (everything stored)."""
        self._pending = action
        self.w_message.value = _p(_t("progress.confirm." + action), "course-msg course-msg-error")
        self.w_confirm.layout.display = "flex"

    def cancel(self) -> None:
        """Do nothing after all."""
        self._pending = None
        self.w_confirm.layout.display = "none"
        self.w_message.value = _p(_t("progress.cancelled"), "course-msg course-msg-info")

    def confirm(self) -> None:
        """Carry out the action asked for."""
        action, self._pending = self._pending, None
        self.w_confirm.layout.display = "none"
        if not action or not self.store:
            return
        try:
            if action == "reset":
                self.store.delete_answers(self.learner.code)
                self.store.delete_docs(self.learner.code, "quiz")
            else:
                self.store.delete_learner(self.learner.code)
        except StoreError as exc:
            self.w_message.value = _p(
                _t("progress.failed", problem=str(exc)), "course-msg course-msg-error"
            )
            return
        self.w_message.value = _p(_t("progress.done." + action), "course-msg course-msg-ok")
        self.w_export.value = self._export_html()


# -- notices at the top of a page ------------------------------------------------------------------
class PageNotices(W.VBox):
    """What a learner must know before reading a page: work not saved, a workshop not joined."""

    def __init__(
        self,
        page_id: str,
        learner: identity.Learner | None = None,
        store: Store | None = None,
        params: dict[str, str] | None = None,
    ):
        super().__init__()
        self.add_class("course-page-notices")
        self.page = content.load().page(page_id)
        self.params = dict(session.query_params() if params is None else params)
        self.learner = learner or identity.current()
        self._store = store
        self.w_notice = W.HTML(self._notice_html())
        self.w_status = W.HTML("")
        self.w_status.add_class("course-live")
        children: list[W.Widget] = [self.w_notice]
        if self._workshop_state() == "open":
            self.w_name, self.w_join, self.w_group = join_controls(
                self.store, self.params.get("workshop"), self.join
            )
            form = [self.w_group] if self.w_group else []
            children += [*form, enter_form(self.w_name, self.w_join), self.w_status]
        self.children = children
        if not self.w_notice.value and len(children) == 1:
            self.layout.display = "none"

    @property
    def store(self) -> Store | None:
        if self._store is None and (self.learner.saves or self.params.get("workshop")):
            self._store = open_store(fallback=True)
        return self._store

    def _workshop_state(self) -> str:
        code = self.params.get("workshop")
        if not code or self.page.kind == "home":
            return "none"
        from .workshop import model

        try:
            state = model.workshop_state(self.store, code)
            if state == "open" and self.learner.code:
                if model.membership(self.store, code, self.learner.code):
                    return "joined"
        except StoreError:
            return "none"
        return state

    def _notice_html(self) -> str:
        home = content.load().outline.pages[0]
        home_link = (
            f'<a href="{escape(session.with_query(home.notebook, self.params), quote=True)}" '
            f'target="_self">{escape(_t("notice.home_link"))}</a>'
        )
        if "(address too long)" in session.rejected_params():
            return self._box(_t("notice.too_long"), "warn", home_link)
        if self.page.kind == "home":
            return ""
        ws = self._workshop_state()
        if ws == "open":
            return self._box(_t("notice.not_joined"), "warn")
        if ws == "closed":
            return self._box(_t("start.workshop.closed"), "warn")
        if ws == "unknown":
            return self._box(_t("start.workshop.unknown"), "warn")
        saves = self.page.kind in ("lesson", "quiz", "worksheet")
        if saves and self.learner.status == "invalid":
            return self._box(_t("quiz.bad_code", example=identity.EXAMPLE), "warn", home_link)
        if saves and self.learner.status == "none":
            return self._box(_t("notice.not_saved"), "warn", home_link)
        return ""

    @staticmethod
    def _box(text: str, kind: str, link: str = "") -> str:
        return f'<div class="course-notice course-notice-{kind}" role="note"><p>{escape(text)} {link}</p></div>'

    def join(self) -> bool:
        """Join the address's workshop from this page, then reload it with the learner code."""
        from .workshop import model

        code = self.learner.code or identity.page_code()
        try:
            group = self.w_group.value if self.w_group else None
            model.join(
                self.store, self.params["workshop"], code, self.w_name.value, group=group or None
            )
        except (model.WorkshopError, StoreError) as exc:
            self.w_status.value = _p(str(exc), "course-msg course-msg-error")
            return False
        self.w_join.disabled = self.w_name.disabled = True
        self.w_notice.value = ""
        if self.learner.code:  # answers on this page already carry the workshop: nothing to redo
            self.w_status.value = _p(_t("notice.joined"), "course-msg course-msg-ok")
            return True
        # a new code: the page must be opened again with it, or its answers would not be saved
        params = {**self.params, "code": code}
        self.w_status.value = _p(_t("notice.joined_reload"), "course-msg course-msg-ok") + (
            f"<p>{link_button(page_href(self.page, params), _t('notice.reload'), goto=True)}</p>"
        )
        return True
