"""An account's payments, newest first, and one of them: every query is scoped by the account that asks."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.payments.models import Payment


def payments_of(account_id: int, limit: int = 100) -> list[Payment]:
    query = select(Payment).where(Payment.account_id == account_id).order_by(Payment.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def payment_of(account_id: int, reference: str) -> Payment | None:
    """The account's payment ``reference``; another account's is not found."""
    query = select(Payment).where(Payment.account_id == account_id, Payment.reference == reference)
    found: Payment | None = db.session.scalar(query)
    return found
