"""One source of truth for dependencies: environment.yml must match pyproject.toml."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parents[2]
# pip name -> conda-forge name, where they differ
CONDA_NAME = {"psycopg[binary]": "psycopg"}


def _pins(specs: list[str]) -> dict[str, str]:
    out = {}
    for spec in specs:
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)\s*==?\s*([^\s;]+)(?:\s*;.*)?", spec.strip())
        assert m, f"unpinned or unreadable dependency: {spec!r}"
        out[m.group(1).lower()] = m.group(2)
    return out


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip = {CONDA_NAME.get(k, k): v for k, v in _pins(project["dependencies"]).items()}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_specs = [
        d
        for d in env["dependencies"]
        if isinstance(d, str) and not d.startswith(("python=", "python ", "pip")) and d != "pip"
    ]
    conda = _pins(conda_specs)
    assert conda == pip, (
        "environment.yml and pyproject.toml disagree:\n"
        f"only in pyproject: {sorted(set(pip.items()) - set(conda.items()))}\n"
        f"only in environment.yml: {sorted(set(conda.items()) - set(pip.items()))}"
    )


def test_environment_yml_lists_what_the_app_imports():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    names = {re.split(r"[=<> ]", d)[0] for d in env["dependencies"] if isinstance(d, str)}
    for needed in ("voila", "ipywidgets", "pydantic", "pyyaml", "jupyterlab", "pandas"):
        assert needed in names
    assert any(str(d).startswith("python=3.11") for d in env["dependencies"])


def _third_party_imports() -> set[str]:
    """Top-level modules imported anywhere in the ``widgets`` package (not stdlib, not itself)."""
    import ast
    import sys

    found = set()
    for path in (ROOT / "widgets").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "widgets"}


# import name -> the package that provides it (conda name); modules that come with voila's or
# jupyterlab's own dependencies are listed against them.
PROVIDED_BY = {
    "yaml": "pyyaml",
    "docx": "python-docx",
    "PIL": "pillow",
    "ipywidgets": "ipywidgets",
    "voila": "voila",
    "jupyter_server": "voila",
    "jupyter_client": "voila",
    "nbformat": "voila",
    "nbclient": "voila",
    "tornado": "voila",
    "traitlets": "voila",
    "websockets": "voila",
    "traitlets.config": "voila",
    "IPython": "ipywidgets",
    "fpdf": "fpdf2",
    "fontTools": "fpdf2",
    "pytest": None,  # test-only
    "playwright": None,
}


def test_environment_yml_covers_every_import_of_the_widgets_package():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    names = {re.split(r"[=<> ]", d)[0] for d in env["dependencies"] if isinstance(d, str)}
    missing = []
    for module in sorted(_third_party_imports()):
        package = PROVIDED_BY.get(module, module)
        if package is not None and package not in names:
            missing.append(f"{module} (package {package})")
    assert missing == [], f"imported by widgets/ but not in environment.yml: {missing}"
