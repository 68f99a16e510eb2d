"""Paying CNAS quarters on a phone, against the sandboxes of the funds and of the gateway (their own processes): an
Algerian in France pays two quarters by Visa in French and sees them paid; the same in Arabic after a declined
card, or after the card page's session expired; a payment cancelled on the card page frees the quarters; a double
submission makes one payment; a payment whose confirmation timed out waits, in French, until the reconciliation job
finds it paid; choosing quarters while the fund's system does not answer charges nothing and says so."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select, update

from portal.accounts.models import EMAIL, Account
from portal.connectors.models import LINKED, FundLink
from portal.database import utcnow
from portal.extensions import db
from portal.passwords import hash_password
from portal.payments import states
from portal.payments.models import Payment, PaymentEvent
from tests import payment_gateway
from tests.browser.conftest import axe_violations, serve
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.services.cnas.quarter_payments import NADIA_PERSON, settings

pytestmark = pytest.mark.browser
PASSWORD = "une phrase assez longue"
VISA, DECLINED, EXPIRED = "4111 1111 1111 1111", "4000 0000 0000 0002", "4000 0000 0000 0119"
EXPIRED_TEXT = "انتهت صلاحية صفحة الدفع. لم يُقتطع أي مبلغ. يمكنك البدء من جديد."
PAID = {"fr": "Votre paiement est confirmé par la banque.", "ar": "أكد البنك دفعك."}
WAITING = (
    "Nous attendons la confirmation de la banque. Cette page se met à jour d'elle-même ; ne payez pas une seconde fois."
)
TOTAL = {"fr": "93 750,00", "ar": "93 750,00"}


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


@pytest.mark.parametrize(("card", "failed"), [(DECLINED, states.DECLINED), (EXPIRED, states.EXPIRED)])
def test_in_arabic_a_failed_attempt_then_a_good_card(phone: Page, served: tuple[Flask, str], card: str,
                                                     failed: str) -> None:  # fmt: skip
    """A declined card, or the card page's session expired (the sandbox's expiry card): the citizen comes back,
    reads why in Arabic, finds the quarters still due, and pays them."""
    app, base = served
    _sign_in(phone, base, "ar")
    _quarters(phone, base, "ar")
    assert axe_violations(phone) == []
    phone.locator(".pay-quarters-visa").click()
    _card(phone, card)
    phone.wait_for_url(f"{base}/ar/payments/*")
    expect(phone.locator(f".payment-{failed}")).to_be_visible(timeout=10000)
    if failed == states.EXPIRED:
        expect(phone.locator(".payment-expired")).to_have_text(EXPIRED_TEXT)
    assert axe_violations(phone) == []
    _quarters(phone, base, "ar")  # nothing was charged: the quarters may be chosen again
    assert phone.locator("input[name=item]").count() == 2 and phone.locator(".item-pending").count() == 0
    phone.locator(".pay-quarters-visa").click()
    _card(phone, VISA)
    phone.wait_for_url(f"{base}/ar/payments/*")
    expect(phone.locator(".payment-paid")).to_have_text(PAID["ar"], timeout=10000)
    assert phone.locator("html").get_attribute("dir") == "rtl"
    _quarters(phone, base, "ar")
    assert phone.locator(".item-paid").count() == 4
    assert [payment.state for payment in _payments(app)] == [failed, states.PAID]


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


@pytest.fixture
def gateway_faults(gateway: str) -> Iterator[str]:
    """The module's gateway, for a test that injects faults: those it left unused are dropped afterwards."""
    yield gateway
    payment_gateway.clear_faults(gateway)


def test_a_timed_out_confirmation_is_found_paid_by_reconciliation(phone: Page, served: tuple[Flask, str],
                                                                   gateway_faults: str) -> None:  # fmt: skip
    app, base = served
    _sign_in(phone, base, "fr")
    _quarters(phone, base, "fr")
    phone.locator(".pay-quarters-visa").click()
    payment_gateway.inject(gateway_faults, "confirmOrder.do", "timeout", delay=4)  # longer than the platform waits
    payment_gateway.inject(gateway_faults, "getOrderStatus.do", "500", times=1000)  # and the gateway stays unwell
    _card(phone, VISA)
    phone.wait_for_url(f"{base}/fr/payments/*")
    expect(phone.locator(".payment-waiting")).to_have_text(WAITING, timeout=10000)
    phone.wait_for_timeout(4500)  # the page asked again (twice): still waiting, never paid, never an error
    assert phone.locator(".payment-outcome").count() == 0 and phone.locator(".payment-waiting").count() == 1
    assert axe_violations(phone) == []
    payment_page = phone.url
    _quarters(phone, base, "fr")
    assert phone.locator(".item-pending").count() == 2 and phone.locator("input[name=item]").count() == 0
    phone.goto(f"{base}/fr/my/payments")
    expect(phone.locator(".service-card")).to_contain_text("En attente de la banque")
    payment_gateway.clear_faults(gateway_faults)  # the gateway is well again; nobody is on the payment's page
    _reconcile_a_minute_later(app)
    phone.reload()
    expect(phone.locator(".service-card")).to_contain_text("Payé")
    phone.goto(payment_page)
    expect(phone.locator(".payment-paid")).to_have_text(PAID["fr"])
    assert phone.locator("a[download]").count() == 1
    _quarters(phone, base, "fr")
    assert phone.locator(".item-paid").count() == 4
    [payment] = _payments(app)
    assert payment.state == states.PAID
    with app.app_context():
        found = db.session.scalars(select(PaymentEvent.operation).where(PaymentEvent.state == states.PAID)).first()
    assert found == "status"  # paid by the job's status check, not by the return


def _reconcile_a_minute_later(app: Flask) -> None:
    """The reconciliation job, as the worker runs it (its task, in the app's context), once the payment has been
    quiet for the minute the job leaves to its page (its last change dated back: the clock is not the test's)."""
    with app.app_context():
        db.session.execute(update(Payment).values(updated_at=utcnow() - timedelta(minutes=2)))
        db.session.commit()
        app.extensions["jobs"].periodic["payments-reconcile"].call_local()


def test_choosing_quarters_while_the_fund_does_not_answer(phone: Page, served: tuple[Flask, str],
                                                          sandbox: Sandbox) -> None:  # fmt: skip
    app, base = served
    _sign_in(phone, base, "fr")
    _quarters(phone, base, "fr")
    sandbox.fault("cnas", "error")  # the fund's system stops answering while the page is read
    phone.locator(".pay-quarters-visa").click()
    expect(phone.locator(".payment-unavailable")).to_contain_text("Rien n’a été débité")
    assert axe_violations(phone) == []
    phone.locator(".payment-unavailable .btn-primary").click()
    phone.wait_for_url(f"{base}/fr/my/funds/cnas/contributions")
    expect(phone.locator(".pay-later")).to_be_visible()  # the quarters as last read; paying waits for the fund
    assert phone.locator("input[name=item]").count() == 0
    assert axe_violations(phone) == []
    assert _payments(app) == []
