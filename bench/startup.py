"""Start-up and home-page figures: how long the plugin registry takes to load and validate, and how
long the home page takes to render in-process (no HTTP), in each locale.

Usage: ``.venv/bin/python -m bench.startup [--requests N]``
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade

from portal import PROJECT_ROOT, create_app
from portal.provisioning import sync_from_plugins
from portal.registry import get_registry


def build_app(folder: Path) -> tuple[Flask, float]:
    started = time.perf_counter()
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'b.db'}"}
    )
    elapsed = time.perf_counter() - started
    with app.app_context():
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
        sync_from_plugins(get_registry())
    return app, elapsed


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=500)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app, creation = build_app(Path(folder))
        print(f"create_app (7 plugins discovered and validated): {creation * 1000:.1f} ms")
        client = app.test_client()
        for locale in app.config["LOCALES"]:
            samples = []
            for _ in range(arguments.requests):
                started = time.perf_counter()
                client.get(f"/{locale}/")
                samples.append(time.perf_counter() - started)
            p50, p95 = statistics.median(samples) * 1000, percentile(samples, 0.95) * 1000
            count = arguments.requests
            print(f"home /{locale}/ in-process, {count} requests: p50 {p50:.2f} ms, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
