"""A bounded load generator for when wrk is not installed: threads on keep-alive connections, 127.0.0.1 only."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class LoadResult:
    rate: float  # requests per second
    p50: float  # milliseconds
    p99: float
    tool: str


def python_load(url: str, seconds: int, connections: int) -> LoadResult:
    parts = urlsplit(url)
    if parts.hostname != "127.0.0.1":
        raise ValueError("the load generator only targets 127.0.0.1")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=10)
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection.request("GET", path)
            connection.getresponse().read()
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    return LoadResult(
        len(ordered) / seconds, statistics.median(ordered), ordered[int(0.99 * (len(ordered) - 1))], "python"
    )
