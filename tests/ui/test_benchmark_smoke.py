"""The speed benchmark still runs (tiny numbers; its timings are never asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui
ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_script_runs_and_prints_its_table():
    env = dict(os.environ, COURSE_HOME_POOL="1", COURSE_PAGE_POOL="1")
    args = ["--runs", "1", "--burst", "2", "--pages", "00_home.ipynb", "--settle", "0"]
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests/benchmarks/bench.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "| 00_home.ipynb | home |" in out.stdout
    assert "burst of 2:" in out.stdout
