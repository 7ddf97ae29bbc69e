"""Static reading blocks built from ``course_data``: objectives, tables, sources.

Each function returns a :class:`Block`, a display object with an HTML and a plain-text form.
Its output is deterministic, so notebooks commit it and ``pytest --nbval`` compares it.
"""

from __future__ import annotations

from html import escape

from . import content


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
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    html = (
        f'<table class="course-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    text = "\n".join([caption, " | ".join(headers)] + [" | ".join(r) for r in rows])
    return Block(html, text)


def objectives(page_id: str) -> Block:
    """The learning objectives of a page, as a list under a heading."""
    c = content.load()
    page = c.page(page_id)
    title = c.text("objectives.title")
    items = "".join(f"<li>{escape(o.text)}</li>" for o in page.objectives)
    html = (
        f'<section class="course-objectives" aria-label="{escape(title)}">'
        f"<p><strong>{escape(title)}</strong></p><ul>{items}</ul></section>"
    )
    text = title + "\n" + "\n".join(f"- {o.text}" for o in page.objectives)
    return Block(html, text)


def _source_item(c: content.Course, s: content.Source) -> tuple[str, str]:
    """One source as (HTML, text): title, publisher, and its address with the date checked."""
    html, text = f"{escape(s.title)}. {escape(s.publisher)}.", f"{s.title}. {s.publisher}."
    if s.url:
        checked = c.text("reading.checked_on", date=s.checked_on.isoformat())
        html += (
            f' <a href="{escape(s.url, quote=True)}" target="_blank" rel="noopener">'
            f"{escape(s.url)}</a> ({escape(checked)})."
        )
        text += f" {s.url} ({checked})."
    return html, text


def sources(*ids: str) -> Block:
    """The "Sources and further reading" list: a page id (its sources in the outline) or ids."""
    c = content.load()
    title = c.text("sources.title")
    if len(ids) == 1 and ids[0] in {p.id for p in c.outline.pages}:
        ids = c.page(ids[0]).sources
    found = [_source_item(c, c.source(i)) for i in ids]
    items = "".join(f"<li>{h}</li>" for h, _ in found)
    html = f'<section class="course-sources"><h2>{escape(title)}</h2><ul>{items}</ul></section>'
    text = title + "\n" + "\n".join(f"- {t}" for _, t in found)
    return Block(html, text)


REPORTING = {
    "periodic": "Yes, periodically",
    "one-report": "One report, then more information when asked",
    "none": "No",
}


def table(name: str) -> Block:
    """One of the course's reference tables: treaty_bodies, cycle, members, actors, glossary."""
    c = content.load()
    if name == "treaty_bodies":
        rows = [
            [
                tb.acronym,
                tb.name,
                tb.treaty + (f" ({tb.treaty_year})" if tb.treaty_year else ""),
                str(tb.members),
                REPORTING[tb.reporting],
                tb.note or "",
            ]
            for tb in c.treaty_bodies
        ]
        headers = ["Acronym", "Committee", "Treaty", "Members", "Reviews State reports", "Note"]
    elif name == "members":
        rows = [[m.committee, c.committee(m.committee).name, m.name] for m in c.members]
        headers = ["Committee", "Full name", "TB-Net member to contact"]
    elif name == "actors":
        rows = [
            [a.name, a.before, a.after, ", ".join(c.source(i).title for i in a.advice_sources)]
            for a in c.national_actors
        ]
        headers = ["Actor", "Before the review", "After the review (follow-up)", "Advice from"]
    elif name == "partners":
        rows = [[p] for p in c.partners]
        headers = ["Partner"]
    elif name == "grid":
        rows = [[q.label, q.rule] for q in c.mapping.grid.quadrants]
        headers = ["Quadrant", "Actors with"]
    elif name == "glossary":
        rows = [[g.term, g.meaning] for g in sorted(c.glossary, key=lambda g: g.term.lower())]
        headers = ["Term", "Meaning"]
    else:
        raise KeyError(f"no table named {name!r}")
    return _table(c.text(f"table.{name}.caption"), headers, rows)


def contents() -> Block:
    """The table of contents: every page with a link and, for lessons, its objectives."""
    c = content.load()
    items_html, items_text = [], []
    for i, p in enumerate(c.outline.pages[1:], 1):
        objs = "".join(f"<li>{escape(o.text)}</li>" for o in p.objectives)
        items_html.append(
            f'<li><a href="{escape(p.notebook, quote=True)}" target="_self">'
            f"{escape(p.title)}</a>" + (f"<ul>{objs}</ul>" if objs else "") + "</li>"
        )
        items_text.append(f"{i}. {p.title}" + "".join(f"\n   - {o.text}" for o in p.objectives))
    title = c.text("contents.title")
    html = (
        f'<nav class="course-contents" aria-label="{escape(title)}"><h2>{escape(title)}</h2>'
        f"<ol>{''.join(items_html)}</ol></nav>"
    )
    return Block(html, title + "\n" + "\n".join(items_text))


def reasons() -> Block:
    """The reasons to coordinate, as a short list."""
    c = content.load()
    html = (
        "<ul>"
        + "".join(
            f"<li><strong>{escape(r.title)}.</strong> {escape(r.text)}</li>" for r in c.reasons
        )
        + "</ul>"
    )
    return Block(html, "\n".join(f"- {r.title}. {r.text}" for r in c.reasons))


def forms() -> Block:
    """The forms a coalition can take, one table per dimension."""
    c = content.load()
    html, text = [], []
    for dim in c.forms:
        block = _table(
            dim.label, ["Form", "What it means"], [[o.label, o.text] for o in dim.options]
        )
        html.append(block.html)
        text.append(block.text)
    return Block("".join(html), "\n\n".join(text))


def tbnet() -> Block:
    """What TB-Net is, its aim and its kinds of activity."""
    n = content.load().tbnet
    what = n.what[0].lower() + n.what[1:]
    acts = "".join(f"<li>{escape(a.text)}</li>" for a in n.activities)
    note = (
        f'<p class="course-note"><strong>{escape(n.activity_note)}</strong></p>'
        if n.activity_note
        else ""
    )
    html = (
        f"<p><strong>{escape(n.name)}</strong> is {escape(what)}</p>"
        f"<p><strong>Its aim:</strong> {escape(n.aim)}</p>"
        f"<p><strong>What it does ({len(n.activities)} kinds of activity):</strong></p>"
        f"<ol>{acts}</ol>{note}"
    )
    text = "\n".join(
        [f"{n.name} is {what}", f"Its aim: {n.aim}"]
        + [f"{i}. {a.text}" for i, a in enumerate(n.activities, 1)]
        + ([n.activity_note] if n.activity_note else [])
    )
    return Block(html, text)


def denmark() -> Block:
    """The Denmark example of NGO-NHRI cooperation."""
    d = content.load().denmark_example
    rows = [
        ("Who", d.nhri),
        ("When", f"Before the {d.committee}'s {d.year} review of {d.country}"),
        ("What", d.what),
        ("Why", d.aim),
        ("Also there", d.who_else),
        ("Result", d.result),
    ]
    html = (
        '<dl class="course-example">'
        + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
        + "</dl>"
    )
    return Block(html, "\n".join(f"{k}: {v}" for k, v in rows))


def glossary_terms() -> tuple[str, ...]:
    """Every acronym in the glossary."""
    return tuple(g.term for g in content.load().glossary)


def glossary() -> Block:
    """The glossary folded away: a disclosure that opens on the course's words and acronyms."""
    c = content.load()
    inner = table("glossary")
    summary = c.text("glossary.summary")
    html = (
        f'<details class="course-glossary"><summary>{escape(summary)}</summary>'
        f"{inner.html}</details>"
    )
    return Block(html, f"{summary}\n{inner.text}")


def members() -> Block:
    """Every TB-Net member with its committee, what it offers and its examples (static).

    The page shows this without any control to touch; the committee explorer stays as a way to
    look up one committee.
    """
    c = content.load()
    t = c.text
    html, text = [], []
    for m in c.members:
        tb = c.committee(m.committee)
        links = [c.source(i) for i in m.sources if c.source(i).url and i != "seed"]
        link = "".join(
            f' <a href="{escape(s.url, quote=True)}" target="_blank" rel="noopener">'
            f"{escape(s.url)}</a>"
            for s in links
        )
        examples = "".join(f"<li>{escape(e)}</li>" for e in m.examples)
        html.append(
            f'<section class="course-member" aria-label="{escape(m.name, quote=True)}">'
            f"<h3>{escape(tb.name)} ({escape(tb.acronym)}): {escape(m.name)}</h3>"
            f"<p><strong>{escape(t('explorer.offers'))}:</strong> {escape(m.support)}</p>"
            f"<p><strong>{escape(t('explorer.examples'))}:</strong></p><ul>{examples}</ul>"
            + (f"<p><strong>Website:</strong>{link}</p>" if link else "")
            + "</section>"
        )
        text.append(
            f"{tb.name} ({tb.acronym}): {m.name}\n{t('explorer.offers')}: {m.support}\n"
            + "\n".join(f"- {e}" for e in m.examples)
            + "".join(f"\nWebsite: {s.url}" for s in links)
        )
    return Block('<div class="course-members">' + "".join(html) + "</div>", "\n\n".join(text))


def _box(kind: str, title: str, body_html: str, body_text: str) -> Block:
    html = (
        f'<aside class="course-box course-{kind}" aria-label="{escape(title, quote=True)}">'
        f"<p><strong>{escape(title)}</strong></p>{body_html}</aside>"
    )
    return Block(html, f"{title}\n{body_text}")


def key_points(page_id: str) -> Block:
    """The short "Key points" box at the end of a lesson (from the outline)."""
    c = content.load()
    pts = c.page(page_id).key_points
    return _box(
        "key-points",
        c.text("reading.key_points"),
        "<ul>" + "".join(f"<li>{escape(p)}</li>" for p in pts) + "</ul>",
        "\n".join(f"- {p}" for p in pts),
    )


def where_next(page_id: str) -> Block:
    """The "Where next" pointer to the next sections of the source module (from the outline)."""
    c = content.load()
    text = c.page(page_id).where_next or ""
    return _box("where-next", c.text("reading.where_next"), f"<p>{escape(text)}</p>", text)


def safety() -> Block:
    """The safety box on intimidation and reprisals (for the parts about sending information)."""
    s = content.load().safety
    return _box(
        "safety",
        "\u26a0 " + s.title,
        "<ul>" + "".join(f"<li>{escape(p)}</li>" for p in s.points) + "</ul>",
        "\n".join(f"- {p}" for p in s.points),
    )


def terms(*names: str) -> Block:
    """Glossary terms explained in place: one disclosure (``<details>``) per term.

    A native ``<details>``/``<summary>`` opens with Enter or Space and is announced as a
    button that expands, so it works with a keyboard and a screen reader (unlike ``title``).
    """
    c = content.load()
    found = {g.term: g for g in c.glossary}
    html, text = [], []
    for n in names:
        g = found[n]
        label = c.text("reading.term", term=g.term)
        html.append(
            f'<details class="course-term"><summary>{escape(label)}</summary>'
            f"<p>{escape(g.meaning)}</p></details>"
        )
        text.append(f"{g.term}: {g.meaning}")
    return Block("".join(html), "\n".join(text))
