"""The pages' prose is shown by the course's own small Markdown renderer: it must give what a full
Markdown library gives for every block of ``course_data/pages.yaml``, and escape the rest."""

from __future__ import annotations

import html
import re

import mistune
import pytest

from widgets import content, markdown


def _same(a: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", a).replace("> <", "><").strip())


BLOCKS = [
    (page, i, block.replace("{home}", "00_home.ipynb"))
    for page, blocks in content.load("en").prose.items()
    for i, block in enumerate(blocks, start=1)
]


@pytest.mark.parametrize("page,n,block", BLOCKS, ids=[f"{p}-{n}" for p, n, _ in BLOCKS])
def test_every_prose_block_renders_as_a_full_markdown_library_does(page, n, block):
    assert _same(markdown.html(block)) == _same(mistune.html(block))


def test_marks_lists_and_escaping():
    out = markdown.html(
        "## A <b>title</b>\n\nSome **bold\ntext**, *one* `x<y` and [a link](https://example.org).\n\n"
        "- first\n  goes on\n- second\n\n1. one\n2. two\n\n<script>alert(1)</script>"
    )
    assert "<h2>A &lt;b&gt;title&lt;/b&gt;</h2>" in out
    assert "<strong>bold\ntext</strong>" in out and "<em>one</em>" in out
    assert "<code>x&lt;y</code>" in out and '<a href="https://example.org">a link</a>' in out
    assert "<ul>\n<li>first\ngoes on</li>\n<li>second</li>\n</ul>" in out
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_a_page_kernel_does_not_load_a_markdown_library():
    import subprocess
    import sys

    code = (
        "import sys, widgets\n"
        "[widgets.prose(p, n) for p, bs in widgets.content.load().prose.items() "
        "for n in range(1, len(bs) + 1)]\n"
        "print('mistune' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
