"""pandas belongs to the trainer's process (the dashboard's tables, item analysis and exports):
a learner's page kernel never imports it (it costs about 0.4 s and 45 MB per kernel)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter like a page's kernel: an IPython shell executes every code cell
# of every learner page, in order, each page in its own namespace; then the trainer's item
# analysis runs, to show that the check sees pandas when it is imported.
SCRIPT = r"""
import json, sys
from pathlib import Path
from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance()
seen = {}
for path in sorted(Path(sys.argv[1]).glob("*.ipynb")):
    shell.user_ns.clear()
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            result = shell.run_cell("".join(cell["source"]), silent=True)
            if not result.success:
                raise SystemExit(f"{path.name}: {result.error_in_exec or result.error_before_exec!r}")
    seen[path.name] = "pandas" in sys.modules
from widgets.workshop import analysis, model
seen["trainer"] = "pandas" in sys.modules
analysis.rank_groups(type("R", (), {"first_tries": ()})())
seen["after analysis"] = "pandas" in sys.modules
print(json.dumps(seen))
"""


def test_learner_pages_never_import_pandas(tmp_path):
    env = {"COURSE_STORE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT / "notebooks")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    pages = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(k for k in seen if k.endswith(".ipynb")) == pages
    assert [p for p in pages if seen[p]] == []  # no learner page imported pandas
    assert not seen["trainer"]  # importing the workshop's rules does not either
    assert seen["after analysis"]  # the check does see pandas once the trainer's analysis runs
