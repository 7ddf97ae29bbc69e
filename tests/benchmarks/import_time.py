"""How long importing ``widgets`` and loading ``course_data`` takes in a fresh kernel.

    .venv/bin/python tests/benchmarks/import_time.py [runs]

Starts a new IPython kernel per run (like every Voila page view), times ``import widgets`` and
``widgets.content.load()`` inside it, and prints each run and the median.
"""

from __future__ import annotations

import statistics
import sys

from jupyter_client.manager import start_new_kernel

CODE = """
import time as _t
_t0 = _t.perf_counter()
import widgets
_t1 = _t.perf_counter()
widgets.content.load()
_t2 = _t.perf_counter()
print(f"{_t1 - _t0:.4f} {_t2 - _t1:.4f}")
"""


def one_run() -> tuple[float, float]:
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        out = []

        def hook(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])

        kc.execute_interactive(CODE, output_hook=hook, timeout=60)
        imp, load = (float(x) for x in "".join(out).split())
        return imp, load
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main(runs: int = 5) -> None:
    results = [one_run() for _ in range(runs)]
    for i, (imp, load) in enumerate(results, 1):
        print(f"run {i}: import widgets {imp * 1000:.0f} ms, load course_data {load * 1000:.0f} ms")
    imp = statistics.median(r[0] for r in results)
    load = statistics.median(r[1] for r in results)
    print(f"median of {runs}: import widgets {imp * 1000:.0f} ms, "
          f"load course_data {load * 1000:.0f} ms, total {(imp + load) * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
