"""Course navigation: where the learner is, and previous / home / next links.

Links are relative (``02_why_coalitions.ipynb``) so they work in JupyterLab and in Voila's tree
mode, and in Voila they carry the learner code and theme from the page's address.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from . import content, session


def neighbours(page_id: str) -> tuple[content.Page | None, content.Page, content.Page | None]:
    """The previous page, the page itself and the next page in the outline."""
    pages = content.load().outline.pages
    ids = [p.id for p in pages]
    i = ids.index(page_id)
    return (pages[i - 1] if i > 0 else None, pages[i], pages[i + 1] if i + 1 < len(pages) else None)


def nav_html(page_id: str, params: dict[str, str] | None = None) -> str:
    """The navigation bar's HTML for a page (pure function, for tests and the view)."""
    course = content.load()
    prev, page, nxt = neighbours(page_id)
    pages = course.outline.pages
    home = pages[0]
    t = course.text

    def link(p: content.Page, label: str, rel: str) -> str:
        href = escape(session.with_query(p.notebook, params), quote=True)
        return (
            f'<a class="course-nav-{rel}" rel="{rel}" href="{href}" target="_self">'
            f"{escape(label)}</a>"
        )

    where = t("nav.where", index=pages.index(page) + 1, total=len(pages))
    parts = [
        link(home, f"⌂ {t('nav.home')}", "home") if page is not home else "",
        link(prev, f"← {t('nav.previous')}: {prev.title}", "prev") if prev else "",
        f'<span class="course-nav-where" aria-current="page">{escape(where)}: '
        f"<strong>{escape(page.title)}</strong></span>",
        link(nxt, f"{t('nav.next')}: {nxt.title} →", "next") if nxt else "",
    ]
    return (
        f'<nav class="course-nav" aria-label="{escape(t("nav.label"))}">'
        + " ".join(p for p in parts if p)
        + "</nav>"
    )


class NavBar(W.HTML):
    """The navigation bar of one page (an HTML widget built from the outline)."""

    def __init__(self, page_id: str, **kwargs):
        super().__init__(value=nav_html(page_id), **kwargs)
        self.page_id = page_id
        self.add_class("course-nav-bar")
