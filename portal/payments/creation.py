"""A payment created once per account and idempotency key, then registered at its gateway."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.addresses import external_url
from portal.catalogue.models import Body
from portal.extensions import db
from portal.payments import gateways, history, items, states
from portal.payments.answers import safe
from portal.payments.models import Payment
from portal.payments.schemas import Payable


class KeyReusedError(ValueError):
    """The idempotency key was already used for another payable (another amount, body or purpose)."""


def create(account_id: int, payable: Payable, key: str, locale: str) -> Payment:
    """The account's payment under ``key``: made now, or the one made before with the same key."""
    found = _under_key(account_id, key)
    if found is not None:
        return _same(found, payable)
    body = db.session.scalar(select(Body).where(Body.code == payable.body))
    if body is None:
        raise LookupError(f"unknown body {payable.body}")
    for _attempt in range(5):  # a reference already taken (one in ten billion) is drawn again
        payment = Payment(account_id=account_id, body_id=body.id, purpose=payable.purpose, amount=payable.amount,
                          currency=payable.currency, description=payable.description[:200], idempotency_key=key,
                          locale=locale, gateway=gateways.gateway_name(payable.body, payable.purpose),
                          state=states.CREATED, reference=_new_reference())  # fmt: skip
        try:
            with db.session.begin_nested():
                db.session.add(payment)
                history.created(payment, "applicant")
                items.hold(payment, payable)
        except IntegrityError:
            found = _under_key(account_id, key)  # the same key, at the same moment, in another request
            if found is not None:
                return _same(found, payable)
            if payable.items and (holder := items.holding(payable)) is not None:
                raise items.ItemHeldError(holder) from None  # another tab, or another key, pays one of them
            continue
        break
    else:
        raise RuntimeError("no free payment reference")
    db.session.commit()
    return payment


def earlier(account_id: int, key: str, body: str, purpose: str) -> Payment | None:
    """The payment made before under ``key`` (a double click: what is payable may have changed since, as its items
    are held), refused if it was for another body or purpose."""
    found = _under_key(account_id, key)
    if found is not None and (found.body.code, found.purpose) != (body, purpose):
        raise KeyReusedError("this idempotency key was used for another payment")
    return found


def _new_reference() -> str:
    """SATIM's orderNumber: 10 digits, not guessable from the number of payments, unique at the gateway."""
    return f"{secrets.randbelow(10**10):010d}"


def _under_key(account_id: int, key: str) -> Payment | None:
    query = select(Payment).where(Payment.account_id == account_id, Payment.idempotency_key == key)
    found: Payment | None = db.session.scalar(query)
    return found


def _same(payment: Payment, payable: Payable) -> Payment:
    if (payment.body.code, payment.purpose, payment.amount, payment.currency) != (
        payable.body,
        payable.purpose,
        payable.amount,
        payable.currency,
    ):
        raise KeyReusedError("this idempotency key was used for another payment")
    return payment


ALREADY_REGISTERED = "1"  # register.do's "order with this number was already processed"


def register(payment: Payment) -> Payment:
    """Register a created payment at its gateway: it is started, with the address of the hosted page; a gateway
    that does not answer, or refuses, leaves it in error (nothing was charged)."""
    if payment.state != states.CREATED:
        return payment
    order = gateways.Order(payment.reference, payment.amount, payment.currency, payment.description,
                           payment.locale, _back(payment), _back(payment))  # fmt: skip
    try:
        answer = gateways.gateway(payment.gateway).register(order)
    except gateways.GatewayError as error:
        history.step(payment, "register", {"unavailable": str(error)}, states.ERROR)
    else:
        if str(answer.get("errorCode", "0")) == "0" and answer.get("orderId") and answer.get("formUrl"):
            payment.order_id, payment.form_url = str(answer["orderId"]), str(answer["formUrl"])[:500]
            history.step(payment, "register", answer, states.STARTED)
        elif str(answer.get("errorCode")) == ALREADY_REGISTERED:  # a second tab registered it this very moment
            db.session.rollback()
            db.session.refresh(payment)
            return payment
        else:
            history.step(payment, "register", safe(answer), states.ERROR)
    db.session.commit()
    return payment


def _back(payment: Payment) -> str:
    # The return and fail addresses are the same page: it asks the gateway whatever address was used.
    return external_url("payments.back", lang_code=payment.locale, reference=payment.reference)
