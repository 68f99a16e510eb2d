"""An agent on a phone, in Arabic and French, reads a payment's full history and refunds part of it, against the
sandbox gateway (its own process): no sideways scrolling, axe-clean before and after the refund, as are the list of
payments, the daily report and the mismatches."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.payments import confirmation
from portal.payments.models import Payment
from tests import payment_gateway
from tests.browser.conftest import axe_violations, serve
from tests.browser.test_backoffice import sign_in
from tests.browser.test_payments import started_payment
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user

pytestmark = pytest.mark.browser
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
DONE = {"fr": "Le remboursement est effectué ; le citoyen en est informé.", "ar": "تم الاسترجاع؛ وأُعلم المواطن بذلك."}


@pytest.fixture
def pay_app(make_app: AppFactory, gateway: str) -> Flask:
    return make_app(**payment_gateway.settings(gateway))


def paid(app: Flask, locale: str) -> int:
    """A payment of 3 000 DZD, paid with the Visa test card on the gateway's page and confirmed by the job."""
    payment_gateway.pay_on_hosted_page(started_payment(app, f"rembourse-{locale}@example.dz", locale),
                                       "4111111111111111")  # fmt: skip
    with app.app_context():
        confirmation.check_open_payments(quiet=timedelta(0))
        payment = db.session.scalar(select(Payment))
        assert payment is not None and payment.state == "paid"
        return payment.id


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_an_agent_refunds_part_of_a_payment_on_a_phone(phone: Page, pay_app: Flask, locale: str) -> None:
    payment_id = paid(pay_app, locale)
    agent = create_user(pay_app, "agent", "demo")
    server = serve(pay_app)
    base = next(server)
    try:
        sign_in(phone, base, agent.email)
        phone.goto(f"{base}/{locale}/backoffice/payments/{payment_id}")
        assert phone.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
        assert (
            phone.locator(".payment-history tbody tr").count() == 3
        )  # create, register, the status that found it paid
        assert phone.evaluate(SIDEWAYS) <= 0
        assert axe_violations(phone) == []
        phone.fill("#refund-amount", "1000")
        phone.locator(".payment-refund-form button[type=submit]").click()
        expect(phone.locator(".alert-success")).to_have_text(DONE[locale])
        expect(phone.locator(".payment-refundable")).to_contain_text("2\u202f000,00")
        assert phone.evaluate(SIDEWAYS) <= 0
        assert axe_violations(phone) == []
        for page in ("", "/report", "/mismatches"):  # the list, the daily report, the mismatches
            phone.goto(f"{base}/{locale}/backoffice/payments{page}")
            assert phone.evaluate(SIDEWAYS) <= 0, page
            assert axe_violations(phone) == [], page
    finally:
        next(server, None)
