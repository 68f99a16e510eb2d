"""The back office's payment tests: paid payments made through the sandbox gateway, staff signed in."""

from __future__ import annotations

from collections.abc import Mapping
from html import unescape
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.payments import payables
from portal.payments.models import Payment
from portal.payments.schemas import Payable
from tests import payment_gateway
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user, sign_in
from tests.portal.payments.helpers import QUARTER, declare

VISA = "4111111111111111"


def pilot_fee(account_id: int, fields: Mapping[str, str]) -> Payable | None:
    return Payable("pilote", "fee", QUARTER, "Pilot fee")


def declare_both(app: Flask) -> None:
    """The test fund's payables, and another body's (for scoping)."""
    declare(app)
    payables.declare(app, "pilote", "fee", pilot_fee)


def office_app(make_app: AppFactory, gateway: str, orders: bool = False, **settings: object) -> Flask:
    """An app paying through the sandbox gateway with both bodies' payables declared; ``orders``: the gateway's
    list of orders is known too (the reconciliation's settlement report)."""
    paying = payment_gateway.settings(gateway, timeout=1.0)
    if orders:
        paying["PAYMENT_SATIM"] = {**paying["PAYMENT_SATIM"], "orders_url": gateway + "/sandbox/orders"}
    app = make_app(WTF_CSRF_ENABLED=False, **paying, **settings)
    declare_both(app)
    return app


def pay(citizen: FlaskClient, key: str, body: str = "demo", quarters: int = 1, locale: str = "fr") -> int:
    """The citizen pays with the Visa test card: the payment's id."""
    answer = citizen.post(f"/{locale}/payments/{body}/fee", data={"key": key, "quarters": str(quarters)})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    back = urlsplit(payment_gateway.pay_on_hosted_page(str(answer.headers["Location"]), VISA))
    assert citizen.get(f"{back.path}?{back.query}").status_code == 200
    reference = back.path.rsplit("/", 1)[1]
    app = citizen.application
    with app.app_context():
        payment = db.session.scalar(select(Payment).where(Payment.reference == reference))
        assert payment is not None and payment.state == "paid"
        return payment.id


def staff(app: Flask, role: str, body: str = "demo", email: str | None = None) -> FlaskClient:
    client = app.test_client()
    sign_in(client, create_user(app, role, body, email))
    return client


def page(client: FlaskClient, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200, answer.status_code
    return unescape(answer.get_data(as_text=True))


def refund(client: FlaskClient, payment_id: int, amount: str, reason: str = "Doublon") -> str:
    """A member of staff refunds ``amount`` (DZD, as typed in the form): the page they are shown next."""
    answer = client.post(f"/fr/backoffice/payments/{payment_id}/refund", data={"amount": amount, "reason": reason},
                         follow_redirects=True)  # fmt: skip
    assert answer.status_code == 200
    return unescape(answer.get_data(as_text=True))
