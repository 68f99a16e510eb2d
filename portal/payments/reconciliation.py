"""Reconciliation: the job asks the gateway about every payment not final (late successes become paid, abandoned
ones expire, errors are asked again) and every refund whose answer was unknown; then it compares the gateway's
list of orders (``orders_url`` in ``PAYMENT_<NAME>``: the settlement feed the body receives; the sandbox lists its
orders) with the payments here, and flags each difference to the body's agents."""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy import select

from portal.catalogue.models import Body
from portal.clock import today
from portal.database import utcnow
from portal.extensions import db
from portal.jobs import queue
from portal.payments import batches, confirmation, gateways, history, refunds, states
from portal.payments.answers import verdict
from portal.payments.models import Payment
from portal.payments.models_refunds import Mismatch

UNKNOWN_HERE, NOT_PAID_HERE, NOT_PAID_AT_GATEWAY = "unknown_here", "not_paid_here", "not_paid_at_gateway"
KINDS = (UNKNOWN_HERE, NOT_PAID_HERE, NOT_PAID_AT_GATEWAY)
GATEWAY_PAID = {2, 4}  # deposited, or refunded afterwards: the money was taken


@queue.every(60, "payments-reconcile")
def payments_reconcile() -> int:
    """The scheduler's job: the payments and refunds not final asked again, then the gateways' lists compared."""
    ask_not_final()
    return sum(compare(name) for name in gateways.GATEWAY_NAMES)


def ask_not_final() -> int:
    """Open payments (as the 5-minute job does), payments in error, unregistered ones abandoned, unknown refunds;
    the payments a batch at a time (``batches``)."""
    asked = confirmation.check_open_payments()
    in_error = select(Payment).where(Payment.state == states.ERROR, Payment.order_id.is_not(None))
    for batch in batches.in_batches(in_error):
        asked += sum(_recheck(payment) for payment in batch)
    abandoned = select(Payment).where(Payment.state == states.CREATED, Payment.order_id.is_(None),
                                      Payment.created_at < utcnow() - confirmation.ABANDONED_AFTER)  # fmt: skip
    for batch in batches.in_batches(abandoned):
        for payment in batch:
            history.step(payment, "status", {}, states.EXPIRED)  # never registered: nothing to ask
    return asked + refunds.check_sent_refunds()


def _recheck(payment: Payment) -> int:
    """A payment in error (what the platform knew, not what the gateway did): its status asked, and the state it
    leads to taken when the state machine allows it (found paid, declined, cancelled or expired)."""
    assert payment.order_id is not None  # noqa: S101 - only registered payments are asked
    try:
        answer = gateways.gateway(payment.gateway).status(payment.order_id, payment.locale)
    except gateways.GatewayError as error:
        history.step(payment, "status", {"unavailable": str(error)})
        return 1
    found = verdict(answer, payment.reference, payment.amount).state
    history.step(payment, "status", answer, found if found in states.ALLOWED[states.ERROR] else None)
    return 1


def listed_orders(name: str) -> list[dict[str, Any]] | None:
    """The gateway's orders, or None when it has no list configured or did not answer."""
    settings: dict[str, str] = current_app.config.get(f"PAYMENT_{name.upper()}") or {}
    if not settings.get("orders_url"):
        return None
    import requests  # here, as in satim.py: a worker that serves only the catalogue never loads it

    try:
        answer = requests.get(settings["orders_url"], timeout=float(current_app.config["PAYMENT_TIMEOUT"]))
        answer.raise_for_status()
        orders = answer.json().get("orders")
    except (requests.RequestException, ValueError, AttributeError):
        return None
    return orders if isinstance(orders, list) else None


def compare(name: str) -> int:
    """Flag every difference between the gateway ``name``'s orders and the payments here: the number flagged. The
    listed orders are matched a batch at a time, then the payments paid here that the list does not name."""
    orders = listed_orders(name)
    if orders is None:
        return 0
    size, flagged = batches.batch_size(), 0
    listed: set[str] = set()
    for start in range(0, len(orders), size):
        flagged += _compare_listed(name, orders[start : start + size], listed)
    paid_here = select(Payment).where(Payment.gateway == name, Payment.order_id.is_not(None),
                                      Payment.state.in_((states.PAID, states.REFUNDED)))  # fmt: skip
    for batch in batches.in_batches(paid_here):
        flagged += sum(_flag(name, payment.reference, NOT_PAID_AT_GATEWAY, payment, payment.amount, "")
                       for payment in batch if payment.order_id not in listed)  # fmt: skip
    return flagged


def _compare_listed(name: str, orders: list[dict[str, Any]], listed: set[str]) -> int:
    """One batch of the gateway's orders against the payments here that they name (their ids noted in ``listed``)."""
    by_id = {str(order.get("orderId", "")): order for order in orders}
    listed.update(by_id)
    here = {payment.order_id: payment for payment in db.session.scalars(
        select(Payment).where(Payment.gateway == name, Payment.order_id.in_(list(by_id))))}  # fmt: skip
    flagged = sum(_compare_one(name, order, here.get(order_id)) for order_id, order in by_id.items())
    db.session.commit()
    return flagged


def _compare_one(name: str, order: dict[str, Any], payment: Payment | None) -> int:
    status = _number(order.get("OrderStatus"))
    paid_there = status in GATEWAY_PAID
    number, amount = str(order.get("OrderNumber", ""))[:10], _number(order.get("Amount")) or 0
    if payment is None:
        return _flag(name, number, UNKNOWN_HERE, None, amount, str(status)) if paid_there else 0
    paid_here = payment.state in (states.PAID, states.REFUNDED)
    if paid_there and not paid_here and payment.state not in states.OPEN:
        return _flag(name, number, NOT_PAID_HERE, payment, amount, str(status))
    if paid_here and not paid_there:
        return _flag(name, number, NOT_PAID_AT_GATEWAY, payment, amount, str(status))
    return 0


def _number(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _flag(name: str, number: str, kind: str, payment: Payment | None, amount: int, status: str) -> int:
    """A mismatch, once per order and kind; an order unknown here goes to the bodies whose payments use the
    gateway (``body_id`` None)."""
    exists = db.session.scalar(select(Mismatch.id).where(Mismatch.gateway == name, Mismatch.order_number == number,
                                                         Mismatch.kind == kind))  # fmt: skip
    if exists is not None:
        return 0
    db.session.add(Mismatch(gateway=name, order_number=number, kind=kind, amount=amount, gateway_status=status,
                            body_id=payment.body_id if payment else None, payment_id=payment.id if payment else None,
                            local_state=payment.state if payment else "", found_on=today()))  # fmt: skip
    return 1


def gateways_of(body: Body) -> set[str]:
    """The gateways a body's payments may go through (``PAYMENT_ROUTES``)."""
    routes: dict[str, str] = current_app.config["PAYMENT_ROUTES"]
    return {gateway for key, gateway in routes.items() if key in ("*", body.code) or key.startswith(body.code + "/")}
