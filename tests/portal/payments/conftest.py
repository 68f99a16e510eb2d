"""The payments' tests speak to the sandbox gateway over HTTP: one process per test module (faults injected by a
module stay in it), and an app pointed at it with a payable declared. Modules that need other settings define their
own ``pay_app``."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests import payment_gateway
from tests.conftest import AppFactory
from tests.portal.accounts.helpers import create_account
from tests.portal.payments.helpers import CITIZEN, declare


@pytest.fixture
def pay_app(make_app: AppFactory, gateway: str) -> Flask:
    app = make_app(WTF_CSRF_ENABLED=False, **payment_gateway.settings(gateway, timeout=1.0))
    declare(app)
    return app


@pytest.fixture
def citizen(pay_app: Flask) -> FlaskClient:
    """``CITIZEN``'s client, signed up and signed in on the module's ``pay_app``."""
    client = pay_app.test_client()
    create_account(pay_app, client, CITIZEN)
    return client
