"""The pseudo-language check shared by the unit and browser tests: find English that did not
come through the course's strings or content files.

Under ``lang=pseudo`` every string of the course is wrapped in ⟦…⟧ and accented. A word that is
left, of 3 letters or more, in plain ASCII, and that is a word of the English course (its
strings, content files and pages) is English typed in code. Acronyms and names written with
capitals inside (``CRC``, ``TB-Net``) are proper names and allowed.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import yaml

from widgets.content import pseudo

ROOT = Path(__file__).resolve().parents[1]
ALLOWLIST = Path(__file__).parent / "unit" / "pseudo_allowlist.txt"
URL = re.compile(r"(?:https?://|www\.)\S+")
WORD = re.compile(r"[A-Za-z]+(?:[-'][A-Za-z]+)*")
_WRAPPED = re.compile(f"{pseudo.OPEN}[^{pseudo.OPEN}{pseudo.CLOSE}]*{pseudo.CLOSE}")
#: Short English words the course's texts may not happen to contain.
COMMON = set("the and you your for with not are this that from has have was what when".split())


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) else []


@cache
def vocabulary() -> frozenset[str]:
    """Every word (lower case) of the English course: strings, content files, page prose."""
    words = set(COMMON)
    for path in sorted((ROOT / "course_data").glob("*.yaml")) + [
        ROOT / "course_data" / "strings" / "en.yaml"
    ]:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            words.update(w.lower() for w in WORD.findall(URL.sub(" ", text)))
    return frozenset(w for w in words if len(w) >= 3)


def _is_name(word: str) -> bool:
    """An acronym or a name with capitals inside (``NHRI``, ``TB-Net``): not a word to translate."""
    return any(c.isupper() for c in word[1:])


def english_words(text: str) -> list[str]:
    """The English words of ``text`` that are outside the pseudo-language's brackets."""
    text, previous = URL.sub(" ", text), None
    while previous != text:  # brackets nest when a text is put into another one
        previous, text = text, _WRAPPED.sub(" ", text)
    return [
        w
        for w in WORD.findall(text)
        if len(w) >= 3 and w.lower() in vocabulary() and not _is_name(w)
    ]


class _Visible(HTMLParser):
    """The text a person sees or hears in HTML: text, and the labels screen readers read."""

    LABELS = ("aria-label", "title", "alt", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in self.LABELS and v]

    def handle_endtag(self, tag):
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The visible text and accessible labels of an HTML fragment."""
    parser = _Visible()
    parser.feed(str(html))
    return "\n".join(parser.parts)


def widget_texts(widget) -> list[tuple[str, str]]:
    """(where, text) for every visible text of a widget tree: descriptions, HTML and labels,
    options, placeholders and tooltips."""
    out: list[tuple[str, str]] = []
    seen: set[int] = set()

    def walk(w, path):
        if id(w) in seen:
            return
        seen.add(id(w))
        name = f"{path}/{type(w).__name__}"
        for attr in ("description", "placeholder", "tooltip", "button_text", "indent"):
            value = getattr(w, attr, None)
            if isinstance(value, str) and value:
                out.append((f"{name}.{attr}", value))
        kind = type(w).__name__
        value = getattr(w, "value", None)
        if kind in ("HTML", "HTMLMath", "Label", "Valid") and isinstance(value, str):
            out.append((f"{name}.value", html_text(value)))
        for label in getattr(w, "_options_labels", ()) or ():
            out.append((f"{name}.options", label))
        for attr in ("tooltips", "titles"):
            for value in getattr(w, attr, ()) or ():
                if value:
                    out.append((f"{name}.{attr}", value))
        for i, child in enumerate(getattr(w, "children", ()) or ()):
            walk(child, f"{name}[{i}]")

    walk(widget, "")
    return out


def allowlist() -> list[tuple[str, str, tuple[str, ...]]]:
    """Leftovers of other areas still being moved to the strings: (word, module, scopes).

    A line is ``word module scope|scope``: the word is allowed only where one of the scopes (a
    view's class in a widget tree, a CSS class on a page) is part of where it was found.
    """
    out = []
    for line in ALLOWLIST.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            word, module, scopes = line.split()
            out.append((word, module, tuple(scopes.split("|"))))
    return out


def _allowed(word: str, where: str, allowed) -> bool:
    return any(word == w and any(s in where for s in scopes) for w, _, scopes in allowed)


def leaks(texts: list[tuple[str, str]], allowed=None) -> list[str]:
    """``where: word`` for each English word found (allowlisted leftovers left out)."""
    allowed = allowlist() if allowed is None else allowed
    return [
        f"{where}: {w}"
        for where, text in texts
        for w in english_words(text)
        if not _allowed(w, where, allowed)
    ]
