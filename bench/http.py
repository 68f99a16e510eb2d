"""HTTP throughput: the platform under gunicorn against a bare Flask app under the same settings, same run.

For each page: requests per second, p50 and p99 latency, and the ratio to bare Flask. Uses Debian's wrk
when it is installed, else a bounded load generator of its own. Only 127.0.0.1 is ever contacted. The two apps
take turns on each page, in slices of about two seconds, so that a change in the machine's load (its cores are
shared) falls on both alike: the rate is the mean of the slices', the latencies their medians.

Usage: ``.venv/bin/python -m bench.http [--seconds 10] [--connections 32] [--workers 2]``
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.load import LoadResult, python_load
from portal import PROJECT_ROOT, create_app
from tests.apps import prepare_database
from tests.processes import free_port

PAGES = {
    "home": "/fr/",
    "browse": "/fr/services?audience=employer",
    "service": "/ar/services/maternity-allowance-claim",
    "search": "/ar/services?q=%D8%AA%D9%82%D8%A7%D8%B9%D8%AF",  # تقاعد
    "api list": "/api/v1/services?per_page=20",
}
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SLICE_SECONDS = 2  # each app's turn on a page


def start(
    app_path: str, workers: int, environment: dict[str, str], options: Sequence[str] = ()
) -> tuple[subprocess.Popen[bytes], int]:
    """gunicorn serving ``app_path`` on a free port of 127.0.0.1 (``options``: more of its command line)."""
    port = free_port()
    command = [GUNICORN, "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
               *options, app_path]  # fmt: skip
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=environment)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{app_path} did not start")


def wrk(url: str, seconds: int, connections: int) -> LoadResult:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    return LoadResult(rate, _wrk_latency(output, "50%"), _wrk_latency(output, "99%"), "wrk")


def _wrk_latency(output: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def measure(url: str, seconds: int, connections: int) -> LoadResult:
    if shutil.which("wrk"):
        return wrk(url, seconds, connections)
    return python_load(url, seconds, connections)


def alternated(urls: tuple[str, str], seconds: int, connections: int) -> tuple[LoadResult, LoadResult]:
    """Each of two URLs (bare Flask's and the platform's) measured for ``seconds`` in all, in alternating slices."""
    slices = max(1, seconds // SLICE_SECONDS)
    turns: tuple[list[LoadResult], list[LoadResult]] = ([], [])
    for index in range(2 * slices):
        turns[index % 2].append(measure(urls[index % 2], seconds // slices, connections))
    first, second = (_combined(results) for results in turns)
    return first, second


def _combined(results: list[LoadResult]) -> LoadResult:
    return LoadResult(
        statistics.mean(result.rate for result in results),
        statistics.median(result.p50 for result in results),
        statistics.median(result.p99 for result in results),
        results[0].tool,
    )


def prepared_database(folder: Path) -> str:
    uri = f"sqlite:///{folder / 'bench.db'}"
    prepare_database(create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": uri}))
    return uri


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-page-cache", action="store_true", help="render every page: the cost of a cache miss")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        environment = {**os.environ, "PORTAL_ENV": "production", "PORTAL_SECRET_KEY": "bench-" + "x" * 40,
                       "DATABASE_URL": prepared_database(Path(folder))}  # fmt: skip
        if arguments.no_page_cache:
            environment.update(PORTAL_PAGE_CACHE_SIZE="0", PORTAL_CATALOGUE_VERSION_TTL="0")
        platform, platform_port = start("wsgi:app", arguments.workers, environment)
        bare, bare_port = start("bench.bare_app:app", arguments.workers, environment)
        try:
            report(arguments, platform_port, bare_port)
        finally:
            for process in (platform, bare):
                process.terminate()
                process.wait(timeout=10)


def report(arguments: argparse.Namespace, platform_port: int, bare_port: int) -> None:
    seconds, connections = arguments.seconds, arguments.connections
    cache = "off: every page rendered" if arguments.no_page_cache else "on"
    print(f"gunicorn --workers {arguments.workers}, {connections} connections, {seconds} s per page and app (in turns "
          f"of {SLICE_SECONDS} s), 127.0.0.1, page cache {cache}")  # fmt: skip
    print(f"{'page':<10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'bare req/s':>12}{'ratio':>8}  tool")
    for name, path in PAGES.items():
        urls = (f"http://127.0.0.1:{bare_port}{path}", f"http://127.0.0.1:{platform_port}{path}")
        bare, result = alternated(urls, seconds, connections)
        ratio = result.rate / bare.rate
        figures = f"{result.rate:>10.0f}{result.p50:>9.1f}{result.p99:>9.1f}{bare.rate:>12.0f}{ratio:>8.2f}"
        print(f"{name:<10}{figures}  {result.tool}")


if __name__ == "__main__":
    main()
