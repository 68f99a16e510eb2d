"""The career page of my records at the funds (``/fr/my/funds/cnr/career``) against the sandbox funds run as their
own process: with CNR answering in 50 ms a call (live, each page calls the fund), then with CNR not answering at all
(each call held up to ``CONNECTOR_TIMEOUT``, until the breaker opens and pages answer from what was kept). Prints p50,
p95 and the longest page of each phase; issue 17 asks p95 under 300 ms live, and the kept page under 100 ms.

Usage: ``.venv/bin/python -m bench.connectors [--pages 100] [--latency 0.05] [--timeout 3]``.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import tempfile
import time
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.dossiers.models import OutboxMessage
from portal.dossiers.notifications import text_to_send
from portal.extensions import db
from tests.apps import prepare_database
from tests.funds_sandbox import Sandbox, running_sandbox

CAREER = "/fr/my/funds/cnr/career"
PASSWORD = "une phrase assez longue"  # noqa: S105 - the bench's own account


def signed_in_and_linked(folder: Path, sandbox: Sandbox, timeout: float) -> tuple[Flask, FlaskClient]:
    app = create_app({"ENV": "testing", "TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}", "BASE_URL": "http://localhost",
                      "JOBS_BROKER": "memory://", "RATELIMIT_STORAGE_URI": "memory://",
                      "FUNDS_BASE_URL": sandbox.url, "CONNECTOR_TIMEOUT": timeout})  # fmt: skip
    prepare_database(app)
    client = app.test_client()
    client.post("/fr/account/sign-up", data={"identifier": "karim@example.dz", "password": PASSWORD, "again": PASSWORD})
    with app.app_context():
        message = db.session.get(OutboxMessage, 1)
        assert message is not None
        found = re.search(r"\b\d{6}\b", text_to_send(message))
        assert found is not None
    assert client.post("/fr/account/verify", data={"code": found.group(0)}).status_code == 302
    born = {"birth_date-day": "2", "birth_date-month": "11", "birth_date-year": "1965"}
    assert client.post("/fr/my/funds/cnr/link", data={"nss": "651102004417", **born}).status_code == 302
    code = sandbox.last_code("+213661234567")
    assert client.post("/fr/my/funds/cnr/code", data={"code": code}).status_code == 302
    return app, client


def pages(client: FlaskClient, count: int) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        assert client.get(CAREER).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(phase: str, times: list[float]) -> None:
    p95 = sorted(times)[math.ceil(len(times) * 0.95) - 1]  # nearest rank
    print(f"{phase:<44}{statistics.median(times):>9.1f}{p95:>9.1f}{max(times):>9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--timeout", type=float, default=3.0)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, running_sandbox() as sandbox:
        app, client = signed_in_and_linked(Path(folder), sandbox, arguments.timeout)
        print(f"{'phase':<44}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        sandbox.fault("cnr", "latency", seconds=arguments.latency)
        report(f"live, CNR answering in {arguments.latency * 1000:.0f} ms", pages(client, arguments.pages))
        sandbox.fault("cnr", "latency", seconds=arguments.timeout * 10)
        failures = app.config["CONNECTOR_BREAKER_FAILURES"]
        report(f"CNR silent: the first {failures} pages (breaker closed)", pages(client, failures))
        report("CNR silent: the kept page (breaker open)", pages(client, arguments.pages))
        sandbox.clear()


if __name__ == "__main__":
    main()
