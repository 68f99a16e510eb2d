"""Paying end to end against the sandbox gateway over HTTP: each test card's outcome, idempotency, the faults
(a timeout on confirm, a 500, a late success), another account's payment, no card number on the platform."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.payments import confirmation, creation, history, states
from portal.payments.models import Payment, PaymentEvent
from portal.staff.models import AuditEvent
from tests import payment_gateway
from tests.conftest import AppFactory
from tests.portal.accounts.helpers import create_account
from tests.portal.dossiers.test_acknowledgement import pdf_text
from tests.portal.payments.helpers import CITIZEN, QUARTER, declare, fee, payments, start

VISA, DECLINED, INSUFFICIENT = "4111111111111111", "4000000000000002", "4000000000009995"
EXPIRY, CHALLENGE, CIB = "4000000000000119", "4000000000003220", "6280580610061011"
KEY = "a" * 32


def back(client: FlaskClient, return_url: str) -> str:
    """The browser arrives back on the platform: the page it shows."""
    parts = urlsplit(return_url)
    page = client.get(f"{parts.path}?{parts.query}")
    assert page.status_code == 200, page.status_code
    return unescape(page.get_data(as_text=True))


@pytest.mark.parametrize(
    ("card", "code", "state", "shown"),
    [
        (CIB, "", states.PAID, "Votre paiement est confirmé par la banque."),
        (DECLINED, "", states.DECLINED, "La banque a refusé le paiement."),
        (INSUFFICIENT, "", states.DECLINED, "La banque a refusé le paiement."),
        (None, "", states.CANCELLED, "Vous avez annulé le paiement."),
        (EXPIRY, "", states.EXPIRED, "La page de paiement a expiré."),
        (CHALLENGE, "123456", states.PAID, "Votre paiement est confirmé par la banque."),
        (CHALLENGE, "000000", states.DECLINED, "La banque a refusé le paiement."),
    ],
)
def test_each_test_card_ends_as_the_gateway_says(pay_app: Flask, citizen: FlaskClient, card: str | None,
                                                 code: str, state: str, shown: str) -> None:  # fmt: skip
    form_url = start(citizen, KEY)
    assert form_url.startswith("http://127.0.0.1:") and "payment_fr.html?mdOrder=" in form_url
    page = back(citizen, payment_gateway.pay_on_hosted_page(form_url, card, code))
    assert shown in page
    [payment] = payments(pay_app)
    assert payment.state == state and payment.amount == QUARTER and isinstance(payment.amount, int)
    assert [event.operation for event in payment.events] == ["create", "register", "confirm"]


def test_the_amount_charged_is_the_sum_of_the_quarters_and_nothing_of_the_card_is_stored(
    pay_app: Flask, citizen: FlaskClient
) -> None:
    back(citizen, payment_gateway.pay_on_hosted_page(start(citizen, KEY, quarters=3), VISA))
    [payment] = payments(pay_app)
    assert (payment.state, payment.amount) == (states.PAID, 3 * QUARTER)
    with pay_app.app_context():
        stored = json.dumps([event.answer for event in db.session.scalars(select(PaymentEvent))])
        audited = json.dumps([event.details for event in db.session.scalars(select(AuditEvent))])
    for text in (stored, audited):
        assert VISA not in text and "411111" not in text and "1111" not in text and "Pan" not in text
    assert '"previous": "started", "state": "paid"' in audited


def test_the_same_key_twice_makes_one_payment(pay_app: Flask, citizen: FlaskClient) -> None:
    first = start(citizen, KEY)
    assert start(citizen, KEY) == first  # a double click: the same hosted page
    assert len(payments(pay_app)) == 1
    answer = citizen.post("/fr/payments/demo/fee", data={"key": KEY, "quarters": "2"})
    assert answer.status_code == 409  # the key of another amount
    start(citizen, "b" * 32)
    assert len(payments(pay_app)) == 2


def test_a_confirmation_that_times_out_is_checked_by_status_later(pay_app: Flask, citizen: FlaskClient,
                                                                  gateway: str) -> None:  # fmt: skip
    return_url = payment_gateway.pay_on_hosted_page(start(citizen, KEY), VISA)
    payment_gateway.inject(gateway, "confirmOrder.do", "timeout", delay=2.5)
    page = back(citizen, return_url)
    assert "Nous attendons la confirmation de la banque" in page and "Vérifier à nouveau" in page
    assert payments(pay_app)[0].state == states.STARTED
    with pay_app.app_context():
        assert confirmation.check_open_payments(quiet=timedelta(0)) == 1
    [payment] = payments(pay_app)
    assert payment.state == states.PAID
    assert [event.operation for event in payment.events] == ["create", "register", "confirm", "status"]


def test_a_refresh_after_a_timeout_asks_the_status_never_confirms_again(pay_app: Flask, citizen: FlaskClient,
                                                                        gateway: str) -> None:  # fmt: skip
    return_url = payment_gateway.pay_on_hosted_page(start(citizen, KEY), VISA)
    payment_gateway.inject(gateway, "confirmOrder.do", "timeout", delay=2.5)
    back(citizen, return_url)
    assert "Votre paiement est confirmé par la banque." in back(citizen, return_url)
    assert payments(pay_app)[0].events[-1].operation == "status"


def test_a_500_at_registration_shows_an_error_and_keeps_the_payment(pay_app: Flask, citizen: FlaskClient,
                                                                    gateway: str) -> None:  # fmt: skip
    payment_gateway.inject(gateway, "register.do", "500")
    answer = citizen.post("/fr/payments/demo/fee", data={"key": KEY})
    page = unescape(citizen.get(answer.headers["Location"]).get_data(as_text=True))
    assert "Le service de paiement n'a pas répondu. Rien n'a été débité" in page
    [payment] = payments(pay_app)
    assert payment.state == states.ERROR
    assert payment.events[-1].answer == {"unavailable": "register.do: HTTP 500"}


def test_a_500_on_confirmation_is_found_paid_afterwards(pay_app: Flask, citizen: FlaskClient,
                                                        gateway: str) -> None:  # fmt: skip
    return_url = payment_gateway.pay_on_hosted_page(start(citizen, KEY), VISA)
    payment_gateway.inject(gateway, "confirmOrder.do", "500")
    assert "Nous attendons la confirmation de la banque" in back(citizen, return_url)
    assert "Votre paiement est confirmé par la banque." in back(citizen, return_url)


def test_a_late_success_becomes_paid_when_the_status_says_so(pay_app: Flask, citizen: FlaskClient,
                                                             gateway: str) -> None:  # fmt: skip
    return_url = payment_gateway.pay_on_hosted_page(start(citizen, KEY), VISA)
    payment_gateway.inject(gateway, "confirmOrder.do", "late")
    assert "Nous attendons la confirmation de la banque" in back(citizen, return_url)
    reference = payments(pay_app)[0].reference
    assert citizen.get(f"/fr/payments/{reference}/state.json").get_json() == {"state": "paid", "final": True}


def test_another_account_cannot_see_my_payment(pay_app: Flask, citizen: FlaskClient) -> None:
    start(citizen, KEY)
    reference = payments(pay_app)[0].reference
    other = pay_app.test_client()
    create_account(pay_app, other, "autre@example.dz")
    assert other.get(f"/fr/payments/{reference}").status_code == 404
    assert other.get(f"/fr/payments/{reference}/state.json").status_code == 404
    assert reference not in other.get("/fr/my/payments").get_data(as_text=True)
    assert reference in citizen.get("/fr/my/payments").get_data(as_text=True)


def test_visa_abroad_goes_through_the_gateway_configured_for_it(pay_app: Flask, citizen: FlaskClient) -> None:
    back(citizen, payment_gateway.pay_on_hosted_page(start(citizen, KEY, purpose="abroad"), VISA))
    [payment] = payments(pay_app)
    assert (payment.gateway, payment.state) == ("bdl_visa", states.PAID)


def test_in_arabic_the_card_page_and_the_return_page_are_right_to_left(pay_app: Flask, citizen: FlaskClient) -> None:
    form_url = start(citizen, KEY, locale="ar")
    assert "payment_ar.html" in form_url
    assert 'dir="rtl"' in requests.get(form_url, timeout=5).text
    page = back(citizen, payment_gateway.pay_on_hosted_page(form_url, VISA))
    assert 'dir="rtl"' in page and "أكد البنك دفعك." in page


def test_a_refund_and_a_reversal(pay_app: Flask, citizen: FlaskClient) -> None:
    back(citizen, payment_gateway.pay_on_hosted_page(start(citizen, KEY), VISA))
    start(citizen, "b" * 32)
    with pay_app.app_context():
        paid, open_ = db.session.scalars(select(Payment).order_by(Payment.id))
        with pytest.raises(states.TransitionError):
            confirmation.refund(paid, paid.amount - 1)  # only what was paid
        assert confirmation.refund(paid, paid.amount).state == states.REFUNDED
        assert confirmation.reverse(open_).state == states.CANCELLED
        with pytest.raises(states.TransitionError):
            confirmation.refund(paid, paid.amount)


def test_a_replayed_return_changes_nothing(pay_app: Flask, citizen: FlaskClient) -> None:
    return_url = payment_gateway.pay_on_hosted_page(start(citizen, KEY), VISA)
    for _replay in range(3):
        assert "Votre paiement est confirmé par la banque." in back(citizen, return_url)
    [payment] = payments(pay_app)
    assert [event.operation for event in payment.events] == ["create", "register", "confirm"]


def test_a_move_made_meanwhile_elsewhere_is_seen_not_overwritten(pay_app: Flask, citizen: FlaskClient) -> None:
    start(citizen, KEY)
    with pay_app.app_context():
        stale = db.session.scalars(select(Payment)).one()
        with pay_app.app_context():  # another request, or the job, on its own session
            other = db.session.scalars(select(Payment)).one()
            history.step(other, "status", {"OrderStatus": 2}, states.PAID)
            db.session.commit()
        history.step(stale, "confirm", {"OrderStatus": 2}, states.PAID)  # already paid: recorded, not moved twice
        db.session.commit()
        with pytest.raises(states.TransitionError):
            history.step(stale, "status", {}, states.DECLINED)
        db.session.rollback()
        moves = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "payment.state")).all()
        assert [move.details["state"] for move in moves] == ["created", "started", "paid"]


def test_a_paid_payment_has_a_receipt_in_the_payers_language_verifiable_by_its_code(
    pay_app: Flask, citizen: FlaskClient
) -> None:
    page = back(citizen, payment_gateway.pay_on_hosted_page(start(citizen, KEY, locale="ar"), VISA))
    [payment] = payments(pay_app)
    assert payment.receipt_code is not None and f"/ar/payments/{payment.reference}/receipt.pdf" in page
    document = citizen.get(f"/fr/payments/{payment.reference}/receipt.pdf")
    assert document.status_code == 200 and document.mimetype == "application/pdf"
    text = pdf_text(document.data)
    assert "وصل الدفع" in text and payment.receipt_code in text  # in Arabic, the language it was paid in
    anyone = pay_app.test_client()  # the code is checked without an account
    checked = unescape(anyone.get(f"/fr/verify/{payment.receipt_code.lower()}").get_data(as_text=True))
    assert "Ce reçu a bien été délivré par la plateforme." in checked and "1\u202f500,00" in checked
    assert CITIZEN not in checked
    assert anyone.get("/fr/verify/AAAA-BBBB-CCCC").status_code == 404
    assert anyone.get(f"/fr/payments/{payment.reference}/receipt.pdf").status_code in (302, 401, 404)


def test_someone_signed_out_is_sent_to_sign_in_and_nothing_is_created(pay_app: Flask) -> None:
    answer = pay_app.test_client().post("/fr/payments/demo/fee", data={"key": KEY})
    assert answer.status_code == 302 and "/fr/account/sign-in" in answer.headers["Location"]
    assert payments(pay_app) == []


def test_the_gateway_password_is_read_from_its_file(make_app: AppFactory, gateway: str, tmp_path: Path) -> None:
    secret = tmp_path / "gateway-password"
    secret.write_text(payment_gateway.PASSWORD + "\n")
    settings = payment_gateway.settings(gateway)
    for name in ("PAYMENT_SATIM", "PAYMENT_BDL_VISA"):
        settings[name] = {**settings[name], "password": "", "password_file": str(secret)}
    app = make_app(WTF_CSRF_ENABLED=False, **settings)
    declare(app)
    client = app.test_client()
    create_account(app, client, "fichier@example.dz")
    assert "payment_fr.html" in start(client, KEY)


def test_a_payment_abandoned_on_the_gateways_page_expires(pay_app: Flask, citizen: FlaskClient) -> None:
    start(citizen, KEY)  # the citizen never comes back
    with pay_app.app_context():
        payment = db.session.scalars(select(Payment)).one()
        payment.created_at -= confirmation.ABANDONED_AFTER + timedelta(minutes=1)
        db.session.commit()
        assert confirmation.check_open_payments(quiet=timedelta(0)) == 1
    [payment] = payments(pay_app)
    assert payment.state == states.EXPIRED
    assert [event.operation for event in payment.events] == ["create", "register", "status"]  # never confirmed


def test_the_same_key_at_the_same_moment_in_several_requests_makes_one_payment(
    pay_app: Flask, citizen: FlaskClient
) -> None:
    start(citizen, "c" * 32)  # the account exists and has paid nothing under KEY
    with pay_app.app_context():
        account_id = db.session.scalars(select(Payment.account_id)).one()
    payable = fee(account_id, {"quarters": "2"})
    assert payable is not None
    references: list[str] = []

    def create() -> None:
        with pay_app.app_context():
            references.append(creation.create(account_id, payable, KEY, "fr").reference)

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(references) == 8 and len(set(references)) == 1
    assert len(payments(pay_app)) == 2
