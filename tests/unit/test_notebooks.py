"""Notebooks stay thin: code cells of at most three lines that only call the ``widgets`` package;
every outline page starts and ends with its navigation bar and ends with its sources."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from widgets import content

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "trainer").glob("*.ipynb")
)
IMPORT = re.compile(r"^(import widgets(\.[a-z_]+)?|from widgets import ([a-z_]+))$")
CALL = re.compile(r"^([a-z_]+)(\.[a-z_]+)*\(.*\)$")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_short_calls_into_widgets(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        lines = [line for line in cell.source.splitlines() if line.strip()]
        assert 1 <= len(lines) <= 3, f"{path.name}: a code cell has {len(lines)} lines"
        names = {"widgets"}
        for line in lines:
            imported = IMPORT.match(line)
            if imported:
                names.add(imported.group(3) or "widgets")
                continue
            call = CALL.match(line)
            assert call and call.group(1) in names, f"{path.name}: logic in a notebook: {line!r}"


@pytest.mark.parametrize("page", content.load().outline.pages, ids=lambda p: p.id)
def test_pages_have_navigation_top_and_bottom(page):
    nb = nbformat.read(ROOT / "notebooks" / page.notebook, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert f'widgets.nav("{page.id}")' in code[0]
    assert code[-1] == f'widgets.nav("{page.id}")'
    if page.kind == "lesson":
        assert any(src.startswith("widgets.sources(") for src in code), "no sources cell"
        assert any(src == f'widgets.objectives("{page.id}")' for src in code), "no objectives"
