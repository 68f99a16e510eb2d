"""Reconciliation reads the payments a batch at a time (``PAYMENT_RECONCILE_BATCH``, by keyset on the id): with
more payments than a batch, every payment not final is still asked exactly once, no query reads more than a batch,
and every listed order and every payment paid here is compared once; the refunds left "sent" are read the same
way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select

from portal.accounts.models import Account
from portal.database import utcnow
from portal.extensions import db
from portal.payments import creation, gateways, reconciliation, refunds, states
from portal.payments.models import Payment
from portal.payments.models_refunds import DONE, SENT, Mismatch, Refund
from portal.payments.schemas import Payable
from tests import payment_gateway
from tests.conftest import AppFactory
from tests.portal.accounts.helpers import create_account
from tests.portal.backoffice.helpers import create_user
from tests.portal.payments.helpers import declare, payments
from tests.portal.payments.office_helpers import pay

BATCH = 2
FROM = {table: re.compile(rf"\bFROM {table}\b(?!_)") for table in ("payment", "refund")}


@pytest.fixture
def pay_app(make_app: AppFactory, gateway: str) -> Flask:
    settings = payment_gateway.settings(gateway, timeout=1.0)
    settings["PAYMENT_SATIM"] = {**settings["PAYMENT_SATIM"], "orders_url": gateway + "/sandbox/orders"}
    app = make_app(WTF_CSRF_ENABLED=False, PAYMENT_RECONCILE_BATCH=BATCH, **settings)
    declare(app)
    return app


@pytest.fixture
def account_id(pay_app: Flask) -> int:
    create_account(pay_app, pay_app.test_client(), "lots@example.dz")
    with pay_app.app_context():
        return int(db.session.scalars(select(Account.id)).one())


def make_payments(app: Flask, account_id: int, prefix: str, count: int, registered: bool = True) -> list[int]:
    """``count`` payments of the account, registered at the sandbox gateway (started) or not (created)."""
    ids = []
    with app.test_request_context(base_url=app.config["BASE_URL"]):
        for number in range(count):
            payment = creation.create(account_id, Payable("demo", "fee", 150000, "Test"), f"{prefix}{number:031d}",
                                      "fr")  # fmt: skip
            ids.append((creation.register(payment) if registered else payment).id)
    return ids


def set_rows(app: Flask, ids: list[int], **values: object) -> None:
    with app.app_context():
        db.session.execute(Payment.__table__.update().where(Payment.id.in_(ids)).values(**values))
        db.session.commit()


@contextmanager
def payment_selects(app: Flask, table: str = "payment") -> Iterator[list[str]]:
    """The SELECTs on the payment table (or ``table``) sent meanwhile."""
    seen: list[str] = []

    def note(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and FROM[table].search(statement):
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def status_checks(app: Flask) -> dict[int, int]:
    return {payment.id: [event.operation for event in payment.events].count("status") for payment in payments(app)}


def test_every_payment_not_final_is_asked_once_in_batches(pay_app: Flask, account_id: int) -> None:
    opened = make_payments(pay_app, account_id, "o", 5)
    in_error = make_payments(pay_app, account_id, "e", 3)
    abandoned = make_payments(pay_app, account_id, "a", 3, registered=False)
    set_rows(pay_app, opened + in_error, updated_at=utcnow() - timedelta(minutes=2))
    set_rows(pay_app, in_error, state=states.ERROR)
    set_rows(pay_app, abandoned, created_at=utcnow() - timedelta(hours=3))
    with payment_selects(pay_app) as seen, pay_app.app_context():
        assert reconciliation.ask_not_final() == len(opened) + len(in_error)
    assert status_checks(pay_app) == dict.fromkeys(opened + in_error + abandoned, 1)
    states_now = {payment.id: payment.state for payment in payments(pay_app)}
    assert {states_now[payment_id] for payment_id in opened} == {states.STARTED}  # registered, never paid
    assert {states_now[payment_id] for payment_id in abandoned} == {states.EXPIRED}
    batched = [statement for statement in seen if "LIMIT" in statement]
    assert len(batched) >= 3 * 2  # each of the three kinds took more than one batch
    assert all("LIMIT" in statement or "payment.id = " in statement for statement in seen), seen


def test_every_order_and_every_payment_paid_here_is_compared_once(pay_app: Flask, account_id: int,
                                                                   gateway: str) -> None:  # fmt: skip
    unknown = [f"88888888{number:02d}" for number in range(5)]
    for number in unknown:  # paid at the gateway, never registered here
        requests.post(gateway + "/sandbox/orders", json={"orderNumber": number, "amount": 150000}, timeout=5)
    lost = make_payments(pay_app, account_id, "p", 3, registered=False)  # paid here (so it says), never listed
    for payment_id in lost:
        set_rows(pay_app, [payment_id], state=states.PAID, order_id=f"gone-{payment_id}")
    with pay_app.app_context():
        flagged = reconciliation.compare("satim")
        assert reconciliation.compare("satim") == 0  # run again: nothing flagged twice
        found = [(row.order_number, row.kind) for row in db.session.scalars(select(Mismatch))]
    references = [payment.reference for payment in payments(pay_app)]
    expected = {(number, reconciliation.UNKNOWN_HERE) for number in unknown}
    expected |= {(number, reconciliation.NOT_PAID_AT_GATEWAY) for number in references}
    assert expected <= set(found) and len(found) == len(set(found)) == flagged


def test_every_refund_left_sent_is_asked_again_in_batches(pay_app: Flask, citizen: FlaskClient) -> None:
    paid = [pay(citizen, f"r{number:031d}") for number in range(5)]
    agent = create_user(pay_app, "agent").id
    with pay_app.app_context():
        for payment in db.session.scalars(select(Payment).where(Payment.id.in_(paid)).order_by(Payment.id)):
            db.session.add(Refund(payment=payment, amount=50000, state=SENT, asked_by_id=agent))
            if payment.id in paid[:3]:  # the gateway carried these out, but its answers were lost
                gateways.gateway(payment.gateway).refund(str(payment.order_id), 50000)
        db.session.commit()
    with payment_selects(pay_app, "refund") as seen, pay_app.app_context():
        assert refunds.check_sent_refunds() == 5
    with pay_app.app_context():
        shown = db.session.execute(select(Refund.payment_id, Refund.state).order_by(Refund.payment_id)).all()
    assert shown == [(payment_id, DONE) for payment_id in paid[:3]] + [
        (payment_id, SENT) for payment_id in paid[3:]]  # fmt: skip
    assert len([statement for statement in seen if "LIMIT" in statement]) == 3  # 2 + 2 + 1
