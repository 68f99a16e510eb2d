"""Paying CNAS quarters on a phone, against the sandboxes of the funds and of the gateway (their own processes): an
Algerian in France pays two quarters by Visa in French and sees them paid; the same in Arabic after a declined
card; a payment cancelled on the card page frees the quarters; a double submission makes one payment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.accounts.models import EMAIL, Account
from portal.connectors.models import LINKED, FundLink
from portal.extensions import db
from portal.passwords import hash_password
from portal.payments import states
from portal.payments.models import Payment
from tests import payment_gateway
from tests.browser.conftest import axe_violations, serve
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox, running_sandbox
from tests.services.cnas.quarter_payments import NADIA_PERSON, settings

pytestmark = pytest.mark.browser
PASSWORD = "une phrase assez longue"
VISA, DECLINED = "4111 1111 1111 1111", "4000 0000 0000 0002"
PAID = {"fr": "Votre paiement est confirmé par la banque.", "ar": "أكد البنك دفعك."}
TOTAL = {"fr": "93 750,00", "ar": "93 750,00"}


@pytest.fixture(scope="module")
def gateway() -> Iterator[str]:
    with payment_gateway.running_gateway() as base:
        yield base


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with running_sandbox() as running:
        yield running


@pytest.fixture
def served(make_app: AppFactory, sandbox: Sandbox, gateway: str) -> Iterator[tuple[Flask, str]]:
    app = make_app(**settings(sandbox, gateway))
    with app.app_context():
        account = Account(identifier="nadia@example.fr", channel=EMAIL, password_hash=hash_password(PASSWORD))
        db.session.add(account)
        db.session.flush()
        db.session.add(FundLink(account_id=account.id, fund="cnas", state=LINKED, person=NADIA_PERSON, method="code"))
        db.session.commit()
    server = serve(app)
    yield app, next(server)
    next(server, None)


def _sign_in(phone: Page, base: str, locale: str) -> None:
    phone.goto(f"{base}/{locale}/account/sign-in")
    phone.fill("#field-identifier", "nadia@example.fr")
    phone.fill("#field-password", PASSWORD)
    phone.locator("form.narrow-form button[type=submit]").click()
    phone.wait_for_url(f"{base}/{locale}/my/")


def _quarters(phone: Page, base: str, locale: str) -> None:
    phone.goto(f"{base}/{locale}/my/funds/cnas/contributions")
    assert phone.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")


def _card(phone: Page, card: str | None) -> None:
    """On the gateway's card page: a card typed and paid, or (None) the payment cancelled."""
    phone.wait_for_url("**/payment_*.html?mdOrder=*")
    if card is None:
        phone.locator("button[value=cancel]").click()
        return
    phone.fill("#pan", card)
    phone.fill("#expiry", "12/30")
    phone.fill("#cvv", "123")
    phone.fill("#name", "NADIA OUALI")
    phone.locator("button[value=pay]").click()


def _payments(app: Flask) -> list[Payment]:
    with app.app_context():
        found = list(db.session.scalars(select(Payment).order_by(Payment.id)))
        db.session.expunge_all()
        return found


def test_an_algerian_in_france_pays_two_quarters_by_visa(phone: Page, served: tuple[Flask, str]) -> None:
    app, base = served
    _sign_in(phone, base, "fr")
    _quarters(phone, base, "fr")
    assert axe_violations(phone) == []
    expect(phone.locator(".pay-items-amount")).to_have_text("93\u202f750,00")
    phone.locator("#item-2026-Q2").uncheck()  # the total follows the choice
    expect(phone.locator(".pay-items-amount")).to_have_text("46\u202f875,00")
    phone.locator("#item-2026-Q2").check()
    phone.locator(".pay-quarters-visa").click()
    _card(phone, VISA)
    phone.wait_for_url(f"{base}/fr/payments/*")
    expect(phone.locator(".payment-paid")).to_have_text(PAID["fr"], timeout=10000)
    assert phone.locator("a[download]").count() == 1  # the receipt
    _quarters(phone, base, "fr")
    assert phone.locator("input[name=item]").count() == 0
    assert phone.locator(".item-paid").count() == 4
    assert axe_violations(phone) == []
    [payment] = _payments(app)
    assert (payment.amount, payment.gateway, payment.state) == (9375000, "bdl_visa", states.PAID)


def test_in_arabic_a_declined_card_then_a_good_one(phone: Page, served: tuple[Flask, str]) -> None:
    app, base = served
    _sign_in(phone, base, "ar")
    _quarters(phone, base, "ar")
    assert axe_violations(phone) == []
    phone.locator(".pay-quarters-visa").click()
    _card(phone, DECLINED)
    phone.wait_for_url(f"{base}/ar/payments/*")
    expect(phone.locator(".payment-declined")).to_be_visible(timeout=10000)
    assert axe_violations(phone) == []
    _quarters(phone, base, "ar")  # nothing was charged: the quarters may be chosen again
    assert phone.locator("input[name=item]").count() == 2
    phone.locator(".pay-quarters-visa").click()
    _card(phone, VISA)
    phone.wait_for_url(f"{base}/ar/payments/*")
    expect(phone.locator(".payment-paid")).to_have_text(PAID["ar"], timeout=10000)
    assert phone.locator("html").get_attribute("dir") == "rtl"
    _quarters(phone, base, "ar")
    assert phone.locator(".item-paid").count() == 4
    assert [payment.state for payment in _payments(app)] == [states.DECLINED, states.PAID]


def test_a_cancelled_payment_leaves_the_quarters_due(phone: Page, served: tuple[Flask, str]) -> None:
    app, base = served
    _sign_in(phone, base, "fr")
    _quarters(phone, base, "fr")
    expect(phone.locator(".pay-items-none")).to_be_hidden()
    phone.locator("#item-2026-Q1").uncheck()
    phone.locator("#item-2026-Q2").uncheck()
    phone.locator(".pay-quarters-visa").click()  # nothing chosen: the page says so and sends nothing
    expect(phone.locator(".pay-items-none")).to_be_visible()
    assert phone.url.endswith("/fr/my/funds/cnas/contributions") and _payments(app) == []
    phone.locator("#item-2026-Q2").check()
    phone.locator(".pay-quarters-visa").click()
    _card(phone, None)
    phone.wait_for_url(f"{base}/fr/payments/*")
    expect(phone.locator(".payment-cancelled")).to_be_visible(timeout=10000)
    _quarters(phone, base, "fr")
    assert phone.locator("input[name=item]").count() == 2
    [payment] = _payments(app)
    assert (payment.state, payment.amount) == (states.CANCELLED, 4687500)


def test_a_double_submission_makes_one_payment(phone: Page, served: tuple[Flask, str]) -> None:
    app, base = served
    _sign_in(phone, base, "fr")
    _quarters(phone, base, "fr")
    second_tab = phone.context.new_page()
    _quarters(second_tab, base, "fr")
    phone.locator(".pay-quarters-visa").dblclick()
    phone.wait_for_url("**/payment_*.html?mdOrder=*")
    second_tab.locator(".pay-quarters-visa").click()  # the same quarters from another tab: to the payment under way
    second_tab.wait_for_url(f"{base}/fr/payments/*")
    [payment] = _payments(app)
    assert second_tab.url.endswith(f"/fr/payments/{payment.reference}")
    _card(phone, VISA)
    phone.wait_for_url(f"{base}/fr/payments/*")
    expect(phone.locator(".payment-paid")).to_be_visible(timeout=10000)
    assert [payment.state for payment in _payments(app)] == [states.PAID]
