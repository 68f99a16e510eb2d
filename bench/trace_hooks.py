"""gunicorn hooks for ``bench.memory --trace``: each worker traces its allocations (tracemalloc) from its fork, and
writes, as it exits, the lines that hold the most memory then, the largest allocations' tracebacks, and its peak.

Used as ``gunicorn -c python:bench.trace_hooks``; the folder is ``BENCH_TRACE_FOLDER``. Nothing else reads it.
"""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path
from typing import Any

FRAMES = 12
TOP_LINES = 25
TOP_TRACEBACKS = 5


def post_fork(server: Any, worker: Any) -> None:
    tracemalloc.start(FRAMES)


def worker_exit(server: Any, worker: Any) -> None:
    if not tracemalloc.is_tracing():
        return
    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    current, peak = tracemalloc.get_traced_memory()
    lines = [f"worker {os.getpid()}: traced now {current / 2**20:.1f} MiB, peak {peak / 2**20:.1f} MiB",
             f"top {TOP_LINES} lines by memory held at exit:"]  # fmt: skip
    lines += [f"  {stat.size / 2**20:8.2f} MiB {stat.count:>8} blocks  {stat.traceback[0]}"
              for stat in snapshot.statistics("lineno")[:TOP_LINES]]  # fmt: skip
    for stat in snapshot.statistics("traceback")[:TOP_TRACEBACKS]:
        lines.append(f"traceback of {stat.size / 2**20:.2f} MiB in {stat.count} blocks:")
        lines += [f"    {frame}" for frame in stat.traceback.format()]
    folder = Path(os.environ["BENCH_TRACE_FOLDER"])
    (folder / f"worker-{os.getpid()}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
