"""The items a payment pays: held when it is created (the database refuses a second payment that may still be paid
for the same fund, person and item), released when it fails (declined, cancelled, expired, or never registered),
and told to the hosted service when it is paid (``payables.declare``'s ``on_paid``)."""

from __future__ import annotations

from sqlalchemy import select, update

from portal.extensions import db
from portal.payments import payables, states
from portal.payments.models import Payment
from portal.payments.models_items import PaymentItem
from portal.payments.schemas import Payable

RELEASED = frozenset({states.DECLINED, states.CANCELLED, states.EXPIRED})


class ItemHeldError(ValueError):
    """An item is already held by another payment, which may still be (or was) paid."""

    def __init__(self, payment: Payment | None) -> None:
        super().__init__("an item of this payable is held by another payment")
        self.payment = payment


def hold(payment: Payment, payable: Payable) -> None:
    """Hold the payable's items for ``payment`` (the caller's savepoint turns a conflict into IntegrityError)."""
    for line in payable.items:
        db.session.add(PaymentItem(payment=payment, body=payable.body, holder=payable.holder, item=line.key,
                                   amount=line.amount))  # fmt: skip
    db.session.flush()


def holding(payable: Payable) -> Payment | None:
    """The payment that holds one of the payable's items, if any."""
    keys = [line.key for line in payable.items]
    query = select(PaymentItem.payment_id).where(
        PaymentItem.held, PaymentItem.body == payable.body, PaymentItem.holder == payable.holder,
        PaymentItem.item.in_(keys),
    )  # fmt: skip
    payment_id = db.session.scalars(query).first()
    return db.session.get(Payment, payment_id) if payment_id is not None else None


def of_payment(payment: Payment) -> list[PaymentItem]:
    query = select(PaymentItem).where(PaymentItem.payment_id == payment.id).order_by(PaymentItem.item)
    return list(db.session.scalars(query))


def held_for(body: str, holder: str) -> dict[str, Payment]:
    """The items of a fund's person held by a payment (paid, or that may still be), with that payment."""
    query = select(PaymentItem, Payment).join(Payment, PaymentItem.payment_id == Payment.id)
    rows = db.session.execute(query.where(PaymentItem.held, PaymentItem.body == body, PaymentItem.holder == holder))
    return {item.item: payment for item, payment in rows}


def follow(payment: Payment, new_state: str) -> None:
    """After a payment moved: release its items when nothing was paid; tell the service when it is paid."""
    if payment.id is None:
        return
    if new_state in RELEASED or (new_state == states.ERROR and payment.order_id is None):
        db.session.execute(update(PaymentItem).where(PaymentItem.payment_id == payment.id).values(held=False)
                           .execution_options(synchronize_session=False))  # fmt: skip
    elif new_state == states.PAID:
        payables.paid(payment)
    elif new_state == states.REFUNDED:  # refunded in full: the items stay held until the fund has undone it
        payables.refunded(payment)


def release(payment_id: int, item: str) -> None:
    """An item of a payment refunded in full, undone at the fund: due again, it may be paid anew (not committed)."""
    db.session.execute(update(PaymentItem).where(PaymentItem.payment_id == payment_id, PaymentItem.item == item)
                       .values(held=False).execution_options(synchronize_session=False))  # fmt: skip
