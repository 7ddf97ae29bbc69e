"""The pseudo-language: English with every string wrapped in ⟦…⟧ and its letters accented.

It is generated, never written: a page shown in it makes any word that did not come through
the course's strings or content files stand out (a test looks for such words). Placeholders
(``{name}``), HTML tags and entities, addresses and Markdown link targets are kept as they are.
"""

from __future__ import annotations

import re
from typing import Any

OPEN, CLOSE = "\u27e6", "\u27e7"
_KEEP = re.compile(r"(\{[^{}]*\}|<[^>]*>|&#?\w+;|https?://[^\s)<>\]]+|\]\([^)]*\))")
_ACCENTS = str.maketrans("aeiouycnAEIOUYCN", "áéíóúýçñÁÉÍÓÚÝÇÑ")
_MD_LINE = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+\.\s+|>\s*)?)(.*?)(\s*)$")

#: The fields of content files that hold text to translate (all others hold ids, codes,
#: addresses, dates or numbers). Translators translate these; the pseudo-language wraps them.
TEXT_FIELDS = frozenset(
    """activity_note advice after aim always ask before consequence contact contact_note country
    covers debrief decisions elected_by ending examples explanation feedback fictional focus goal
    high hint if_false if_true intro key_points label low meaning middle milestone name
    national_after national_before national_theme nhri note opponents organisation partners
    points prompt publisher question reason reasons responsible result rule scenario situation steps
    summary support term text themes title treaty what when where_next who who_else why""".split()
)
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def text(value: str) -> str:
    """One string in the pseudo-language."""
    parts = _KEEP.split(value)
    body = "".join(p if i % 2 else p.translate(_ACCENTS) for i, p in enumerate(parts))
    return f"{OPEN}{body}{CLOSE}"


def markdown(value: str) -> str:
    """A Markdown block in the pseudo-language: each line's text wrapped, its markup kept."""
    out = []
    for line in value.split("\n"):
        lead, body, tail = _MD_LINE.match(line).groups()
        out.append(lead + (text(body) if body else "") + tail)
    return "\n".join(out)


def strings(table: dict[str, Any]) -> dict[str, Any]:
    """An interface strings table in the pseudo-language (plural forms too)."""
    return {
        k: {f: text(v) for f, v in val.items()} if isinstance(val, dict) else text(val)
        for k, val in table.items()
    }


def data(node: Any, translate: bool = False) -> Any:
    """A content file's data with its text fields (see ``TEXT_FIELDS``) in the pseudo-language."""
    if isinstance(node, dict):
        # a mapping of ids to text under a text field (e.g. worksheet ``reasons``) is all text
        mapping = translate and all(isinstance(v, str) for v in node.values())
        return {
            k: data(v, mapping or (k in TEXT_FIELDS and not _is_id(k, v))) for k, v in node.items()
        }
    if isinstance(node, list):
        return [data(v, translate) for v in node]
    return text(node) if translate and isinstance(node, str) and node else node


def _is_id(key: str, value: Any) -> bool:
    """Some text fields' names are also used for ids: a moment's ``who`` (``ngo``), the
    worksheet rules' ``nhri``. A lowercase value without spaces or capitals is such an id."""
    return key in ("who", "nhri") and isinstance(value, str) and bool(_ID.match(value))
