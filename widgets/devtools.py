"""Project commands behind ``python course.py test`` and ``python course.py execute``."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TRAINER = ROOT / "trainer"  # the trainer's pages (dashboard, projector, guide, slides)
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _isolated_env() -> dict[str, str]:
    """Environment for running notebooks without touching a learner's real data."""
    env = dict(os.environ)
    env.setdefault("COURSE_STORE_DIR", tempfile.mkdtemp(prefix="course-store-"))
    return env


def execute(paths: list[str]) -> int:
    """Re-execute notebooks and clean them for committing.

    Cells whose output is a widget are stored unexecuted (nbval runs them without comparing);
    cells with text or table output are stored with it, so nbval compares it.
    """
    import nbformat
    from nbclient import NotebookClient

    os.environ.update(_isolated_env())
    targets = [Path(p).resolve() for p in paths] or sorted(NOTEBOOKS.glob("*.ipynb")) + sorted(
        TRAINER.glob("*.ipynb")
    )
    for path in targets:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        for cell in nb.cells:
            cell.metadata = {k: v for k, v in cell.metadata.items() if k in ("tags",)}
            if cell.cell_type != "code":
                continue
            has_widget = any(WIDGET_MIME in o.get("data", {}) for o in cell.outputs)
            if has_widget or not cell.outputs:
                cell.outputs, cell.execution_count = [], None
        nb.metadata.pop("widgets", None)
        nbformat.write(nb, path)
        print(f"executed {path.relative_to(ROOT)}")
    return 0


def test(extra: list[str]) -> int:
    """The whole test suite: unit tests, nbval (strict) on every notebook, browser tests."""
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "tests",
        "notebooks",
        "trainer",
        "--nbval",
        "--nbval-current-env",
        "--nbval-cell-timeout=120",
        "-p",
        "no:cacheprovider",
        *extra,
    ]
    print("+", " ".join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT, env=_isolated_env())


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("test", "execute"):
        print("usage: python -m widgets.devtools test|execute [args]")
        return 2
    return test(argv[1:]) if argv[0] == "test" else execute(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
