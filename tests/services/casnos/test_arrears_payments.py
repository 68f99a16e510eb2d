"""Paying CASNOS arrears online, against the sandboxes of the funds and of the gateway: the years still owed on the
retirement account are chosen and paid by CIB (SATIM); once paid, each year is written to the fund's record by a
job, the fund's connector checked against sandbox/funds/openapi/casnos.yaml, and the arrears go down."""

from __future__ import annotations

import re
import uuid
from datetime import date
from html import unescape
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.jobs import ledger
from portal.jobs.models import DONE
from portal.payments import states
from tests import payment_gateway
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.helpers import create_account
from tests.portal.payments.helpers import payments
from tests.services.cnas.quarter_payments import fund_writes, settings
from tests.services.connectors import checked

YACINE = {"nss": "790621033210", "birth_date-day": "21", "birth_date-month": "6", "birth_date-year": "1979"}
PAGE = "/fr/my/funds/casnos/retirement-account"
CIB = "6280580610061011"


@pytest.fixture
def arrears_app(make_app: AppFactory, sandbox: Sandbox, gateway: str) -> Flask:
    return make_app(WTF_CSRF_ENABLED=False, **settings(sandbox, gateway))


@pytest.fixture
def yacine(arrears_app: Flask, sandbox: Sandbox) -> FlaskClient:
    client = arrears_app.test_client()
    create_account(arrears_app, client, "yacine@example.dz")
    client.post("/fr/my/funds/casnos/link", data=YACINE)
    client.post("/fr/my/funds/casnos/code", data={"code": sandbox.last_code("+213770112233")})
    return client


def _choices(client: FlaskClient) -> list[str]:
    page = client.get(PAGE)
    assert page.status_code == 200
    return re.findall(r'name="item" value="([^"]+)"', page.get_data(as_text=True))


def test_a_year_of_arrears_is_paid_by_cib_and_written_to_casnos(arrears_app: Flask, yacine: FlaskClient,
                                                                sandbox: Sandbox) -> None:  # fmt: skip
    assert _choices(yacine) == ["2024", "2023"]  # 127 500 DZD and 40 000 DZD still owed
    answer = yacine.post("/fr/payments/casnos/arrears", data={"key": uuid.uuid4().hex, "item": ["2023"]})
    assert answer.status_code == 303
    return_url = payment_gateway.pay_on_hosted_page(str(answer.headers["Location"]), CIB)
    parts = urlsplit(return_url)
    shown = unescape(yacine.get(f"{parts.path}?{parts.query}").get_data(as_text=True))
    assert "Votre paiement est confirmé par la banque." in shown
    [payment] = payments(arrears_app)
    assert (payment.amount, payment.gateway, payment.state) == (4000000, "satim", states.PAID)
    assert _choices(yacine) == ["2024"]
    [job] = fund_writes(arrears_app)
    with arrears_app.app_context():
        assert ledger.run(job.id) == DONE
        db.session.commit()
    [recorded] = sandbox.payments()
    assert (recorded["year"], recorded["amount"], recorded["receipt"]) == (2023, 40000.0, payment.receipt_code)
    page = unescape(yacine.get(PAGE).get_data(as_text=True)).replace("\u202f", " ").replace("\u00a0", " ")
    assert "Reste dû : 127 500" in page and "167 500" not in page  # the arrears, as CASNOS now states them


def test_a_year_not_owed_is_not_charged(arrears_app: Flask, yacine: FlaskClient) -> None:
    answer = yacine.post("/fr/payments/casnos/arrears", data={"key": uuid.uuid4().hex, "item": ["2022"]})
    assert answer.status_code == 404 and payments(arrears_app) == []


def test_the_connector_records_a_year_once_as_the_document_says(make_app: AppFactory, sandbox: Sandbox) -> None:
    casnos = checked(make_app, sandbox, "casnos")
    person = casnos.link_by_code(sandbox, "790621033210", date(1979, 6, 21), "+213770112233")
    payment = {"year": 2024, "amount": 127500.0, "paid_at": "2026-12-01T10:00:00+01:00", "receipt": "ABCD-EFGH-IJKL"}
    key = uuid.uuid4().hex
    assert casnos.call("record_payment", person, payment, key) == casnos.call("record_payment", person, payment, key)
    account = casnos.call("retirement_account", person)
    assert account["arrears"] == 40000.0
    assert casnos.contract.checked[-3:] == ["record_payment 201", "record_payment 200", "retirement_account 200"]


def test_arrears_chosen_while_casnos_does_not_answer_charge_nothing(arrears_app: Flask, yacine: FlaskClient,
                                                                   sandbox: Sandbox) -> None:  # fmt: skip
    assert _choices(yacine) == ["2024", "2023"]
    sandbox.fault("casnos", "latency", seconds=5)  # slower than the connector waits
    answer = yacine.post("/fr/payments/casnos/arrears", data={"key": uuid.uuid4().hex, "item": ["2023"]})
    page = unescape(answer.get_data(as_text=True))
    assert (answer.status_code, answer.headers["Retry-After"]) == (503, "120")
    assert "Rien n’a été débité" in page and f'href="{PAGE}"' in page
    assert payments(arrears_app) == []
    assert _choices(yacine) == [] and "pay-later" in yacine.get(PAGE).get_data(as_text=True)  # as last read
