"""The code stays easy to change: no module over about 400 lines, no function over about 60,
unless a ``# long: <reason>`` comment on the line before the ``def`` (or on it) says why."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "widgets").rglob("*.py"))
MAX_MODULE, MAX_FUNCTION = 420, 60


def _long_reason(lines: list[str], node: ast.AST) -> bool:
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    around = lines[max(0, first - 2) : node.lineno]
    return any("# long:" in line for line in around)


def oversized(path: Path) -> list[str]:
    """What in one module is over the limits (empty when all is well)."""
    text = path.read_text()
    lines = text.splitlines()
    name = path.relative_to(ROOT)
    found = []
    if len(lines) > MAX_MODULE and "# long:" not in "\n".join(lines[:15]):
        found.append(f"{name}: {len(lines)} lines")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION and not _long_reason(lines, node):
                found.append(f"{name}:{node.lineno} {node.name}() is {length} lines")
    return found


def test_modules_and_functions_are_small():
    found = [x for path in MODULES for x in oversized(path)]
    assert found == [], "\n".join(found)


def test_the_check_finds_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(70))
    path = ROOT / "widgets" / "_size_probe.py"
    try:
        path.write_text(f"def f():\n{body}\n")
        assert oversized(path) == ["widgets/_size_probe.py:1 f() is 71 lines"]
        path.write_text(f"# long: a probe\ndef f():\n{body}\n")
        assert oversized(path) == []
    finally:
        path.unlink()


def test_no_module_hides_a_notebook_function():
    """``widgets.quiz()`` and the other notebook functions stay functions: a submodule of the
    same name would replace the function once something imports it."""
    import widgets

    functions = [n for n in widgets.__all__ if callable(getattr(widgets, n, None))]
    clashes = [
        n
        for n in functions
        if (ROOT / "widgets" / f"{n}.py").exists() or (ROOT / "widgets" / n).is_dir()
    ]
    assert clashes == []
