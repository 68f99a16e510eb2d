"""Paying CNAS quarters of the voluntary affiliation abroad, over HTTP against the sandboxes of the funds and of
the gateway: the quarters due are chosen and paid by Visa (BDL) or CIB (SATIM), the amount is the sum of what the
fund states, the quarters are then shown paid, and each is written to the fund's record by a job retried until the
fund answers. A double click, two tabs, a replayed return never make two payments nor pay a quarter twice."""

from __future__ import annotations

import re
import uuid
from html import unescape
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.jobs import ledger
from portal.jobs.models import DONE, QUEUED
from portal.payments import states
from portal.payments.models import Payment
from portal.payments.models_items import PaymentItem
from tests import payment_gateway
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.helpers import create_account
from tests.portal.payments.helpers import payments
from tests.services.cnas.quarter_payments import NADIA_PERSON, QUARTER, fund_writes, link_nadia, settings

VISA, DECLINED, CIB = "4111111111111111", "4000000000000002", "6280580610061011"
IDENTIFIER = "nadia@example.fr"


@pytest.fixture
def quarters_app(make_app: AppFactory, sandbox: Sandbox, gateway: str) -> Flask:
    return make_app(WTF_CSRF_ENABLED=False, **settings(sandbox, gateway))


@pytest.fixture
def nadia(quarters_app: Flask, sandbox: Sandbox) -> FlaskClient:
    client = quarters_app.test_client()
    create_account(quarters_app, client, IDENTIFIER)
    link_nadia(client, sandbox)
    return client


def _page(client: FlaskClient, locale: str = "fr") -> str:
    answer = client.get(f"/{locale}/my/funds/cnas/contributions")
    assert answer.status_code == 200
    return unescape(answer.get_data(as_text=True)).replace("\u202f", " ")


def _choices(page: str) -> list[str]:
    return re.findall(r'name="item" value="([^"]+)"', page)


def _pay(client: FlaskClient, quarters: list[str], key: str = "", card: str = "visa") -> str:
    answer = client.post(f"/fr/payments/cnas/quarters-{card}", data={"key": key or uuid.uuid4().hex,
                                                                    "item": quarters})  # fmt: skip
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return str(answer.headers["Location"])


def _back(client: FlaskClient, return_url: str) -> str:
    parts = urlsplit(return_url)
    page = client.get(f"{parts.path}?{parts.query}")
    assert page.status_code == 200
    return unescape(page.get_data(as_text=True))


def test_two_quarters_paid_by_visa_are_shown_paid_and_written_to_the_fund_after_a_failure(
    quarters_app: Flask, nadia: FlaskClient, sandbox: Sandbox
) -> None:
    page = _page(nadia)
    assert _choices(page) == ["2026-Q2", "2026-Q1"]
    assert "Total à payer : 93 750,00" in page or "93 750,00" in page
    form_url = _pay(nadia, ["2026-Q1", "2026-Q2"])
    assert "payment_fr.html?mdOrder=" in form_url
    paid = _back(nadia, payment_gateway.pay_on_hosted_page(form_url, VISA))
    assert "Votre paiement est confirmé par la banque." in paid
    [payment] = payments(quarters_app)
    assert (payment.amount, payment.gateway, payment.state) == (2 * QUARTER, "bdl_visa", states.PAID)
    page = _page(nadia)  # paid here, before the fund is told: shown paid, no longer to choose
    assert _choices(page) == [] and page.count("item-paid") == 4
    jobs = fund_writes(quarters_app)
    keys = [f"{payment.reference}-2026-Q1", f"{payment.reference}-2026-Q2"]
    assert sorted(job.payload["key"] for job in jobs) == keys
    sandbox.fault("cnas", "error", times=1)
    with quarters_app.app_context():
        assert ledger.run(jobs[0].id) == QUEUED  # the fund failed: retried later
        ledger.retry(jobs[0].id)
        db.session.commit()
        assert [ledger.run(job.id) for job in jobs] == [DONE, DONE]
    recorded = sorted((line["quarter"], line["amount"], line["person"]) for line in sandbox.payments())
    assert recorded == [("2026-Q1", 46875.0, NADIA_PERSON), ("2026-Q2", 46875.0, NADIA_PERSON)]
    assert all(line["receipt"] == payment.receipt_code for line in sandbox.payments())


def test_cib_from_algeria_goes_through_satim(quarters_app: Flask, nadia: FlaskClient) -> None:
    form_url = _pay(nadia, ["2026-Q1"], card="cib")
    _back(nadia, payment_gateway.pay_on_hosted_page(form_url, CIB))
    [payment] = payments(quarters_app)
    assert (payment.amount, payment.gateway, payment.state) == (QUARTER, "satim", states.PAID)


@pytest.mark.parametrize("quarters", [["2025-Q3"], ["2026-Q3"], ["2026-Q1", "2019-Q1"], []])
def test_only_quarters_due_are_paid(quarters_app: Flask, nadia: FlaskClient, quarters: list[str]) -> None:
    answer = nadia.post("/fr/payments/cnas/quarters-visa", data={"key": uuid.uuid4().hex, "item": quarters})
    assert answer.status_code == 404 and payments(quarters_app) == []


def test_a_double_click_makes_one_payment(quarters_app: Flask, nadia: FlaskClient) -> None:
    key = uuid.uuid4().hex
    assert _pay(nadia, ["2026-Q1"], key) == _pay(nadia, ["2026-Q1"], key)
    assert len(payments(quarters_app)) == 1


def test_a_second_tab_is_sent_to_the_payment_already_open(quarters_app: Flask, nadia: FlaskClient) -> None:
    _pay(nadia, ["2026-Q1", "2026-Q2"])
    [first] = payments(quarters_app)
    assert _pay(nadia, ["2026-Q2"]) == f"/fr/payments/{first.reference}"  # another key, a quarter already held
    assert len(payments(quarters_app)) == 1
    assert "Paiement en cours" in _page(nadia)


def test_a_replayed_return_pays_once_and_writes_once(quarters_app: Flask, nadia: FlaskClient) -> None:
    return_url = payment_gateway.pay_on_hosted_page(_pay(nadia, ["2026-Q1"]), VISA)
    for _again in range(3):
        assert "Votre paiement est confirmé par la banque." in _back(nadia, return_url)
    [payment] = payments(quarters_app)
    assert payment.state == states.PAID and [event.operation for event in payment.events].count("confirm") == 1
    assert len(fund_writes(quarters_app)) == 1
    assert _pay(nadia, ["2026-Q1"]) == f"/fr/payments/{payment.reference}"  # paid already: that payment, shown
    assert len(payments(quarters_app)) == 1


def test_a_declined_payment_frees_its_quarters(quarters_app: Flask, nadia: FlaskClient) -> None:
    declined = _back(nadia, payment_gateway.pay_on_hosted_page(_pay(nadia, ["2026-Q1"]), DECLINED))
    assert "La banque a refusé le paiement." in declined
    assert _choices(_page(nadia)) == ["2026-Q2", "2026-Q1"]
    _back(nadia, payment_gateway.pay_on_hosted_page(_pay(nadia, ["2026-Q1"]), VISA))
    assert [payment.state for payment in payments(quarters_app)] == [states.DECLINED, states.PAID]
    assert len(fund_writes(quarters_app)) == 1  # the declined one wrote nothing


def test_the_database_refuses_a_second_held_item(quarters_app: Flask, nadia: FlaskClient) -> None:
    _pay(nadia, ["2026-Q1"])
    _pay(nadia, ["2026-Q2"])
    first, second = payments(quarters_app)
    with quarters_app.app_context():
        db.session.add(PaymentItem(payment_id=second.id, body="cnas", holder=NADIA_PERSON, item="2026-Q1",
                                   amount=QUARTER))  # fmt: skip
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.session.add(PaymentItem(payment_id=second.id, body="cnas", holder=NADIA_PERSON, item="2026-Q1",
                                   amount=QUARTER, held=False))  # fmt: skip
        db.session.commit()  # a released item does not count
        held = db.session.scalars(select(PaymentItem.payment_id).where(PaymentItem.held, PaymentItem.item == "2026-Q1"))
        assert list(held) == [first.id]
        assert db.session.get(Payment, first.id) is not None


def test_paying_while_the_fund_does_not_answer_charges_nothing_and_says_so(quarters_app: Flask, nadia: FlaskClient,
                                                                          sandbox: Sandbox) -> None:  # fmt: skip
    quarters_app.config["CONNECTOR_BREAKER_SECONDS"] = 0.0  # the fund is called again as soon as it is back
    assert _choices(_page(nadia)) == ["2026-Q2", "2026-Q1"]  # the page drawn while the fund answered
    sandbox.fault("cnas", "error")  # then its system stops answering
    for locale, said in (("fr", "Le système d’information de"), ("ar", "النظام المعلوماتي لـ")):
        answer = nadia.post(f"/{locale}/payments/cnas/quarters-visa", data={"key": uuid.uuid4().hex,
                                                                           "item": ["2026-Q1"]})  # fmt: skip
        page = unescape(answer.get_data(as_text=True))
        assert (answer.status_code, answer.headers["Retry-After"]) == (503, "120")
        assert said in page and f'href="/{locale}/my/funds/cnas/contributions"' in page
    assert "لم يُقتطع أي مبلغ" in page
    assert payments(quarters_app) == []
    kept = _page(nadia)  # the quarters as last read, and no choice that would fail
    assert _choices(kept) == [] and "pay-later" in kept and "Vous pourrez choisir et payer dès que" in kept
    sandbox.clear()
    assert _choices(_page(nadia)) == ["2026-Q2", "2026-Q1"]
    assert "payment_fr.html?mdOrder=" in _pay(nadia, ["2026-Q1"])


def test_coming_back_while_the_fund_does_not_answer_finds_the_payment_kept(quarters_app: Flask, nadia: FlaskClient,
                                                                          sandbox: Sandbox) -> None:  # fmt: skip
    key = uuid.uuid4().hex
    return_url = payment_gateway.pay_on_hosted_page(_pay(nadia, ["2026-Q1"], key), VISA)
    sandbox.fault("cnas", "error")
    [payment] = payments(quarters_app)
    mine = f"/fr/payments/{payment.reference}"
    assert _pay(nadia, ["2026-Q1"], key) == mine  # the Back button, the same form sent again
    assert _pay(nadia, ["2026-Q1", "2026-Q2"]) == mine  # the quarters chosen again on a new page
    assert "Votre paiement est confirmé par la banque." in _back(nadia, return_url)  # the return needs no fund
    [payment] = payments(quarters_app)
    assert payment.state == states.PAID and len(fund_writes(quarters_app)) == 1  # written once the fund answers
    refused = nadia.post("/fr/payments/cnas/quarters-visa", data={"key": uuid.uuid4().hex, "item": ["2026-Q2"]})
    assert refused.status_code == 503 and "Rien n’a été débité" in unescape(refused.get_data(as_text=True))
