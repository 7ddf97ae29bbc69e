"""Reading load of the course pages: words, acronyms, and acronyms not spelled out at first use.

For authors, not learners (no page imports it)::

    python -m widgets.readability            # the pages as they are now
    python -m widgets.readability 6fdd600    # the same figures for a git revision, to compare

Words and acronyms are counted in what a learner reads: the Markdown prose and the stored text of
reading blocks (tables, lists), not code. Interactive widgets are not counted.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACRONYM = re.compile(r"\b(TB-Net|[A-Z]{2,6})(?:s)?\b")
NOT_ACRONYMS = {"A", "B", "OK", "II", "CSV", "URL", "JSON"}


def _html_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", " ", html, flags=re.S)))


def _markdown_blocks(nb: dict) -> list[str]:
    """The Markdown a page shows: Markdown cells, and the stored text of ``widgets.prose`` cells
    (the Markdown of ``course_data/pages.yaml``)."""
    blocks = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            blocks.append("".join(cell["source"]))
        elif "".join(cell["source"]).startswith("widgets.prose("):
            for out in cell.get("outputs", []):
                blocks.append("".join(out.get("data", {}).get("text/plain", "")))
    return blocks


def prose(nb: dict) -> str:
    """The Markdown of a notebook, without headings (headings repeat titles, not prose)."""
    lines = []
    for src in _markdown_blocks(nb):
        lines += [x for x in src.splitlines() if not x.lstrip().startswith("#")]
    return "\n".join(lines)


def reading_text(nb: dict) -> str:
    """All a learner reads on a page: prose, headings and the stored output of reading blocks."""
    parts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                parts.append(_html_text("".join(data["text/html"])))
            elif "text/plain" in data:
                parts.append("".join(data["text/plain"]))
    return "\n".join(parts)


def acronyms(text: str) -> list[str]:
    """The acronyms in a text, in order of appearance (with repeats)."""
    return [m.group(1) for m in ACRONYM.finditer(text) if m.group(1) not in NOT_ACRONYMS]


def not_spelled_out(text: str) -> list[str]:
    """Acronyms whose first use is not spelled out: "... Institution (NHRI)" or "TB-Net (...)"."""
    seen, missing = set(), []
    for m in ACRONYM.finditer(text):
        a = m.group(1)
        if a in NOT_ACRONYMS or a in seen:
            continue
        seen.add(a)
        before = text[: m.start()].rstrip(" *_")
        after = text[m.end() :].lstrip(" *_")
        if not (before.endswith("(") or after.startswith("(")):
            missing.append(a)
    return missing


def stats(nb: dict) -> dict:
    """Words, distinct acronyms and acronyms not spelled out at first use, for one page."""
    text = re.sub(r"https?://\S+", " ", reading_text(nb))  # addresses are not words to read
    return {
        "words": len(re.findall(r"[A-Za-z][A-Za-z'-]*", text)),
        "acronyms": len(set(acronyms(text))),
        "not_spelled_out": not_spelled_out(prose(nb)),
    }


def _notebooks(revision: str | None) -> dict[str, dict]:
    names = sorted(p.name for p in (ROOT / "notebooks").glob("0[0-6]_*.ipynb"))
    out = {}
    for name in names:
        if revision:
            raw = subprocess.run(
                ["git", "show", f"{revision}:notebooks/{name}"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if not raw:
                continue
            out[name] = json.loads(raw)
        else:
            out[name] = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    return out


def main(argv: list[str]) -> int:  # pragma: no cover - an author's report
    """Print a table of the figures for each page."""
    revision = argv[0] if argv else None
    print(f"{'page':32} {'words':>6} {'acronyms':>8}  not spelled out at first use")
    for name, nb in _notebooks(revision).items():
        s = stats(nb)
        print(f"{name:32} {s['words']:6} {s['acronyms']:8}  {', '.join(s['not_spelled_out'])}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
