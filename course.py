#!/usr/bin/env python3
"""Set up and run the course with nothing but Python 3.10+.

    python3 course.py start   # create .venv if missing, install, serve the course at http://127.0.0.1:8866
    python3 course.py start --room 30   # the same, sized for a workshop of 30 people
    python3 course.py test    # the same set-up with test tools, then the whole test suite
    python3 course.py lab     # open the notebooks in JupyterLab
    python3 course.py execute # re-execute and clean the committed notebooks

Works on Windows, macOS and Linux; uses only the standard library until the environment exists.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("COURSE_VENV", ROOT / ".venv"))


def _venv_python() -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return VENV / sub


def _ensure_env(extras: str) -> Path:
    """Create the virtual environment if missing and install the course (once per pyproject change)."""
    py = _venv_python()
    if not py.exists():
        print(f"Creating the environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()[
        :16
    ]
    stamp = VENV / f".course-installed-{digest}"
    if not stamp.exists():
        print("Installing the course and its dependencies (first run only) ...", flush=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        target = f".[{extras}]" if extras else "."
        subprocess.run([str(py), "-m", "pip", "install", "-q", "-e", target], cwd=ROOT, check=True)
        for old in VENV.glob(".course-installed-*"):
            old.unlink()
        stamp.write_text("ok\n")
    return py


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "start"
    rest = argv[1:]
    if cmd == "start":
        py = _ensure_env("")
        return subprocess.call([str(py), "-m", "widgets.app", *rest], cwd=ROOT)
    if cmd == "test":
        py = _ensure_env("test")
        return subprocess.call([str(py), "-m", "widgets.devtools", "test", *rest], cwd=ROOT)
    if cmd == "lab":
        py = _ensure_env("")
        subprocess.call([str(py), "-m", "widgets.store"], cwd=ROOT)  # upgrade the store, once
        return subprocess.call([str(py), "-m", "jupyterlab", "notebooks", *rest], cwd=ROOT)
    if cmd == "execute":
        py = _ensure_env("test")
        return subprocess.call([str(py), "-m", "widgets.devtools", "execute", *rest], cwd=ROOT)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
