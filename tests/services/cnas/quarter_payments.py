"""The setting of paying CNAS quarters: a fresh sandbox of the funds (its recorded payments are the test's own),
the sandbox gateway, the platform pointed at both, and Nadia (a member abroad) linked to her CNAS record."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.accounts.models import Account
from portal.connectors.writes import KIND
from portal.extensions import db
from portal.jobs.models import Job
from tests import payment_gateway
from tests.funds_sandbox import Sandbox

NADIA = {"nss": "850909044556", "birth_date-day": "9", "birth_date-month": "9", "birth_date-year": "1985"}
NADIA_PHONE, NADIA_PERSON = "+33612345678", "CNAS-99-000007"
QUARTER = 4687500  # centimes: 46 875 DZD, as the sandbox's CNAS states each of Nadia's quarters
ROUTES = {"*": "satim", "cnas/quarters-visa": "bdl_visa"}


def settings(sandbox: Sandbox, gateway: str) -> dict[str, Any]:
    return {"FUNDS_BASE_URL": sandbox.url, **payment_gateway.settings(gateway), "PAYMENT_ROUTES": ROUTES}


def link_nadia(client: FlaskClient, sandbox: Sandbox) -> None:
    client.post("/fr/my/funds/cnas/link", data=NADIA)
    answer = client.post("/fr/my/funds/cnas/code", data={"code": sandbox.last_code(NADIA_PHONE)})
    assert answer.status_code == 302, answer.get_data(as_text=True)


def account_id(app: Flask, identifier: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(Account.id).where(Account.identifier == identifier))
        assert found is not None
        return int(found)


def fund_writes(app: Flask) -> list[Job]:
    with app.app_context():
        jobs = list(db.session.scalars(select(Job).where(Job.kind == KIND).order_by(Job.id)))
        db.session.expunge_all()
        return jobs
