"""The small pieces every view shares: interface text, buttons, status lines and HTML tables.

``t`` and ``tn`` are the only way code gets words to show: the key is looked up in
``course_data/strings/<language>.yaml`` (see :mod:`widgets.content`). HTML built here is
escaped by construction (``markupsafe``): text is escaped unless it is already ``Markup``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import Markup, escape

__all__ = ["Markup", "button", "escape", "html_table", "status", "t", "tn"]


def t(key: str, **values: Any) -> str:
    """The interface text of ``key`` in the course's language, with ``{name}`` filled in."""
    from . import content

    return content.load().text(key, **values)


def tn(key: str, n: int, **values: Any) -> str:
    """A text that depends on a number (``{n}`` is filled in): ``key`` holds plural forms."""
    from . import content

    return content.load().plural(key, n, **values)


def button(key: str, style: str = "", *, tooltip: str | None = None, icon: str = ""):
    """A button labelled with the text of ``key``: ``style`` is "primary", "danger" or ""."""
    import ipywidgets as W

    label = t(key)
    b = W.Button(description=label, tooltip=tooltip or label, button_style=style, icon=icon)
    b.layout.width = "auto"
    return b


#: The kinds of status line, and the mark each starts with (readable without colour).
STATUS_MARK = {"ok": "✓", "info": "ℹ", "warning": "⚠", "error": "✗", "busy": "…"}


def status_html(kind: str, text: str) -> Markup:
    """A status line as HTML: a mark and the text, in a live region screen readers announce."""
    if kind not in STATUS_MARK:
        raise ValueError(f"unknown status kind {kind!r}")
    role = "alert" if kind == "error" else "status"
    return Markup('<p class="course-status course-status-{}" role="{}">{} {}</p>').format(
        kind, role, STATUS_MARK[kind], text
    )


def status(kind: str = "info", text: str = ""):
    """A status line widget; set it again with ``w.value = status_html(kind, text)``."""
    import ipywidgets as W

    return W.HTML(status_html(kind, text) if text else "")


def html_table(
    caption: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    css: str = "",
    *,
    row_headers: bool = False,
) -> Markup:
    """A captioned HTML table; cells are escaped unless they are ``Markup`` (e.g. a link).

    ``row_headers`` makes each row's first cell a row header (``<th scope="row">``).
    """
    head = Markup("").join(Markup('<th scope="col">{}</th>').format(h) for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            tag = "th" if row_headers and i == 0 else "td"
            scope = Markup(' scope="row"') if tag == "th" else Markup("")
            cells.append(Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), scope, value))
        body.append(Markup("<tr>{}</tr>").format(Markup("").join(cells)))
    classes = " ".join(x for x in ("course-table", css) if x)
    return Markup(
        '<table class="{}"><caption>{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table>'
    ).format(classes, caption, head, Markup("").join(body))


def country_name(code: str) -> str:
    """A country's name from its ISO 3166 alpha-2 code, in the course's language (``""`` for
    none; an unknown code is shown as it is). Names come from ``pycountry`` and its
    translations; the pseudo-language wraps the English name."""
    if not code:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    return _translate_country(found.name) if found else code


def countries() -> list[tuple[str, str]]:
    """Every country as (name in the course's language, alpha-2 code), sorted by name."""
    import pycountry

    return sorted((_translate_country(c.name), c.alpha_2) for c in pycountry.countries)


def _translate_country(name: str) -> str:
    from . import content
    from .content import pseudo

    language = content.language()
    if language == "en":
        return name
    if language == "pseudo":
        return pseudo.text(name)
    return _country_catalogue(language).gettext(name)


def _country_catalogue(language: str):
    import gettext

    import pycountry

    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
