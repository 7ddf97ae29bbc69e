"""Course navigation: where the learner is, and previous / home / next links.

Links are relative (``02_why_coalitions.ipynb``) so they work in JupyterLab and in Voila's tree
mode, and in Voila they carry the learner code and theme from the page's address. In Voila the bar
also offers the other theme (a link to the same page with ``?theme=dark`` or ``light``).

A page shows the bar twice, at the top and at the end; each is a ``<nav>`` landmark with its own
label (screen readers list landmarks by label), the first bar built in a kernel being the top one.
"""

from __future__ import annotations

import itertools
from html import escape

import ipywidgets as W

from . import content, session, ui


def neighbours(page_id: str) -> tuple[content.Page | None, content.Page, content.Page | None]:
    """The previous page, the page itself and the next page in the outline."""
    pages = content.load().outline.pages
    ids = [p.id for p in pages]
    i = ids.index(page_id)
    return (pages[i - 1] if i > 0 else None, pages[i], pages[i + 1] if i + 1 < len(pages) else None)


def _link(
    p: content.Page, label: str, rel: str, params: dict, title: str = "", after: str = ""
) -> str:
    """A link of the bar; with ``title``, the page's title (hidden on a phone by the CSS, where
    "Next →" alone keeps the bar short)."""
    href = escape(session.with_query(p.notebook, params), quote=True)
    shown = f'<span class="course-nav-{rel}-title">: {escape(title)}</span>' if title else ""
    return (
        f'<a class="course-nav-{rel}" rel="{rel}" href="{href}" target="_self">'
        f"{escape(label)}{shown}{escape(after)}</a>"
    )


def nav_html(
    page_id: str,
    params: dict[str, str] | None = None,
    *,
    end: bool = False,
    theme_switch: bool = False,
) -> str:
    """The navigation bar's HTML for a page (pure function, for tests and the view).

    ``params`` are the carried query parameters (default: the page's own); ``end`` labels the bar
    at the end of the page; ``theme_switch`` adds a link to the same page in the other theme.
    """
    params = session.query_params() if params is None else params
    course = content.load()
    prev, page, nxt = neighbours(page_id)
    pages = course.outline.pages
    home = pages[0]
    t = ui.t

    index = pages.index(page) + 1
    where = t("nav.where", index=index, total=len(pages))
    switch = ""
    if theme_switch:
        other = "light" if params.get("theme") == "dark" else "dark"
        href = escape(session.with_query(page.notebook, {**params, "theme": other}), quote=True)
        switch = (
            f'<a class="course-nav-theme" href="{href}" target="_self">'
            f"{escape(t('nav.theme_' + other))}</a>"
        )
    progress = (
        f'<progress class="course-nav-progress" max="{len(pages)}" value="{index}" '
        f'aria-label="{escape(t("nav.progress"), quote=True)}"></progress>'
    )
    parts = [
        _link(home, f"⌂ {t('nav.home')}", "home", params) if page is not home else "",
        _link(prev, f"← {t('nav.previous')}", "prev", params, prev.title) if prev else "",
        f'<span class="course-nav-where" aria-current="page">{escape(where)}: '
        f"<strong>{escape(page.title)}</strong></span>",
        progress,
        _link(nxt, t("nav.next"), "next", params, nxt.title, " →") if nxt else "",
        switch,
    ]
    label = t("nav.label_end") if end else t("nav.label")
    return (
        f'<nav class="course-nav" aria-label="{escape(label, quote=True)}">'
        + " ".join(p for p in parts if p)
        + "</nav>"
    )


_built = itertools.count()


class NavBar(W.VBox):
    """The navigation bar of one page (built from the outline), and at the top of the page, in
    the web app, the notices a learner must see first (:class:`widgets.page_notices.PageNotices`).

    ``end`` marks the bar at the end of the page; by default the first bar built in this kernel
    is the top one and any later one the end one (each Voila page is its own kernel).
    """

    def __init__(self, page_id: str, end: bool | None = None, **kwargs):
        built_before = next(_built)
        end = built_before > 0 if end is None else end
        self.w_nav = W.HTML(nav_html(page_id, end=end, theme_switch=session.in_voila()))
        children: list[W.Widget] = [self.w_nav]
        if not end and session.in_voila():
            from .page_notices import PageNotices

            children.append(PageNotices(page_id))
        super().__init__(children, **kwargs)
        self.page_id = page_id
        self.end = end
        self.add_class("course-nav-bar")
        self.add_class("course-nav-end" if end else "course-nav-top")
