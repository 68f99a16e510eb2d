"""Paying on a phone, in French and in Arabic, against the sandbox gateway (its own process): the gateway's card
page, then the platform's return page, which waits for the bank's late answer by itself and is axe-clean in the
language's direction, as is my payments' list."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.accounts.models import EMAIL, Account
from portal.extensions import db
from portal.passwords import hash_password
from portal.payments import creation
from portal.payments.models import Payment
from portal.payments.schemas import Payable
from tests import payment_gateway
from tests.browser.conftest import axe_violations, serve
from tests.conftest import AppFactory

pytestmark = pytest.mark.browser
PASSWORD = "une phrase assez longue"
PAID = {"fr": "Votre paiement est confirmé par la banque.", "ar": "أكد البنك دفعك."}


@pytest.fixture
def pay_app(make_app: AppFactory, gateway: str) -> Flask:
    return make_app(**payment_gateway.settings(gateway))


def started_payment(app: Flask, identifier: str, locale: str) -> str:
    """An account, and a payment of it registered at the gateway: the gateway's hosted page."""
    with app.test_request_context(base_url=app.config["BASE_URL"]):
        account = Account(identifier=identifier, channel=EMAIL, password_hash=hash_password(PASSWORD))
        db.session.add(account)
        db.session.commit()
        payable = Payable("demo", "fee", 300000, "Cotisations : 2 trimestres")
        payment = creation.register(creation.create(account.id, payable, "k" * 32, locale))
        return payment.form_url


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_a_citizen_pays_on_a_phone_and_the_page_waits_for_the_bank(
    phone: Page, pay_app: Flask, gateway: str, locale: str
) -> None:
    identifier = f"payeur-{locale}@example.dz"
    form_url = started_payment(pay_app, identifier, locale)
    server = serve(pay_app)
    base = next(server)
    try:
        phone.goto(f"{base}/{locale}/account/sign-in")
        phone.fill("#field-identifier", identifier)
        phone.fill("#field-password", PASSWORD)
        phone.locator("form.narrow-form button[type=submit]").click()
        phone.wait_for_url(f"{base}/{locale}/my/")
        phone.goto(form_url)
        assert phone.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
        assert axe_violations(phone) == []  # the sandbox's card page too
        phone.fill("#pan", "4111 1111 1111 1111")
        phone.fill("#expiry", "12/30")
        phone.fill("#cvv", "123")
        phone.fill("#name", "AMINE SAADI")
        payment_gateway.inject(gateway, "confirmOrder.do", "late")  # the bank's answer comes after the return
        phone.locator("button[value=pay]").click()
        phone.wait_for_url(f"{base}/{locale}/payments/*")
        assert phone.locator(".payment-waiting").count() == 1
        assert axe_violations(phone) == []  # the waiting page
        expect(phone.locator(".payment-paid")).to_have_text(PAID[locale], timeout=10000)
        assert phone.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
        assert axe_violations(phone) == []
        code = phone.locator("a[download]").get_attribute("href")
        assert code is not None and code.endswith("/receipt.pdf")
        phone.goto(f"{base}/{locale}/my/payments")
        assert axe_violations(phone) == []
        assert phone.locator(".service-card").count() == 1
        with pay_app.app_context():
            receipt_code = db.session.scalars(select(Payment.receipt_code)).one()
        phone.goto(f"{base}/{locale}/verify/{receipt_code}")
        assert phone.locator(".payment-paid").count() == 1
        assert axe_violations(phone) == []
    finally:
        next(server, None)
