"""The platform asks the gateway: confirmOrder.do once after the return, then only getOrderStatus.do (after a
timeout, an unknown answer, or from the job for the payments still open). Never trusted: the return itself."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from portal.database import utcnow
from portal.extensions import db
from portal.jobs import queue
from portal.payments import batches, gateways, history, states
from portal.payments.answers import Verdict, verdict
from portal.payments.models import Payment

ABANDONED_AFTER = timedelta(hours=2)  # a started payment the gateway still calls registered: it expired


def settle(payment: Payment) -> Payment:
    """Ask the gateway about an open payment: confirm it the first time, then ask its status."""
    if payment.state not in states.OPEN or payment.order_id is None:
        return payment
    first = payment.confirm_sent_at is None and _claim_confirmation(payment)
    quiet = timedelta(seconds=float(current_app.config["PAYMENT_POLL_INTERVAL"]))
    if not first and payment.events and utcnow() - payment.events[-1].at < quiet:
        return payment  # asked a moment ago (the return page's script polls): the gateway is left alone
    operation = "confirm" if first else "status"
    gateway = gateways.gateway(payment.gateway)
    try:
        call = gateway.confirm if first else gateway.status
        answer = call(payment.order_id, payment.locale)
    except gateways.GatewayError as error:
        history.step(payment, operation, {"unavailable": str(error)})
    else:
        found = verdict(answer, payment.reference, payment.amount)
        if found.state is None and not first and utcnow() - payment.created_at > ABANDONED_AFTER:
            found = Verdict(states.EXPIRED, "abandoned")
        history.step(payment, operation, answer, found.state)
    db.session.commit()
    return payment


def _claim_confirmation(payment: Payment) -> bool:
    """Whether this request sends the confirmation: once per payment, whichever tab or job comes first; a timeout
    after this point is followed by status checks, never by another confirmation."""
    claimed = db.session.execute(
        update(Payment).where(Payment.id == payment.id, Payment.confirm_sent_at.is_(None))
        .values(confirm_sent_at=utcnow()).execution_options(synchronize_session=False)
    )  # fmt: skip
    db.session.commit()
    db.session.refresh(payment)
    return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]


def refund(payment: Payment, amount: int) -> Payment:
    """Refund a paid payment in full (``amount`` must be what was paid); a timeout is followed by a status
    check, never by a second refund."""
    if payment.state != states.PAID or amount != payment.amount or payment.order_id is None:
        raise states.TransitionError("only a paid payment is refunded, of what was paid")
    try:
        answer = gateways.gateway(payment.gateway).refund(payment.order_id, amount)
    except gateways.GatewayError as error:
        history.step(payment, "refund", {"unavailable": str(error)})
    else:
        refunded = str(answer.get("errorCode", answer.get("ErrorCode", ""))) == "0"
        history.step(payment, "refund", answer, states.REFUNDED if refunded else None)
    db.session.commit()
    return payment


def reverse(payment: Payment) -> Payment:
    """Cancel an open payment at the gateway (reverse.do)."""
    if payment.state not in states.OPEN or payment.order_id is None:
        raise states.TransitionError("only an open payment is reversed")
    try:
        answer = gateways.gateway(payment.gateway).reverse(payment.order_id)
    except gateways.GatewayError as error:
        history.step(payment, "reverse", {"unavailable": str(error)})
    else:
        reversed_ = str(answer.get("errorCode", answer.get("ErrorCode", ""))) == "0"
        history.step(payment, "reverse", answer, states.CANCELLED if reversed_ else None)
    db.session.commit()
    return payment


@queue.every(5, "payments-status")
def payments_status() -> int:
    """The scheduler's job: the open payments quiet for a minute."""
    return check_open_payments()


def check_open_payments(quiet: timedelta = timedelta(minutes=1)) -> int:
    """Ask the gateway about every open payment whose return was left (a timeout, a closed tab): late successes
    become paid, abandoned ones expire. A batch at a time (``batches``): the number asked."""
    query = select(Payment).where(Payment.state.in_(states.OPEN), Payment.order_id.is_not(None),
                                  Payment.updated_at <= utcnow() - quiet)  # fmt: skip
    asked = 0
    for batch in batches.in_batches(query):
        for payment in batch:
            if payment.confirm_sent_at is None:  # never returned: only the status, the confirm is the return's
                payment.confirm_sent_at = utcnow()
            settle(payment)
        asked += len(batch)
    return asked
