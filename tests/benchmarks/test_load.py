"""A small version of the load test, and a writer killed mid-way, on both engines."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.benchmarks import load
from widgets.store import Store
from widgets.workshop import model

LOAD = Path(load.__file__)


def test_concurrent_participants_lose_nothing_and_count_nothing_twice(store_url):
    r = load.run(store_url, participants=20, answers=5)
    assert r.errors == []
    assert r.acknowledged == r.stored == r.counted == 100
    assert len(r.latencies) == 100 and r.ok


def test_killed_writer_loses_no_acknowledged_answer(store_url):
    st = Store(store_url)
    ws = model.create_workshop(st, "Kill test")
    model.join(st, ws.code, "kill-learner")
    proc = subprocess.Popen(
        [sys.executable, str(LOAD), "writer", store_url, ws.code, "kill-learner"],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    acked = 0
    try:
        for line in proc.stdout:
            assert line.startswith("ack ")
            acked = int(line.split()[1])
            if acked >= 40:
                break
    finally:
        proc.send_signal(signal.SIGKILL)  # in the middle of the next write
        proc.wait(timeout=30)
    assert acked >= 40
    rows = [a for a in st.answers("kill-learner") if a["question_id"] == "kill-test"]
    attempts = [a["attempt"] for a in rows]
    assert attempts == list(range(1, len(rows) + 1))  # no gap, no duplicate
    assert len(rows) >= acked  # every acknowledged answer is there (one more may be)
    assert [a["response"]["n"] for a in rows[:acked]] == list(range(1, acked + 1))
    assert sum(q.answered for q in model.build_report(st, ws.code, {}).questions) == 1
    st.close()
