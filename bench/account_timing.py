"""How long the account's pages answer for an address that has an account and for one that has none, with the real
password hash (Werkzeug's scrypt): the answers are the same (tests/portal/accounts/test_enumeration.py); this prints
whether their times tell them apart (a ratio near 1 says they do not).

Each round sends, from a fresh client, the sign-up form, the request for a new password and a sign-in with a wrong
password, alternating the two addresses; the throttles' counts are emptied between requests (they would refuse the
repeated requests), outside the time measured.

Usage: ``.venv/bin/python -m bench.account_timing [--rounds 20]``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.dossiers.models import OutboxMessage
from portal.dossiers.notifications import text_to_send
from portal.extensions import db, limiter
from tests.apps import prepare_database

KNOWN, UNKNOWN = "connue@example.dz", "inconnue@example.dz"
PASSWORD = "une phrase assez longue"  # noqa: S105 - the bench's own account
Step = Callable[[FlaskClient, str], object]
STEPS: dict[str, Step] = {
    "sign-up": lambda client, address: client.post("/fr/account/sign-up", data={
        "identifier": address, "password": PASSWORD, "again": PASSWORD}),
    "new password": lambda client, address: client.post("/fr/account/password", data={"identifier": address}),
    "sign-in, wrong password": lambda client, address: client.post("/fr/account/sign-in", data={
        "identifier": address, "password": "pas le bon mot de passe"}),
}  # fmt: skip


def app_with_an_account(folder: Path) -> Flask:
    app = create_app({"ENV": "testing", "TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}", "BASE_URL": "http://localhost",
                      "JOBS_BROKER": "memory://", "RATELIMIT_STORAGE_URI": "memory://"})  # fmt: skip
    prepare_database(app)
    client = app.test_client()
    STEPS["sign-up"](client, KNOWN)
    with app.app_context():
        message = db.session.get(OutboxMessage, 1)
        assert message is not None
        found = re.search(r"\b\d{6}\b", text_to_send(message))
        assert found is not None
        code = found.group(0)
    assert client.post("/fr/account/verify", data={"code": code}).status_code == 302
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        app = app_with_an_account(Path(folder))
        print(f"{'page':<26}{'with account ms':>17}{'without ms':>12}{'ratio':>8}")
        for name, step in STEPS.items():
            times: dict[str, list[float]] = {KNOWN: [], UNKNOWN: []}
            for _ in range(rounds):
                for address in (KNOWN, UNKNOWN):
                    client = app.test_client()
                    start = time.perf_counter()
                    step(client, address)
                    times[address].append((time.perf_counter() - start) * 1000)
                    with app.app_context():
                        limiter.reset()
            known, unknown = statistics.median(times[KNOWN]), statistics.median(times[UNKNOWN])
            print(f"{name:<26}{known:>17.1f}{unknown:>12.1f}{known / unknown:>8.2f}")


if __name__ == "__main__":
    main()
