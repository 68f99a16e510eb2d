"""Refunds in the back office against the sandbox gateway over HTTP: the amount limits (partial refunds, never
more than what is left), the four-eyes rule above the threshold, a refund that times out (checked by status,
never sent again), the citizen told in their language, every step audited."""

from __future__ import annotations

import threading
import time
from html import unescape

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.payments import refunds, states
from portal.payments.models import Payment
from portal.payments.models_refunds import Refund
from portal.staff.models import AuditEvent
from tests import payment_gateway
from tests.conftest import AppFactory
from tests.portal.accounts.helpers import messages_to
from tests.portal.payments.helpers import CITIZEN
from tests.portal.payments.office_helpers import office_app, page, pay, refund, staff


@pytest.fixture
def pay_app(make_app: AppFactory, gateway: str) -> Flask:
    return office_app(make_app, gateway, PAYMENT_REFUND_APPROVAL_ABOVE=200000)


def stored(app: Flask, payment_id: int) -> tuple[str, list[tuple[int, str]]]:
    with app.app_context():
        payment = db.session.get(Payment, payment_id)
        assert payment is not None
        rows = db.session.scalars(select(Refund).where(Refund.payment_id == payment_id).order_by(Refund.id))
        return payment.state, [(row.amount, row.state) for row in rows]


def test_partial_refunds_within_what_is_left(pay_app: Flask, citizen: FlaskClient) -> None:
    payment_id = pay(citizen, "r" * 32, quarters=1)  # 1 500 DZD
    agent = staff(pay_app, "agent")
    shown = refund(agent, payment_id, "500")
    assert "Le remboursement est effectué ; le citoyen en est informé." in shown
    assert "1\u202f000,00" in shown  # still refundable
    assert "Le montant doit être supérieur à zéro et au plus égal à ce qui reste remboursable." in refund(
        agent, payment_id, "1000,01"
    )
    assert "Le montant doit" in refund(agent, payment_id, "0")
    assert "Le montant doit" in refund(agent, payment_id, "abc")
    assert stored(pay_app, payment_id) == (states.PAID, [(50000, "done")])
    refund(agent, payment_id, "1000")
    assert stored(pay_app, payment_id) == (states.REFUNDED, [(50000, "done"), (100000, "done")])
    assert "Seul un paiement payé peut être remboursé." in refund(agent, payment_id, "1")
    [told, *_] = [message for message in messages_to(pay_app, CITIZEN) if "rembours" in message.subject]
    assert "a remboursé 500,00 DZD de votre paiement" in told.text.replace("\u202f", " ")


def test_above_the_threshold_a_second_person_approves(pay_app: Flask, citizen: FlaskClient) -> None:
    payment_id = pay(citizen, "f" * 32, quarters=2)  # 3 000 DZD, above the 2 000 DZD threshold
    first, second = staff(pay_app, "agent"), staff(pay_app, "body_admin")
    assert "une seconde personne doit l'approuver" in refund(first, payment_id, "3000")
    with pay_app.app_context():
        refund_id = db.session.scalar(select(Refund.id).where(Refund.payment_id == payment_id))
    assert "Approuver ce remboursement" not in page(first, f"/fr/backoffice/payments/{payment_id}")
    same = first.post(f"/fr/backoffice/payments/{payment_id}/approve", data={"refund": refund_id},
                      follow_redirects=True)  # fmt: skip
    assert "La personne qui a demandé un remboursement ne peut pas l'approuver" in unescape(same.get_data(as_text=True))
    assert stored(pay_app, payment_id) == (states.PAID, [(300000, "awaiting")])
    assert "le montant restant" not in page(second, f"/fr/backoffice/payments/{payment_id}")
    second.post(f"/fr/backoffice/payments/{payment_id}/approve", data={"refund": refund_id})
    assert stored(pay_app, payment_id) == (states.REFUNDED, [(300000, "done")])
    with pay_app.app_context():
        actions = [(event.action, event.actor_email) for event in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action.like("payment.refund%")).order_by(AuditEvent.id))]  # fmt: skip
    assert actions == [("payment.refund", "agent@demo.example.dz"),
                       ("payment.refund_approved", "body_admin@demo.example.dz"),
                       ("payment.refund_state", "gateway")]  # fmt: skip


def test_a_refund_that_times_out_is_checked_never_sent_again(pay_app: Flask, citizen: FlaskClient,
                                                             gateway: str) -> None:  # fmt: skip
    payment_id = pay(citizen, "t" * 32)
    payment_gateway.inject(gateway, "refund.do", "timeout", delay=1.5)  # carried out, answered too late
    assert "Envoyé, réponse attendue" in refund(staff(pay_app, "agent"), payment_id, "1500")
    assert stored(pay_app, payment_id) == (states.PAID, [(150000, "sent")])
    time.sleep(1.0)  # the gateway carries the refund out after the platform stopped waiting
    with pay_app.app_context():
        assert refunds.check_sent_refunds() == 1  # the job asks its status: done, without a second refund.do
    assert stored(pay_app, payment_id) == (states.REFUNDED, [(150000, "done")])
    with pay_app.app_context():
        payment = db.session.get(Payment, payment_id)
        assert payment is not None
        operations = [event.operation for event in payment.events]
        listed = requests.get(gateway + "/sandbox/orders", timeout=5).json()["orders"]
    assert operations.count("refund") == 2  # the unanswered call, then the status check that found it done
    assert [order["refundedAmount"] for order in listed if order["orderId"] == payment.order_id] == [150000]


def test_a_refund_whose_answer_is_lost_stays_sent_until_the_status_says(pay_app: Flask, citizen: FlaskClient,
                                                                        gateway: str) -> None:  # fmt: skip
    payment_id = pay(citizen, "u" * 32)
    payment_gateway.inject(gateway, "refund.do", "500")  # not carried out; the platform cannot know
    shown = refund(staff(pay_app, "agent"), payment_id, "700")
    assert "La passerelle n'a pas encore répondu : le remboursement ne sera pas renvoyé" in shown
    assert "Envoyé, réponse attendue" in shown
    with pay_app.app_context():
        assert refunds.check_sent_refunds() == 1
    assert stored(pay_app, payment_id) == (states.PAID, [(70000, "sent")])  # never sent a second time
    assert "Le montant doit" in refund(staff(pay_app, "agent", email="autre@demo.example.dz"), payment_id, "900")


def test_the_citizen_is_told_in_arabic(pay_app: Flask, citizen: FlaskClient) -> None:
    payment_id = pay(citizen, "a" * 32, locale="ar")
    refund(staff(pay_app, "agent"), payment_id, "1500")
    [told] = [message for message in messages_to(pay_app, CITIZEN) if message.subject.startswith("تم استرجاع")]
    assert told.locale == "ar" and "مبلغ 1\u202f500,00 دج من دفعتكم" in told.text


def test_two_refunds_asked_at_the_same_moment_never_exceed_what_was_paid(pay_app: Flask, citizen: FlaskClient) -> None:
    payment_id = pay(citizen, "c" * 32)  # 1 500 DZD
    agents = [staff(pay_app, "agent", email=f"agent{index}@demo.example.dz") for index in range(2)]
    barrier = threading.Barrier(2)

    def ask(agent: FlaskClient) -> None:
        barrier.wait()
        refund(agent, payment_id, "1000")

    threads = [threading.Thread(target=ask, args=(agent,)) for agent in agents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    _, rows = stored(pay_app, payment_id)
    assert sum(amount for amount, state in rows if state == "done") == 100000  # one of them; the other refused
