"""The platform with the test fund pointed at the sandbox funds' CNR interface, and quick settings for faults."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask

from portal.accounts.models import Account
from portal.connectors import linking
from portal.extensions import db
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox

AMINA = {"nss": "870314012345", "nin": "109870123456789012", "birth_date": date(1987, 3, 14), "phone": "+213550123456"}
KARIM = {"nss": "651102004417", "nin": "119650987654321098", "birth_date": date(1965, 11, 2), "phone": "+213661234567"}


@pytest.fixture
def connected_app(make_app: AppFactory, funds_sandbox: Sandbox) -> Flask:
    return make_app(WTF_CSRF_ENABLED=False, FUND_URLS={"demo": funds_sandbox.fund_url("cnr")},
                    CONNECTOR_TIMEOUT=1.0, CONNECTOR_RETRY_DELAY=0.01, CONNECTOR_BREAKER_FAILURES=3)  # fmt: skip


def new_account(app: Flask, identifier: str = "reader@example.dz") -> int:
    with app.app_context():
        account = Account(identifier=identifier, channel="email", password_hash="-")
        db.session.add(account)
        db.session.commit()
        return account.id


def linked_account(app: Flask, person: dict[str, object] = AMINA) -> int:
    """An account linked to the person's records at the test fund, by the NIN (the fund's real answer)."""
    account_id = new_account(app)
    with app.app_context():
        assert linking.by_nin(account_id, "demo", str(person["nin"]), person["birth_date"])  # type: ignore[arg-type]
    return account_id
