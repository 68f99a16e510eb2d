"""Payments under concurrency: 200 payments created and confirmed at once against the sandbox gateway.

The sandbox gateway runs as its own process and is spoken to over real HTTP (register.do, the hosted card page
where the cardholder types the Visa test card, confirmOrder.do, getOrderStatus.do); the platform runs in this
process (its own functions, ``creation.create``/``register`` and ``confirmation.settle``, each call in its own app
context from a pool of threads, on a SQLite file migrated and synced as ``make run`` does): no hosted service
declares a payable on main yet, so the payment page cannot be driven under gunicorn as ``bench.http`` does.
Every payment is created twice at the same moment with the same idempotency key (a double click) and confirmed
twice at the same moment (two tabs). Prints each phase's throughput, p50 and p95, then the counts compared: one
payment per key, every one paid, confirmOrder.do sent once each, the gateway's deposited orders equal to the
payments paid here. It prints figures; it is not a test.

Usage: ``.venv/bin/python -m bench.payments [--payments 200] [--threads 32] [--port 0]``
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import requests
from flask import Flask
from sqlalchemy import select

from portal import PROJECT_ROOT, create_app
from portal.accounts.models import EMAIL, Account
from portal.extensions import db
from portal.payments import confirmation, creation
from portal.payments.models import Payment, PaymentEvent
from portal.payments.schemas import Payable
from tests import payment_gateway
from tests.apps import prepare_database

USER, PASSWORD = "bench", "bench-gateway-password"
VISA = "4111111111111111"
AMOUNT = 150000  # 1 500 DZD


@contextmanager
def sandbox(port: int) -> Iterator[str]:
    """The sandbox gateway on 127.0.0.1:``port`` (0: a free port)."""
    if port == 0:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
    env = {**os.environ, "SANDBOX_GATEWAY_USER": USER, "SANDBOX_GATEWAY_PASSWORD": PASSWORD}
    script = PROJECT_ROOT / "sandbox" / "gateway" / "server.py"
    process = subprocess.Popen([sys.executable, str(script), "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if requests.get(base + "/sandbox/health", timeout=1).ok:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def platform(database: str, base: str) -> Flask:
    gateway = {"url": base + "/payment/rest", "user": USER, "password": PASSWORD, "terminal": "E010900000"}
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database,
                      "PAYMENT_SATIM": gateway, "PAYMENT_ROUTES": {"*": "satim"}, "PAYMENT_TIMEOUT": 10.0,
                      "PAYMENT_POLL_INTERVAL": 0})  # fmt: skip
    prepare_database(app)
    return app


def accounts(app: Flask, count: int) -> list[int]:
    with app.app_context():
        rows = [Account(identifier=f"bench-{index}@example.dz", channel=EMAIL, password_hash="-")  # noqa: S106
                for index in range(count)]  # fmt: skip
        db.session.add_all(rows)
        db.session.commit()
        return [row.id for row in rows]


def timed(threads: int, tasks: list[Callable[[], Any]]) -> tuple[list[Any], list[float], float]:
    """Run ``tasks`` on a pool: their results, each one's seconds, the whole phase's seconds."""

    def one(task: Callable[[], Any]) -> tuple[Any, float]:
        started = time.perf_counter()
        try:
            result = task()
        except Exception as error:
            result = error
        return result, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        done = list(pool.map(one, tasks))
    return [result for result, _ in done], [seconds for _, seconds in done], time.perf_counter() - started


def failures(results: list[Any]) -> int:
    """How many tasks failed; the kinds of failure printed."""
    kinds = Counter(f"{type(item).__name__}: {str(item)[:100]}" for item in results if isinstance(item, Exception))
    for kind, number in kinds.most_common(3):
        print(f"    {number} x {kind}")
    return sum(kinds.values())


def report(name: str, seconds: list[float], total: float, failures: int) -> None:
    p95 = statistics.quantiles(seconds, n=20)[18] if len(seconds) >= 20 else max(seconds)
    print(f"{name:<28} {len(seconds) / total:8.1f}/s  p50 {statistics.median(seconds) * 1000:7.1f} ms  "
          f"p95 {p95 * 1000:7.1f} ms  failures {failures}")  # fmt: skip


def run(app: Flask, base: str, count: int, threads: int) -> None:
    owners = accounts(app, count)
    keys = [(owners[index], f"bench-key-{index:04d}-{'x' * 16}") for index in range(count)]
    payable = Payable("cnas", "bench", AMOUNT, "Bench")

    def create(account_id: int, key: str) -> str:
        with app.test_request_context(base_url=app.config["BASE_URL"]):
            payment = creation.create(account_id, payable, key, "fr")
            return creation.register(payment).reference

    def settle(reference: str) -> str:
        with app.app_context():
            payment = db.session.scalar(select(Payment).where(Payment.reference == reference))
            assert payment is not None
            return confirmation.settle(payment).state

    results, seconds, total = timed(threads, [partial(create, *pair) for pair in keys for _ in (1, 2)])
    report("create + register (x2 key)", seconds, total, failures(results))
    references = sorted({item for item in results if isinstance(item, str)})
    with app.app_context():
        forms = dict(db.session.execute(select(Payment.reference, Payment.form_url)).all())
    cards, seconds, total = timed(threads, [partial(payment_gateway.pay_on_hosted_page, forms[ref], VISA)
                                            for ref in references])  # fmt: skip
    report("cardholder on hosted page", seconds, total, failures(cards))
    results, seconds, total = timed(threads, [partial(settle, ref) for ref in references for _ in (1, 2)])
    report("confirm (x2 tabs)", seconds, total, failures(results))
    counts(app, base, count)


def counts(app: Flask, base: str, count: int) -> None:
    """No duplicate, no lost state: the counts compared, here and at the gateway."""
    with app.app_context():
        payments = list(db.session.scalars(select(Payment)))
        confirms = Counter(
            db.session.scalars(select(PaymentEvent.payment_id).where(PaymentEvent.operation == "confirm"))
        )
    listed = requests.get(base + "/sandbox/orders", timeout=10).json()["orders"]
    deposited = {order["OrderNumber"] for order in listed if order["OrderStatus"] == 2}
    paid_here = {payment.reference for payment in payments if payment.state == "paid"}
    checks = {
        "payments (one per key)": (len(payments), count),
        "distinct idempotency keys": (len({(p.account_id, p.idempotency_key) for p in payments}), count),
        "paid here": (len(paid_here), count),
        "confirmOrder.do once per payment": (sum(1 for n in confirms.values() if n == 1), count),
        "orders registered at the gateway": (len(listed), count),
        "deposited at the gateway = paid here": (len(deposited & paid_here), len(deposited | paid_here)),
        "sum charged (centimes)": (sum(p.amount for p in payments if p.state == "paid"), count * AMOUNT),
    }
    print("states here:", dict(Counter(payment.state for payment in payments)))
    for name, (found, expected) in checks.items():
        print(f"{name:<40} {found:>10} expected {expected:>10}  {'OK' if found == expected else 'MISMATCH'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=200)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--port", type=int, default=0, help="the sandbox gateway's port (0: a free one)")
    parser.add_argument("--database", default="", help="an empty database's URL (default: a new SQLite file)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, sandbox(arguments.port) as base:
        database = arguments.database or f"sqlite:///{Path(folder) / 'payments.db'}"
        app = platform(database, base)
        print(f"{arguments.payments} payments, {arguments.threads} threads, sandbox gateway at {base} (HTTP), "
              f"platform in process on {database.partition(':')[0]}")  # fmt: skip
        run(app, base, arguments.payments, arguments.threads)


if __name__ == "__main__":
    main()
