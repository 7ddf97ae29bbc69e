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


def sources(*ids: str) -> Block:
    """The "Sources and further reading" list for the given source ids."""
    c = content.load()
    title = c.text("sources.title")
    found = [c.source(i) for i in ids]
    items = "".join(f"<li>{escape(s.title)}. {escape(s.publisher)}.</li>" for s in found)
    html = f'<section class="course-sources"><h2>{escape(title)}</h2><ul>{items}</ul></section>'
    text = title + "\n" + "\n".join(f"- {s.title}. {s.publisher}." for s in found)
    return Block(html, text)


def _yes_no(c: content.Course, value: bool) -> str:
    return c.text("table.yes") if value else c.text("table.no")


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
                _yes_no(c, tb.periodic_reviews),
            ]
            for tb in c.treaty_bodies
        ]
        headers = ["Acronym", "Committee", "Treaty", "Members", "Reviews States periodically"]
    elif name == "cycle":
        rows = [[str(i), s.title, s.text] for i, s in enumerate(c.review_cycle, 1)]
        headers = ["Step", "What happens", "In short"]
    elif name == "members":
        rows = [[m.committee, c.committee(m.committee).name, m.name] for m in c.members]
        headers = ["Committee", "Full name", "TB-Net member to contact"]
    elif name == "actors":
        rows = [[a.name, a.before, a.after] for a in c.national_actors]
        headers = ["Actor", "Before the review", "After the review (follow-up)"]
    elif name == "partners":
        rows = [[p] for p in c.partners]
        headers = ["Partner"]
    elif name == "grid":
        rows = [[q.label, q.rule] for q in c.mapping.grid.quadrants]
        headers = ["Quadrant", "Actors with"]
    elif name == "glossary":
        rows = [[g.term, g.meaning] for g in sorted(c.glossary, key=lambda g: g.term)]
        headers = ["Acronym", "Meaning"]
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
        f'<p class="course-note"><em>{escape(n.activity_note)}</em></p>' if n.activity_note else ""
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
