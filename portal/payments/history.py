"""Every change of a payment: the transition checked, the step stored with the gateway's safe answer, audited."""

from __future__ import annotations

import base64
import secrets
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from portal.database import utcnow
from portal.extensions import db
from portal.payments import items, states
from portal.payments.answers import safe
from portal.payments.models import Payment, PaymentEvent
from portal.staff import audit

GATEWAY_ACTOR = "gateway"  # who changed a payment when nobody did: the platform asking the gateway


def receipt_code() -> str:
    """Twelve random letters and digits (``ABCD-EFGH-IJKL``, 60 bits): anyone holding the receipt checks it at
    /verify/<code>; the code reveals nothing of the payer."""
    letters = base64.b32encode(secrets.token_bytes(10)).decode()[:12]
    return "-".join(letters[index : index + 4] for index in range(0, 12, 4))


def step(payment: Payment, operation: str, answer: dict[str, Any], new_state: str | None = None,
         actor: str = GATEWAY_ACTOR) -> None:  # fmt: skip
    """Store a call and its answer; move to ``new_state`` when given and different (refused if not allowed). The
    move is conditional on the state read: another request or the job that moved it first is seen, not
    overwritten (its state is then checked again)."""
    if new_state is not None and new_state != payment.state:
        _move(payment, new_state, operation, actor)
    payment.events.append(PaymentEvent(state=payment.state, operation=operation, answer=safe(answer)))
    db.session.flush()


def created(payment: Payment, actor: str) -> None:
    """A new payment's first step, audited like every change."""
    step(payment, "create", {})
    audit.record("payment.state", target=payment.reference, body_id=payment.body_id, email=actor, previous="",
                 state=payment.state, operation="create")  # fmt: skip


def _move(payment: Payment, new_state: str, operation: str, actor: str) -> None:
    previous = payment.state
    states.check(previous, new_state)
    if payment.id is not None:
        moved = db.session.execute(
            update(Payment).where(Payment.id == payment.id, Payment.state == previous)
            .values(state=new_state, updated_at=utcnow()).execution_options(synchronize_session=False)
        )  # fmt: skip
        if moved.rowcount != 1:  # type: ignore[attr-defined]  # moved meanwhile: read it again, and move from there if still needed
            db.session.refresh(payment, ["state"])
            if payment.state != new_state:
                _move(payment, new_state, operation, actor)
            return
        set_committed_value(payment, "state", new_state)
    else:
        payment.state = new_state
    if new_state == states.PAID:
        payment.paid_at, payment.receipt_code = utcnow(), receipt_code()
    items.follow(payment, new_state)
    audit.record("payment.state", target=payment.reference, body_id=payment.body_id, email=actor,
                 previous=previous, state=new_state, operation=operation)  # fmt: skip
