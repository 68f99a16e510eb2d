"""The payments' test setting: the sandbox gateway running as its own process, the platform pointed at it, the test
fund declaring what is payable, a citizen signed in."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.payments import payables
from portal.payments.models import Payment
from portal.payments.schemas import Payable

QUARTER = 150000  # centimes: 1 500 DZD a quarter
CITIZEN = "payeur@example.dz"  # the account of the ``citizen`` fixture


def fee(account_id: int, fields: Mapping[str, str]) -> Payable | None:
    """The test fund's payable: a number of quarters (1 to 20) of 1 500 DZD."""
    quarters = int(fields.get("quarters", "1") or "1")
    if not 1 <= quarters <= 20:
        return None
    return Payable("demo", "fee", quarters * QUARTER, f"Cotisations: {quarters} trimestre(s)")


def abroad(account_id: int, fields: Mapping[str, str]) -> Payable | None:
    return Payable("demo", "abroad", QUARTER, "Cotisation (Visa)")


def declare(app: Flask) -> None:
    payables.declare(app, "demo", "fee", fee)
    payables.declare(app, "demo", "abroad", abroad)


def start(client: FlaskClient, key: str, locale: str = "fr", purpose: str = "fee", quarters: int = 1) -> str:
    """The citizen presses Pay: the address they are sent to (the gateway's hosted page)."""
    answer = client.post(f"/{locale}/payments/demo/{purpose}", data={"key": key, "quarters": str(quarters)})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return str(answer.headers["Location"])


def payments(app: Flask) -> list[Payment]:
    with app.app_context():
        rows = list(db.session.scalars(select(Payment).order_by(Payment.id)))
        for row in rows:
            _ = row.events, row.body
        db.session.expunge_all()
        return rows
