"""The back office's payments: scoped by body (an agent of one never sees another's), the filters and the CSV,
a payment's full history, the daily report by settlement day, and the mismatches that reconciliation finds
between the sandbox gateway's orders and the payments here."""

from __future__ import annotations

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.clock import ALGIERS
from portal.extensions import db
from portal.payments import reconciliation, states
from portal.payments.models import Payment
from portal.payments.models_refunds import Mismatch
from tests.conftest import AppFactory
from tests.portal.payments.office_helpers import office_app, page, pay, staff


@pytest.fixture
def pay_app(make_app: AppFactory, gateway: str) -> Flask:
    return office_app(make_app, gateway, orders=True)


def reference(app: Flask, payment_id: int) -> str:
    with app.app_context():
        payment = db.session.get(Payment, payment_id)
        assert payment is not None
        return payment.reference


def test_an_agent_sees_only_their_body_s_payments(pay_app: Flask, citizen: FlaskClient) -> None:
    ours, theirs = pay(citizen, "o" * 32), pay(citizen, "p" * 32, body="pilote")
    agent = staff(pay_app, "agent")
    listed = page(agent, "/fr/backoffice/payments")
    assert reference(pay_app, ours) in listed and reference(pay_app, theirs) not in listed
    assert agent.get(f"/fr/backoffice/payments/{theirs}").status_code == 404
    exported = agent.get("/fr/backoffice/payments.csv").get_data(as_text=True)
    assert reference(pay_app, ours) in exported and reference(pay_app, theirs) not in exported
    assert exported.startswith("\ufeffRéférence,Créé,Objet")
    other = staff(pay_app, "agent", "pilote")
    assert other.get(f"/fr/backoffice/payments/{ours}").status_code == 404
    assert staff(pay_app, "editor").get("/fr/backoffice/payments").status_code == 403


def test_the_filters_and_a_payment_s_history(pay_app: Flask, citizen: FlaskClient) -> None:
    paid = pay(citizen, "h" * 32)
    citizen.post("/fr/payments/demo/fee", data={"key": "s" * 32})  # started, never paid
    agent = staff(pay_app, "agent")
    only_paid = page(agent, "/fr/backoffice/payments?state=paid&purpose=fee&since=2000-01-01")
    assert "1 paiement affiché" in only_paid and reference(pay_app, paid) in only_paid
    assert "Aucun paiement ne correspond" in page(agent, "/fr/backoffice/payments?until=2000-01-01")
    history = page(agent, f"/fr/backoffice/payments/{paid}")
    for shown in ("create", "register", "confirm", '"OrderStatus": 2', "Payé", "Reste remboursable"):
        assert shown in history
    assert "Pan" not in history and "4111" not in history
    arabic = page(agent, f"/ar/backoffice/payments/{paid}")
    assert 'dir="rtl"' in arabic and "سجل الدفع" in arabic and "المتبقي القابل للاسترجاع" in arabic


def test_the_daily_report_by_settlement_day(pay_app: Flask, citizen: FlaskClient) -> None:
    pay(citizen, "d" * 32, quarters=2)
    pay(citizen, "e" * 32)
    pay(citizen, "g" * 32, body="pilote")
    agent = staff(pay_app, "agent")
    assert "4\u202f500,00" in page(agent, "/fr/backoffice/payments/report")
    exported = agent.get("/fr/backoffice/payments/report.csv").get_data(as_text=True).splitlines()
    with pay_app.app_context():
        day = db.session.scalars(select(Payment.paid_at)).first()
    assert day is not None
    assert exported[1:] == [f"{day.astimezone(ALGIERS).date().isoformat()},2,450000,0,450000"]


def test_mismatches_are_flagged_to_the_body_s_agents(pay_app: Flask, citizen: FlaskClient, gateway: str) -> None:
    lost = pay(citizen, "m" * 32)
    with pay_app.app_context():  # the platform lost the gateway's answer: it reads expired, the bank took the money
        db.session.execute(Payment.__table__.update().where(Payment.id == lost).values(state=states.EXPIRED))
        db.session.commit()
    requests.post(gateway + "/sandbox/orders", json={"orderNumber": "9999999901", "amount": 250000}, timeout=5)
    with pay_app.app_context():
        reconciliation.payments_reconcile()
        reconciliation.payments_reconcile()  # run again: nothing flagged twice
        found = {(row.order_number, row.kind) for row in db.session.scalars(select(Mismatch))}
    assert ("9999999901", reconciliation.UNKNOWN_HERE) in found
    assert (reference(pay_app, lost), reconciliation.NOT_PAID_HERE) in found
    assert len(found) == len({number for number, _ in found})
    agent = staff(pay_app, "agent")
    assert "à vérifier" in page(agent, "/fr/backoffice/payments")
    listed = page(agent, "/fr/backoffice/payments/mismatches")
    assert "Payé à la passerelle, inconnu ici" in listed and "9999999901" in listed
    assert "Payé à la passerelle, non payé ici" in listed and reference(pay_app, lost) in listed
    assert reference(pay_app, lost) not in page(staff(pay_app, "agent", "pilote"), "/fr/backoffice/payments/mismatches")
    with pay_app.app_context():
        mismatch = db.session.scalar(select(Mismatch.id).where(Mismatch.order_number == "9999999901"))
    agent.post("/fr/backoffice/payments/mismatches/resolve", data={"mismatch": mismatch})
    assert "9999999901" not in page(agent, "/fr/backoffice/payments/mismatches")
