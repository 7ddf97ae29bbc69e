"""The small Markdown the pages' prose is written in (``course_data/pages.yaml``), as HTML.

Headings (``#`` to ``######``), paragraphs, bulleted (``-``, ``*``) and numbered (``1.``) lists,
``**strong**``, ``*emphasis*``, ``` `code` ``` and ``[links](address)``. That is all the prose
uses, and a test renders every block with a full Markdown library and compares. Kept this
small so a page's kernel does not load a Markdown library (about 1 MB each).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^[-*+]\s+")
_NUMBER = re.compile(r"^\d+[.)]\s+")
_INLINE = re.compile(
    r"(?P<code>`[^`]+`)|(?P<strong>\*\*(?=\S)(?:.+?)(?<=\S)\*\*)"
    r"|(?P<em>\*(?=[^\s*])(?:[^*]+?)(?<=[^\s*])\*)|(?P<link>\[[^\]]+\]\([^)\s]+\))",
    re.DOTALL,
)


def inline(text: str) -> Markup:
    """One line's or paragraph's text with its inline marks as HTML (the rest escaped)."""
    out, pos = [], 0
    for m in _INLINE.finditer(text):
        out.append(escape(text[pos : m.start()]))
        token = m.group(0)
        if m.group("code"):
            out.append(Markup("<code>{}</code>").format(token[1:-1]))
        elif m.group("strong"):
            out.append(Markup("<strong>{}</strong>").format(inline(token[2:-2])))
        elif m.group("em"):
            out.append(Markup("<em>{}</em>").format(inline(token[1:-1])))
        else:
            label, href = token[1:-1].split("](", 1)
            out.append(Markup('<a href="{}">{}</a>').format(href, inline(label)))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _items(lines: list[str], marker: re.Pattern) -> list[str]:
    """The items of a list block: each starts with its marker, continuation lines indented."""
    items: list[list[str]] = []
    for line in lines:
        if marker.match(line):
            items.append([marker.sub("", line, count=1)])
        else:
            items[-1].append(line.strip())
    return ["\n".join(i) for i in items]


def _block(lines: list[str]) -> Markup:
    first = lines[0]
    heading = _HEADING.match(first)
    if heading and len(lines) == 1:
        level = len(heading.group(1))
        return Markup("<h{0}>{1}</h{0}>\n").format(level, inline(heading.group(2)))
    for marker, tag in ((_BULLET, "ul"), (_NUMBER, "ol")):
        if marker.match(first):
            lis = Markup("").join(
                Markup("<li>{}</li>\n").format(inline(i)) for i in _items(lines, marker)
            )
            return Markup("<{0}>\n{1}</{0}>\n").format(tag, lis)
    return Markup("<p>{}</p>\n").format(inline("\n".join(line.strip() for line in lines)))


def html(source: str) -> str:
    """A Markdown block (blank lines between paragraphs, headings and lists) as HTML."""
    blocks: list[list[str]] = [[]]
    for line in source.splitlines():
        if not line.strip():
            blocks.append([])
        elif _HEADING.match(line) and not line.startswith(" "):
            blocks += [[line], []]
        else:
            blocks[-1].append(line)
    return str(Markup("").join(_block(b) for b in blocks if b))
