"""The cost of a page rendered from scratch in one process: CPU time and Python function calls per request.

The pages of ``bench/http.py`` (page cache off, the catalogue's version read at every request) through Flask's test
client, against bare Flask's page the same way. CPU time is the best of 5 batches (``time.process_time``, so that
other processes on the machine count less than in wall time); the number of function calls (cProfile's count over 10
requests) does not depend on the machine at all, which makes it the figure to compare two versions of the code by.
``--profile`` prints, for each page, the platform's own functions that cost most (cumulative).

Usage: ``.venv/bin/python -m bench.pages [--requests 200] [--profile]``
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flask.testing import FlaskClient

from bench.bare_app import app as bare_app
from bench.http import PAGES, prepared_database
from portal import create_app


def cpu_ms(request: Callable[[], object], count: int) -> float:
    for _ in range(20):
        request()
    batches = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(count // 5):
            request()
        batches.append((time.process_time() - started) / (count // 5) * 1000)
    return min(batches)


def calls(request: Callable[[], object]) -> tuple[float, pstats.Stats]:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(10):
        request()
    profile.disable()
    stats = pstats.Stats(profile, stream=io.StringIO())
    return stats.total_calls / 10, stats  # type: ignore[attr-defined]


def page(client: FlaskClient, path: str) -> Callable[[], object]:
    def request() -> object:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return response

    return request


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = {"SECRET_KEY": "bench-" + "x" * 40, "SQLALCHEMY_DATABASE_URI": prepared_database(Path(folder)),
                    "PAGE_CACHE_SIZE": 0, "CATALOGUE_VERSION_TTL": 0.0, "JOBS_BROKER": "memory://"}  # fmt: skip
        client = create_app(settings).test_client()
        bare = page(bare_app.test_client(), "/fr/")
        bare_ms, (bare_calls, _) = cpu_ms(bare, arguments.requests * 5), calls(bare)
        print(f"in one process, page cache off, best of 5 batches of {arguments.requests // 5} requests")
        print(f"{'page':<10}{'CPU ms':>8}{'calls':>8}{'bare ms':>9}{'bare calls':>11}{'ratio':>7}")
        for name, path in PAGES.items():
            request = page(client, path)
            spent, (count, stats) = cpu_ms(request, arguments.requests), calls(request)
            print(f"{name:<10}{spent:>8.2f}{count:>8.0f}{bare_ms:>9.3f}{bare_calls:>11.0f}{bare_ms / spent:>7.2f}")
            if arguments.profile:
                stats.sort_stats("cumulative").print_stats(r"/portal/", 12)
                print(stats.stream.getvalue())  # type: ignore[attr-defined]
                stats.stream = io.StringIO()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
