"""Refunds by a body's staff: within what is still refundable, approved by a second person above the threshold
(``PAYMENT_REFUND_APPROVAL_ABOVE``, centimes), sent once with ``refund.do``; a timeout or an unknown answer is
followed by status checks (the gateway's refunded amount), never by a second refund. Every step is audited and the
citizen is told, in the language they paid in, once the money is on its way back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from sqlalchemy import func, select

from portal.database import utcnow
from portal.extensions import db
from portal.payments import batches, gateways, history, states
from portal.payments.answers import safe
from portal.payments.models import Payment
from portal.payments.models_refunds import AWAITING, COUNTED, DONE, REFUSED, SENT, Refund
from portal.staff import audit
from portal.staff.models import User

LISTENERS_KEY = "portal.payments.refund_listeners"
RefundListener = Callable[[Refund], None]


class RefundError(ValueError):
    """A refund refused before reaching the gateway; ``code`` names why (the page says it in the reader's words)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def on_refunded(app: Flask, listener: RefundListener) -> None:
    """Call ``listener`` when a refund is done, in its transaction (the accounts tell the citizen)."""
    app.extensions.setdefault(LISTENERS_KEY, []).append(listener)


def refundable(payment: Payment) -> int:
    """What may still be refunded: the amount paid less the refunds done, sent or awaiting approval."""
    if payment.state not in (states.PAID, states.REFUNDED):
        return 0
    return max(payment.amount - _counted(payment), 0)


def _counted(payment: Payment) -> int:
    """The refunds done, sent or awaiting approval on this payment."""
    query = select(func.coalesce(func.sum(Refund.amount), 0)).where(Refund.payment_id == payment.id,
                                                                    Refund.state.in_(COUNTED))  # fmt: skip
    return int(db.session.scalar(query) or 0)


def done_of(payment: Payment) -> list[Refund]:
    """The refunds done on this payment, the first first (what the citizen is shown)."""
    query = select(Refund).where(Refund.payment_id == payment.id, Refund.state == DONE).order_by(Refund.id)
    return list(db.session.scalars(query))


def refunded_sums(payment_ids: list[int]) -> dict[int, int]:
    """The amount refunded (refunds done) of each of these payments that has any."""
    query = (
        select(Refund.payment_id, func.sum(Refund.amount))
        .where(Refund.payment_id.in_(payment_ids), Refund.state == DONE)
        .group_by(Refund.payment_id)
    )
    return {payment_id: int(total) for payment_id, total in db.session.execute(query)}


def ask(payment: Payment, amount: int, reason: str, user: User) -> Refund:
    """A refund asked by ``user``: sent at once, or awaiting a second person's approval above the threshold."""
    if payment.state != states.PAID or payment.order_id is None:
        raise RefundError("not_paid")
    if amount <= 0 or amount > refundable(payment):
        raise RefundError("amount")
    needs_approval = amount > int(current_app.config["PAYMENT_REFUND_APPROVAL_ABOVE"])
    refund = Refund(payment=payment, amount=amount, reason=reason[:200], asked_by_id=user.id,
                    state=AWAITING if needs_approval else SENT)  # fmt: skip
    db.session.add(refund)
    db.session.flush()
    if _counted(payment) > payment.amount:  # another refund asked at the same moment
        db.session.rollback()
        raise RefundError("amount")
    audit.record("payment.refund", target=payment.reference, body_id=payment.body_id, actor=user, amount=amount,
                 refund=refund.id, awaiting=needs_approval)  # fmt: skip
    db.session.commit()
    return refund if needs_approval else _send(refund)


def approve(refund: Refund, user: User) -> Refund:
    """The second person's approval, then the refund is sent; the person who asked cannot approve it."""
    if refund.state != AWAITING:
        raise RefundError("not_awaiting")
    if refund.asked_by_id == user.id:
        raise RefundError("same_person")
    refund.approved_by_id, refund.state = user.id, SENT
    audit.record("payment.refund_approved", target=refund.payment.reference, body_id=refund.payment.body_id,
                 actor=user, amount=refund.amount, refund=refund.id)  # fmt: skip
    db.session.commit()
    return _send(refund)


def _gateway_refunded(payment: Payment) -> int | None:
    """The refunded amount the gateway reports for this payment (None: it did not answer)."""
    assert payment.order_id is not None  # noqa: S101 - only a registered payment is refunded
    try:
        answer = gateways.gateway(payment.gateway).status(payment.order_id, payment.locale)
    except gateways.GatewayError:
        return None
    try:
        return int(answer.get("refundedAmount", 0))
    except (TypeError, ValueError):
        return None


def _send(refund: Refund) -> Refund:
    """refund.do, once: the gateway's refunded sum is read first, so that a status check after a timeout tells
    whether this refund went through."""
    payment = refund.payment
    before = _gateway_refunded(payment)
    if before is None:  # the gateway does not answer: nothing is sent, the refund is tried by a person later
        return _finish(refund, REFUSED, {"unavailable": "status before the refund"})
    refund.refunded_before = before
    db.session.commit()
    assert payment.order_id is not None  # noqa: S101
    try:
        answer = gateways.gateway(payment.gateway).refund(payment.order_id, refund.amount)
    except gateways.GatewayError as error:
        refund.answer = {"unavailable": str(error)}
        history.step(payment, "refund", refund.answer)
        db.session.commit()
        return check(refund)  # the refund may have gone through: only its status says
    done = str(answer.get("errorCode", answer.get("ErrorCode", ""))) == "0"
    return _finish(refund, DONE if done else REFUSED, answer)


def check(refund: Refund) -> Refund:
    """A refund sent whose answer is unknown: done if the gateway's refunded sum grew by its amount; else it
    stays sent (the job asks again), never sent a second time."""
    if refund.state != SENT:
        return refund
    now = _gateway_refunded(refund.payment)
    if now is not None and now >= refund.refunded_before + refund.amount:
        return _finish(refund, DONE, {"refundedAmount": now})
    return refund


def _finish(refund: Refund, state: str, answer: dict[str, Any]) -> Refund:
    payment = refund.payment
    refund.state, refund.answer = state, safe(answer)
    if state == DONE:
        refund.done_at = utcnow()
        whole = refundable(payment) == 0 and not _others_open(refund)
        history.step(payment, "refund", answer, states.REFUNDED if whole else None)
        for listener in current_app.extensions.get(LISTENERS_KEY, []):
            listener(refund)
    else:
        history.step(payment, "refund", answer)
    audit.record("payment.refund_state", target=payment.reference, body_id=payment.body_id, email=history.GATEWAY_ACTOR,
                 refund=refund.id, state=state)  # fmt: skip
    db.session.commit()
    return refund


def _others_open(refund: Refund) -> bool:
    query = (
        select(func.count())
        .select_from(Refund)
        .where(Refund.payment_id == refund.payment_id, Refund.id != refund.id, Refund.state.in_((AWAITING, SENT)))
    )
    return bool(db.session.scalar(query))


def check_sent_refunds() -> int:
    """The job's part: every refund whose answer was unknown, asked again, a batch at a time."""
    asked = 0
    for batch in batches.in_batches(select(Refund).where(Refund.state == SENT), Refund):
        for refund in batch:
            check(refund)
        asked += len(batch)
    return asked
