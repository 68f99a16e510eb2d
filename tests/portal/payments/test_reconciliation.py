"""Reconciliation's job beyond the open payments: a payment left in error that the gateway paid becomes paid, one
never registered expires after two hours; and a registration sent twice at the same moment (two tabs) leaves the
payment to the request that registered it, not in error (found by bench/payments.py)."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.database import utcnow
from portal.extensions import db
from portal.payments import creation, gateways, reconciliation, states
from portal.payments.models import Payment
from portal.payments.schemas import Payable
from tests import payment_gateway
from tests.portal.payments.helpers import payments
from tests.portal.payments.office_helpers import VISA


def created(app: Flask, key: str) -> Payment:
    with app.test_request_context(base_url=app.config["BASE_URL"]):
        account_id = db.session.scalar(select(Payment.account_id)) or 1
        return creation.create(account_id, Payable("demo", "fee", 150000, "Test"), key, "fr")


def test_a_payment_in_error_that_the_gateway_paid_becomes_paid(pay_app: Flask, citizen: FlaskClient,
                                                               gateway: str) -> None:  # fmt: skip
    answer = citizen.post("/fr/payments/demo/fee", data={"key": "e" * 32})
    payment_gateway.pay_on_hosted_page(str(answer.headers["Location"]), VISA)
    payment_gateway.inject(gateway, "confirmOrder.do", "500")
    with pay_app.app_context():
        payment = db.session.scalar(select(Payment))
        assert payment is not None
        payment.confirm_sent_at = utcnow()
        db.session.commit()
    with pay_app.app_context():  # the platform's own error (its transition is allowed to be found paid later)
        db.session.execute(Payment.__table__.update().values(state=states.ERROR))
        db.session.commit()
        reconciliation.ask_not_final()
    [payment] = payments(pay_app)
    assert payment.state == states.PAID and payment.receipt_code


def test_a_payment_never_registered_expires_after_two_hours(pay_app: Flask, citizen: FlaskClient) -> None:
    citizen.post("/fr/payments/demo/fee", data={"key": "x" * 32})  # registered: kept
    with pay_app.app_context():
        db.session.execute(Payment.__table__.update().values(order_id=None, state=states.CREATED,
                                                             created_at=utcnow() - timedelta(hours=3)))  # fmt: skip
        db.session.commit()
        reconciliation.ask_not_final()
    assert [payment.state for payment in payments(pay_app)] == [states.EXPIRED]


def test_a_registration_sent_twice_at_once_is_not_an_error(pay_app: Flask, citizen: FlaskClient) -> None:
    citizen.post("/fr/payments/demo/fee", data={"key": "y" * 32})
    with pay_app.test_request_context(base_url=pay_app.config["BASE_URL"]):
        first = created(pay_app, "z" * 32)
        order = gateways.Order(first.reference, first.amount, first.currency, "", "fr", "http://x/", "http://x/")
        assert gateways.gateway(first.gateway).register(order)["errorCode"] == 0  # the other tab's call, first
        second = creation.register(first)
        assert second.state == states.CREATED and second.order_id is None  # left to the tab that registered it
