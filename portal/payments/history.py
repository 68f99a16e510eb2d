"""Every change of a payment: the transition checked, the step stored with the gateway's safe answer, audited."""

from __future__ import annotations

from typing import Any

from portal.extensions import db
from portal.payments import states
from portal.payments.answers import safe
from portal.payments.models import Payment, PaymentEvent
from portal.staff import audit

GATEWAY_ACTOR = "gateway"  # who changed a payment when nobody did: the platform asking the gateway


def step(payment: Payment, operation: str, answer: dict[str, Any], new_state: str | None = None,
         actor: str = GATEWAY_ACTOR) -> None:  # fmt: skip
    """Store a call and its answer; move to ``new_state`` when given and different (refused if not allowed)."""
    if new_state is not None and new_state != payment.state:
        states.check(payment.state, new_state)
        audit.record("payment.state", target=payment.reference, body_id=payment.body_id, email=actor,
                     previous=payment.state, state=new_state, operation=operation)  # fmt: skip
        payment.state = new_state
    payment.events.append(PaymentEvent(state=payment.state, operation=operation, answer=safe(answer)))
    db.session.flush()
