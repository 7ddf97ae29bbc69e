"""Getting into the course: the pieces the start panel (:mod:`widgets.start_panel`), "My data"
(:mod:`widgets.data_panel`) and the notices at the top of every page (:mod:`widgets.page_notices`)
share: link buttons, the join form, and where a learner goes next.

A kernel cannot move the browser to another page, so a successful action shows a link with the
class ``course-goto``: the course template's script follows it at once (and a person can click
it if scripts are off). Links only ever name a course page with the course's own parameters.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from . import content, session, ui
from .learner import Learner


def para(text: str, cls: str = "") -> str:
    """A paragraph of escaped text, with a class if given."""
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


def group_picker(learner: Learner) -> W.Dropdown | None:
    """A menu of the workshop's groups, when the trainer made some (None otherwise)."""
    groups = learner.groups()
    if not groups:
        return None
    return W.Dropdown(
        options=[(ui.t("start.join.group_none"), "")] + [(g["name"], g["id"]) for g in groups],
        value="",
        description=ui.t("start.join.group"),
        style={"description_width": "initial"},
    )


def join_controls(learner: Learner, on_join) -> tuple:
    """The display name box, the join button (calling ``on_join``) and the group menu (or None)."""
    # continuous_update=False: the name is sent once, when the box loses focus or Enter is
    # pressed, so it reaches the kernel before the button's click (keystrokes sent one by one
    # can be held back behind each other and arrive after it)
    name = W.Text(
        description=ui.t("start.join.name"),
        placeholder=ui.t("start.join.name_placeholder"),
        style={"description_width": "initial"},
        continuous_update=False,
    )
    button = ui.button("start.join.button", "primary")
    button.on_click(lambda _b: on_join())
    return name, button, group_picker(learner)


def enter_form(*children: W.Widget) -> W.Box:
    """A row of a text box and its button: pressing Enter in the box presses the button."""
    box = W.HBox(list(children))
    box.add_class("course-enter-form")
    return box


def next_page(learner: Learner) -> content.Page:
    """The first part whose quiz is not complete (the first part if nothing is known)."""
    pages = content.load().outline.pages[1:]
    if not learner.saves:
        return pages[0]
    quizzes = learner.docs("quiz")
    if not quizzes and not learner.answers():
        return pages[0]
    done = {k for k, doc in quizzes.items() if (doc or {}).get("complete")}
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
