"""The citizen told of a refund of their payment, in the language they paid in, by email or text message
(``portal.payments.refunds`` calls this once the gateway has refunded)."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from portal.accounts.identifiers import Identifier
from portal.accounts.models import Account
from portal.accounts.notices import tell
from portal.dossiers.models import OutboxMessage
from portal.extensions import db
from portal.payments import refunds
from portal.payments.models import Payment
from portal.payments.models_refunds import Refund
from portal.payments.schemas import shown_amount

PAYMENT_REFUNDED = "payment_refunded"


def refunded(refund: Refund) -> None:
    payment = refund.payment
    account = db.session.get(Account, payment.account_id)
    if account is None or not account.active:
        return
    tell(Identifier(account.channel, account.identifier), PAYMENT_REFUNDED, payment.locale,
         reference=payment.reference, amount=shown_amount(refund.amount, payment.currency),
         body=payment.body.acronym)  # fmt: skip


def sent_for(payment: Payment) -> list[OutboxMessage]:
    """The messages that told the payer of this payment's refunds (shown on the payment's page)."""
    account = db.session.get(Account, payment.account_id)
    if account is None:
        return []
    query = select(OutboxMessage).where(OutboxMessage.recipient == account.identifier,
                                        OutboxMessage.created_at >= payment.created_at,
                                        OutboxMessage.subject.contains(payment.reference))  # fmt: skip
    return list(db.session.scalars(query.order_by(OutboxMessage.id)))


def init_app(app: Flask) -> None:
    refunds.on_refunded(app, refunded)
    app.add_template_global(sent_for, "payment_notices")
