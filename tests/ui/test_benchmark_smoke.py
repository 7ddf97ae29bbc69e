"""The speed benchmark still runs (tiny numbers; its timings are never asserted)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui
ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_script_runs_and_prints_its_figures():
    env = dict(os.environ, COURSE_HOME_POOL="1", COURSE_PAGE_POOL="1")  # the script drops these
    args = ["--first-runs", "1", "--runs", "1", "--room", "2", "--pages", "00_home.ipynb"]
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests/benchmarks/bench.py"),
            *args,
            "--settle",
            "0",
            "--idle",
            "3",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    text = out.stdout
    first = re.search(
        r"first page, from launch to widgets \(median of 1\): course \(python -m widgets.app\) "
        r"([\d.]+) s, plain voila bare.ipynb ([\d.]+) s, ratio ([\d.]+)",
        text,
    )
    assert first, text
    course, plain, ratio = map(float, first.groups())
    assert course > 0 and plain > 0 and abs(ratio - course / plain) < 0.02
    assert "Course pools for one person" in text  # the default mode is the one measured
    assert "| 00_home.ipynb | home |" in text
    assert "Course pools for a room of 2" in text
    assert re.search(r"burst of 2 home-page requests: course \(--room 2\) [\d.]+ s", text), text
