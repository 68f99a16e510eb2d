"""What a refund shows, against the sandbox gateway over HTTP: the citizen reads it in my payments and on the
payment's page in their language (refunded, or partly with the amount, and the message they were sent); a refund
left "sent" has a clear state in the back office and an action, for the body's authorised staff only, that asks the
gateway its status (never a second refund), audited."""

from __future__ import annotations

import time
from collections.abc import Mapping
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.accounts import fund_refunds
from portal.extensions import db
from portal.jobs.models import Job
from portal.payments import payables
from portal.payments.models import Payment
from portal.payments.models_items import PaymentItem
from portal.payments.models_refunds import Refund
from portal.payments.schemas import Payable, PayableItem
from portal.staff.models import AuditEvent
from tests import payment_gateway
from tests.conftest import AppFactory
from tests.portal.accounts.helpers import create_account
from tests.portal.payments.helpers import CITIZEN, QUARTER
from tests.portal.payments.office_helpers import office_app, page, pay, refund, staff


@pytest.fixture
def pay_app(make_app: AppFactory, gateway: str) -> Flask:
    return office_app(make_app, gateway, PAYMENT_REFUND_APPROVAL_ABOVE=200000)


def reference(app: Flask, payment_id: int) -> str:
    with app.app_context():
        payment = db.session.get(Payment, payment_id)
        assert payment is not None
        return payment.reference


def readable(text: str) -> str:
    return text.replace("\u202f", " ")


def test_the_citizen_sees_a_partial_then_a_full_refund_in_french(pay_app: Flask, citizen: FlaskClient) -> None:
    payment_id = pay(citizen, "p" * 32, quarters=1)  # 1 500 DZD
    agent, number = staff(pay_app, "agent"), reference(pay_app, payment_id)
    refund(agent, payment_id, "500")
    mine = readable(page(citizen, "/fr/my/payments"))
    assert "Payé – remboursé en partie : 500,00 DA" in mine
    shown = readable(page(citizen, f"/fr/payments/{number}"))
    assert "Remboursé en partie : 500,00 DA." in shown
    assert "Nous vous en avons informé le" in shown
    assert f"Votre paiement {number} est remboursé" in shown  # the message's subject, as it was sent
    refund(agent, payment_id, "1000")
    mine = readable(page(citizen, "/fr/my/payments"))
    assert "Remboursé" in mine and "en partie" not in mine
    shown = readable(page(citizen, f"/fr/payments/{number}"))
    assert "Ce paiement a été remboursé." in shown and "Remboursé en totalité." in shown
    assert shown.count("Nous vous en avons informé le") == 2


def test_the_citizen_sees_the_refund_in_arabic(pay_app: Flask, citizen: FlaskClient) -> None:
    payment_id = pay(citizen, "q" * 32, locale="ar")
    refund(staff(pay_app, "agent"), payment_id, "1500")
    number = reference(pay_app, payment_id)
    shown = readable(page(citizen, f"/ar/payments/{number}"))
    assert 'lang="ar" dir="rtl"' in shown
    assert "مسترجَع بالكامل." in shown and "أعلمناكم بذلك يوم" in shown
    assert "1 500,00</span> دج – استُرجع يوم" in shown
    assert "مسترجع" in readable(page(citizen, "/ar/my/payments"))


def sent_refund(pay_app: Flask, citizen: FlaskClient, gateway: str, fault: str, key: str) -> tuple[int, int]:
    payment_id = pay(citizen, key)
    payment_gateway.inject(gateway, "refund.do", fault, delay=1.5)
    refund(staff(pay_app, "agent"), payment_id, "1500")
    with pay_app.app_context():
        found = db.session.scalar(select(Refund).where(Refund.payment_id == payment_id))
        assert found is not None and found.state == "sent"
        return payment_id, found.id


def check(client: FlaskClient, payment_id: int, refund_id: int) -> str:
    answer = client.post(f"/fr/backoffice/payments/{payment_id}/check-refund", data={"refund": refund_id},
                         follow_redirects=True)  # fmt: skip
    assert answer.status_code == 200
    return unescape(answer.get_data(as_text=True))


def test_a_refund_left_sent_is_asked_again_by_authorised_staff_only(pay_app: Flask, citizen: FlaskClient,
                                                                   gateway: str) -> None:  # fmt: skip
    payment_id, refund_id = sent_refund(pay_app, citizen, gateway, "500", "s" * 32)  # not carried out
    agent, analyst = staff(pay_app, "agent", email="verif@demo.example.dz"), staff(pay_app, "analyst")
    shown = page(agent, f"/fr/backoffice/payments/{payment_id}")
    assert "La passerelle n'a pas répondu à l'envoi de ce remboursement" in shown
    assert "Redemander à la passerelle" in shown
    assert analyst.post(f"/fr/backoffice/payments/{payment_id}/check-refund",
                        data={"refund": refund_id}).status_code == 403  # fmt: skip
    other = staff(pay_app, "agent", "pilote")
    assert other.post(f"/fr/backoffice/payments/{payment_id}/check-refund",
                      data={"refund": refund_id}).status_code == 404  # fmt: skip
    assert "il reste envoyé et ne sera jamais renvoyé" in check(agent, payment_id, refund_id)
    with pay_app.app_context():
        operations = [event.operation for event in db.session.get(Payment, payment_id).events]  # type: ignore[union-attr]
        checked = list(db.session.scalars(select(AuditEvent.actor_email)
                                          .where(AuditEvent.action == "payment.refund_checked")))  # fmt: skip
    assert operations.count("refund") == 1  # asked, never sent again
    assert checked == ["verif@demo.example.dz"]


def test_a_refund_carried_out_late_is_found_done_by_asking_again(pay_app: Flask, citizen: FlaskClient,
                                                                gateway: str) -> None:  # fmt: skip
    payment_id, refund_id = sent_refund(pay_app, citizen, gateway, "timeout", "l" * 32)
    time.sleep(1.0)  # the gateway carries it out after the platform stopped waiting
    shown = check(staff(pay_app, "agent", email="c@demo.example.dz"), payment_id, refund_id)
    assert "Le remboursement est effectué ; le citoyen en est informé." in shown
    assert "Redemander à la passerelle" not in shown
    assert "Ce remboursement n'attend plus" in check(staff(pay_app, "agent", email="b@demo.example.dz"), payment_id,
                                                     refund_id)  # fmt: skip


def held_fee(account_id: int, fields: Mapping[str, str]) -> Payable | None:
    """A quarter of the test fund's person ``P-1`` (the test fund's connector cannot cancel a payment)."""
    return Payable("demo", "fee", QUARTER, "2026-Q1", holder="P-1", items=(PayableItem("2026-Q1", QUARTER),))


def test_a_fund_that_cannot_cancel_keeps_the_quarter_held_and_both_pages_say_so(make_app: AppFactory,
                                                                               gateway: str) -> None:  # fmt: skip
    app = make_app(WTF_CSRF_ENABLED=False, **payment_gateway.settings(gateway, timeout=1.0))
    payables.declare(app, "demo", "fee", held_fee, on_refunded=fund_refunds.cancel_at_fund,
                     reverses=fund_refunds.reverses)  # fmt: skip
    citizen = app.test_client()
    create_account(app, citizen, CITIZEN)
    payment_id = pay(citizen, "h" * 32)
    agent = staff(app, "agent")
    refund(agent, payment_id, "1500")
    shown = page(agent, f"/fr/backoffice/payments/{payment_id}")
    assert "le système de cette caisse ne sait pas annuler un paiement : il reste enregistré et tenu pour payé" in shown
    with app.app_context():
        assert db.session.scalar(select(Job.id).where(Job.kind == fund_refunds.KIND)) is None
        assert db.session.scalar(select(PaymentItem.held).where(PaymentItem.payment_id == payment_id)) is True
    assert "corrige elle-même son dossier" in page(citizen, f"/fr/payments/{reference(app, payment_id)}")
    again = citizen.post("/fr/payments/demo/fee", data={"key": "i" * 32})  # still held: to the refunded payment
    assert again.headers["Location"] == f"/fr/payments/{reference(app, payment_id)}"
