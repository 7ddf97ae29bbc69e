"""Static reading blocks built from ``course_data``: prose, objectives, tables, sources.

Each function returns a :class:`Block`, a display object with an HTML and a plain-text form.
Its output is deterministic, so notebooks commit it and ``pytest --nbval`` compares it. Every
word comes from the course's content or strings, in the course's language.
"""

from __future__ import annotations

import re

from . import content
from .ui import Markup, escape, html_table, t, tn


class Block:
    """A piece of rich output: ``_repr_html_`` for pages, ``__repr__`` for plain text."""

    def __init__(self, html: str, text: str):
        self.html = html
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> Block:
    text = "\n".join([caption, " | ".join(headers)] + [" | ".join(r) for r in rows])
    return Block(str(html_table(caption, headers, rows)), text)


_HEADING_TAG = re.compile(r"<h([1-6])>")


def prose(page_id: str, n: int) -> Block:
    """The ``n``-th Markdown block of a page's prose (``course_data/pages.yaml``), from 1.

    Headings get the ids Jupyter gives the English headings, so links to them work in every
    language; ``{home}`` is the home page's file.
    """
    from . import markdown

    c = content.load()
    source = c.prose[page_id][n - 1].replace("{home}", c.home.notebook)
    ids = iter(c.anchors[page_id][n - 1])
    html = markdown.html(source)
    html = _HEADING_TAG.sub(lambda m: f'<h{m.group(1)} id="{escape(next(ids, ""))}">', html)
    return Block(html, source)


def objectives(page_id: str) -> Block:
    """The learning objectives of a page, as a list under a heading."""
    page = content.load().page(page_id)
    title = t("objectives.title")
    items = Markup("").join(Markup("<li>{}</li>").format(o.text) for o in page.objectives)
    html = Markup(
        '<section class="course-objectives" aria-label="{0}"><p><strong>{0}</strong></p>'
        "<ul>{1}</ul></section>"
    ).format(title, items)
    text = title + "\n" + "\n".join(f"- {o.text}" for o in page.objectives)
    return Block(str(html), text)


def _link(url: str) -> Markup:
    return Markup('<a href="{0}" target="_blank" rel="noopener">{0}</a>').format(url)


def _source_item(s: content.Source) -> tuple[Markup, str]:
    """One source as (HTML, text): title, publisher, and its address with the date checked."""
    html, text = Markup("{}. {}.").format(s.title, s.publisher), f"{s.title}. {s.publisher}."
    if s.url:
        checked = t("reading.checked_on", date=s.checked_on.isoformat())
        html += Markup(" {} ({}).").format(_link(s.url), checked)
        text += f" {s.url} ({checked})."
    return html, text


def sources(page_id: str) -> Block:
    """The "Sources and further reading" list of a page: its sources in the outline."""
    c = content.load()
    title = t("sources.title")
    found = [_source_item(c.source(i)) for i in c.page(page_id).sources]
    items = Markup("").join(Markup("<li>{}</li>").format(h) for h, _ in found)
    html = Markup('<section class="course-sources"><h2>{}</h2><ul>{}</ul></section>')
    text = title + "\n" + "\n".join(f"- {x}" for _, x in found)
    return Block(str(html.format(title, items)), text)


def _columns(*names: str) -> list[str]:
    return [t(f"reading.col.{n}") for n in names]


def _table_rows(c: content.Course, name: str) -> tuple[list[str], list[list[str]]]:
    if name == "treaty_bodies":
        heads = _columns("acronym", "committee", "treaty", "members", "reviews", "note")
        return heads, [
            [
                tb.acronym,
                tb.name,
                tb.treaty + (f" ({tb.treaty_year})" if tb.treaty_year else ""),
                str(tb.members),
                t(f"reading.reporting.{tb.reporting}"),
                tb.note or "",
            ]
            for tb in c.treaty_bodies
        ]
    if name == "members":
        heads = _columns("committee", "full_name", "member")
        return heads, [[m.committee, c.committee(m.committee).name, m.name] for m in c.members]
    if name == "actors":
        heads = _columns("actor", "before", "after", "advice_from")
        return heads, [
            [a.name, a.before, a.after, ", ".join(c.source(i).title for i in a.advice_sources)]
            for a in c.national_actors
        ]
    if name == "partners":
        return _columns("partner"), [[p] for p in c.partners]
    if name == "grid":
        return _columns("quadrant", "actors_with"), [
            [q.label, q.rule] for q in c.mapping.grid.quadrants
        ]
    if name == "glossary":
        rows = sorted(c.glossary, key=lambda g: g.term.lower())
        return _columns("term", "meaning"), [[g.term, g.meaning] for g in rows]
    raise KeyError(f"no table named {name!r}")


def table(name: str) -> Block:
    """One of the course's reference tables: treaty_bodies, members, actors, partners, grid,
    glossary."""
    headers, rows = _table_rows(content.load(), name)
    return _table(t(f"table.{name}.caption"), headers, rows)


def contents() -> Block:
    """The table of contents: every page but the home page, with a link and its objectives."""
    c = content.load()
    items_html, items_text = [], []
    for i, p in enumerate((p for p in c.outline.pages if p.kind != "home"), 1):
        objs = Markup("").join(Markup("<li>{}</li>").format(o.text) for o in p.objectives)
        items_html.append(
            Markup('<li><a href="{}" target="_self">{}</a>{}</li>').format(
                p.notebook, p.title, Markup("<ul>{}</ul>").format(objs) if objs else ""
            )
        )
        items_text.append(f"{i}. {p.title}" + "".join(f"\n   - {o.text}" for o in p.objectives))
    title = t("contents.title")
    html = Markup('<nav class="course-contents" aria-label="{0}"><h2>{0}</h2><ol>{1}</ol></nav>')
    return Block(
        str(html.format(title, Markup("").join(items_html))), title + "\n" + "\n".join(items_text)
    )


def reasons() -> Block:
    """The reasons to coordinate, as a short list."""
    c = content.load()
    items = Markup("").join(
        Markup("<li><strong>{}.</strong> {}</li>").format(r.title, r.text) for r in c.reasons
    )
    return Block(
        str(Markup("<ul>{}</ul>").format(items)),
        "\n".join(f"- {r.title}. {r.text}" for r in c.reasons),
    )


def forms() -> Block:
    """The forms a coalition can take, one table per dimension."""
    headers = _columns("form", "form_meaning")
    blocks = [
        _table(dim.label, headers, [[o.label, o.text] for o in dim.options])
        for dim in content.load().forms
    ]
    return Block("".join(b.html for b in blocks), "\n\n".join(b.text for b in blocks))


def tbnet() -> Block:
    """What TB-Net is, its aim and its kinds of activity."""
    n = content.load().tbnet
    what = n.what[0].lower() + n.what[1:]
    count = len(n.activities)
    is_html = Markup(escape(t("reading.tbnet.is"))).format(
        name=Markup("<strong>{}</strong>").format(n.name), what=what
    )
    acts = Markup("").join(Markup("<li>{}</li>").format(a.text) for a in n.activities)
    note = Markup('<p class="course-note"><strong>{}</strong></p>')
    html = Markup(
        "<p>{}</p><p><strong>{}</strong> {}</p><p><strong>{}</strong></p><ol>{}</ol>{}"
    ).format(
        is_html,
        t("reading.tbnet.aim"),
        n.aim,
        tn("reading.tbnet.activities", count),
        acts,
        note.format(n.activity_note) if n.activity_note else "",
    )
    text = "\n".join(
        [t("reading.tbnet.is", name=n.name, what=what), f"{t('reading.tbnet.aim')} {n.aim}"]
        + [f"{i}. {a.text}" for i, a in enumerate(n.activities, 1)]
        + ([n.activity_note] if n.activity_note else [])
    )
    return Block(str(html), text)


def denmark() -> Block:
    """The Denmark example of NGO-NHRI cooperation."""
    d = content.load().denmark_example
    when = t("reading.denmark.when_text", committee=d.committee, year=d.year, country=d.country)
    rows = [
        (t("reading.denmark.who"), d.nhri),
        (t("reading.denmark.when"), when),
        (t("reading.denmark.what"), d.what),
        (t("reading.denmark.why"), d.aim),
        (t("reading.denmark.also"), d.who_else),
        (t("reading.denmark.result"), d.result),
    ]
    items = Markup("").join(Markup("<dt>{}</dt><dd>{}</dd>").format(k, v) for k, v in rows)
    html = Markup('<dl class="course-example">{}</dl>').format(items)
    return Block(str(html), "\n".join(f"{k}: {v}" for k, v in rows))


def glossary() -> Block:
    """The glossary folded away: a disclosure that opens on the course's words and acronyms."""
    inner = table("glossary")
    summary = t("glossary.summary")
    html = Markup('<details class="course-glossary"><summary>{}</summary>{}</details>')
    return Block(str(html.format(summary, Markup(inner.html))), f"{summary}\n{inner.text}")


def _member(c: content.Course, m: content.Member) -> tuple[Markup, str]:
    tb = c.committee(m.committee)
    links = [c.source(i) for i in m.sources if c.source(i).url and i != "seed"]
    examples = Markup("").join(Markup("<li>{}</li>").format(e) for e in m.examples)
    website = Markup("<p><strong>{}:</strong>{}</p>").format(
        t("reading.website"), Markup("").join(Markup(" ") + _link(s.url) for s in links)
    )
    html = Markup(
        '<section class="course-member" aria-label="{}"><h3>{} ({}): {}</h3>'
        "<p><strong>{}:</strong> {}</p><p><strong>{}:</strong></p><ul>{}</ul>{}</section>"
    ).format(
        m.name,
        tb.name,
        tb.acronym,
        m.name,
        t("explorer.offers"),
        m.support,
        t("explorer.examples"),
        examples,
        website if links else "",
    )
    text = (
        f"{tb.name} ({tb.acronym}): {m.name}\n{t('explorer.offers')}: {m.support}\n"
        + "\n".join(f"- {e}" for e in m.examples)
        + "".join(f"\n{t('reading.website')}: {s.url}" for s in links)
    )
    return html, text


def members() -> Block:
    """Every TB-Net member with its committee, what it offers and its examples (static)."""
    c = content.load()
    found = [_member(c, m) for m in c.members]
    html = Markup('<div class="course-members">{}</div>').format(
        Markup("").join(h for h, _ in found)
    )
    return Block(str(html), "\n\n".join(x for _, x in found))


def _box(kind: str, title: str, body_html: Markup, body_text: str) -> Block:
    html = Markup(
        '<aside class="course-box course-{}" aria-label="{}"><p><strong>{}</strong></p>{}</aside>'
    ).format(kind, title, title, body_html)
    return Block(str(html), f"{title}\n{body_text}")


def _bullets(points: tuple[str, ...]) -> tuple[Markup, str]:
    items = Markup("").join(Markup("<li>{}</li>").format(p) for p in points)
    return Markup("<ul>{}</ul>").format(items), "\n".join(f"- {p}" for p in points)


def key_points(page_id: str) -> Block:
    """The short "Key points" box at the end of a lesson (from the outline)."""
    return _box(
        "key-points", t("reading.key_points"), *_bullets(content.load().page(page_id).key_points)
    )


def where_next(page_id: str) -> Block:
    """The "Where next" pointer to the next sections of the source module (from the outline)."""
    text = content.load().page(page_id).where_next or ""
    return _box("where-next", t("reading.where_next"), Markup("<p>{}</p>").format(text), text)


def safety() -> Block:
    """The safety box on intimidation and reprisals (for the parts about sending information)."""
    s = content.load().safety
    return _box("safety", "\u26a0 " + s.title, *_bullets(s.points))


def terms(*names: str) -> Block:
    """Glossary terms explained in place: one disclosure (``<details>``) per term.

    ``names`` are the English terms (the same in every language's notebook). A native
    ``<details>``/``<summary>`` opens with Enter or Space and is announced as a button that
    expands, so it works with a keyboard and a screen reader (unlike ``title``).
    """
    c = content.load()
    html, text = [], []
    for name in names:
        g = c.term(name)
        html.append(
            Markup('<details class="course-term"><summary>{}</summary><p>{}</p></details>').format(
                t("reading.term", term=g.term), g.meaning
            )
        )
        text.append(f"{g.term}: {g.meaning}")
    return Block(str(Markup("").join(html)), "\n".join(text))
