"""A refund seen by the citizen on a phone, against the sandboxes of the funds and of the gateway (their own
processes): Nadia pays two quarters by Visa; CNAS refunds them in full (an agent asks, above the threshold an
administrator approves: the back office's refund form has its own browser test); once CNAS has cancelled the
payment in its record, she signs in and reads, in French, the payment refunded in my payments and on its page, the
message she was sent, and the quarters due again, which she may pay anew. Axe-clean on every page."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.jobs import ledger
from portal.jobs.models import DONE, Job
from portal.payments import refunds, states
from portal.payments.models import Payment
from portal.staff.models import User
from tests import payment_gateway
from tests.browser.conftest import axe_violations
from tests.browser.test_backoffice import sign_in
from tests.browser.test_payment_office import SIDEWAYS
from tests.portal.backoffice.helpers import create_user
from tests.services.browser.test_quarter_payments import (  # noqa: F401 - the fixtures and steps of paying quarters
    VISA,
    _card,
    _quarters,
    _sign_in,
    served,
)

pytestmark = pytest.mark.browser


def _pay_two_quarters(phone: Page, base: str) -> None:
    _sign_in(phone, base, "fr")
    _quarters(phone, base, "fr")
    phone.locator(".pay-quarters-visa").click()
    _card(phone, VISA)
    phone.wait_for_url(f"{base}/fr/payments/*")
    expect(phone.locator(".payment-paid")).to_be_visible(timeout=10000)


def _run_jobs(app: Flask) -> list[str | None]:
    """The worker's part: the payment recorded at CNAS, then (the refund) cancelled there."""
    with app.app_context():
        ids = list(db.session.scalars(select(Job.id).where(Job.kind.in_(("fund-write", "fund-cancel")))
                                      .order_by(Job.kind.desc(), Job.id)))  # fmt: skip
        return [ledger.run(job_id) for job_id in ids]


def _refund_in_full(app: Flask) -> None:
    """An agent asks the refund of the whole amount (above the threshold); an administrator approves it."""
    asker, approver = create_user(app, "agent", "cnas").id, create_user(app, "body_admin", "cnas").id
    with app.app_context():
        payment = db.session.scalar(select(Payment))
        assert payment is not None and payment.state == states.PAID
        refund = refunds.ask(payment, payment.amount, "Erreur de montant", db.session.get_one(User, asker))
        assert refund.state == "awaiting"
        assert refunds.approve(refund, db.session.get_one(User, approver)).state == "done"


def test_the_citizen_sees_her_quarters_refunded_then_due_again(
    phone: Page,
    served: tuple[Flask, str],  # noqa: F811 - the fixture imported above
) -> None:
    app, base = served
    _pay_two_quarters(phone, base)
    _refund_in_full(app)
    assert _run_jobs(app) == [DONE] * 4  # two quarters recorded, then both cancelled
    phone.goto(f"{base}/fr/my/payments")
    expect(phone.locator(".payment-state")).to_have_text("Remboursé")
    assert axe_violations(phone) == []
    phone.locator(".service-card h2 a").click()
    expect(phone.locator(".payment-refunded")).to_have_text("Ce paiement a été remboursé.")
    expect(phone.locator(".payment-refund-state")).to_have_text("Remboursé en totalité.")
    expect(phone.locator(".payment-notice")).to_contain_text("Nous vous en avons informé le")
    expect(phone.locator(".payment-notice q")).to_contain_text("est remboursé")
    expect(phone.locator(".payment-items li")).to_have_count(2)
    for line in phone.locator(".payment-items li").all():
        expect(line).to_contain_text("À nouveau dû : vous pouvez le payer depuis votre espace.")
    assert axe_violations(phone) == []
    _quarters(phone, base, "fr")
    assert phone.locator("input[name=item]").count() == 2  # due again: she may pay them anew


def test_an_agent_asks_the_gateway_again_about_a_refund_left_sent(
    phone: Page,
    served: tuple[Flask, str],  # noqa: F811 - the fixture imported above
    gateway: str,
) -> None:
    app, base = served
    _pay_two_quarters(phone, base)
    phone.context.clear_cookies()
    agent = create_user(app, "agent", "cnas")
    payment_gateway.inject(gateway, "refund.do", "500")  # the gateway's answer is lost: the refund stays sent
    with app.app_context():
        payment = db.session.scalar(select(Payment))
        assert payment is not None
        refund = refunds.ask(payment, 100000, "", db.session.get_one(User, agent.id))
        assert refund.state == "sent"
        payment_id = payment.id
    sign_in(phone, base, agent.email)
    phone.goto(f"{base}/fr/backoffice/payments/{payment_id}")
    expect(phone.locator(".refund-sent")).to_contain_text("Il n'est jamais renvoyé")
    expect(phone.locator(".payment-items li")).to_have_count(2)
    assert phone.evaluate(SIDEWAYS) <= 0
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Redemander à la passerelle").click()
    expect(phone.locator(".alert-warning").first).to_contain_text("il reste envoyé et ne sera jamais renvoyé")
    assert axe_violations(phone) == []
