"""A fund's payment refunded in full: the fund's record is undone (``cancel_payment``) by a job per item, retried
until the fund confirms and listed for the fund's agents when it keeps failing (as ``record_payment``'s); once the
fund has cancelled it, the item is released, due again and payable anew. A partial refund undoes nothing (the
quarters stay paid), and a fund whose connector cannot cancel keeps them held as paid (its back office says so)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.connectors import client, writes
from portal.database import utcnow
from portal.extensions import db
from portal.jobs import ledger
from portal.jobs.models import DEAD, Job
from portal.payments import items
from portal.payments.models import Payment

KIND, OPERATION = "fund-cancel", "cancel_payment"


def record_key(payment: Payment, item: str) -> str:
    """The key a paid item is recorded under at the fund (``record_payment``), and later cancelled by."""
    return f"{payment.reference}-{item}"


def reverses(payment: Payment) -> bool:
    """Whether the fund's system cancels a payment it recorded (its connector offers ``cancel_payment``)."""
    return client.offers(payment.body.code, OPERATION)


def cancel_at_fund(payment: Payment) -> None:
    """Refunded in full: one job per item still held, at a fund that cancels (in the refund's transaction)."""
    for line in items.of_payment(payment):
        if line.held and client.offers(line.body, OPERATION):
            recorded = record_key(payment, line.item)
            data = {"recorded_key": recorded, "refunded_at": utcnow().isoformat(), "reason": "refunded"}
            writes.ask(payment.account_id, line.body, OPERATION, data, _cancel_key(payment, line.item), kind=KIND,
                       payment=payment.id, item=line.item)  # fmt: skip


def given_up(payment: Payment) -> dict[str, int]:
    """The items still held whose cancelling at the fund failed every attempt, each with its job (dead: an
    administrator runs it again from the failed jobs' page once the fund answers)."""
    keys = {writes.job_key(KIND, line.body, _cancel_key(payment, line.item)): line.item
            for line in items.of_payment(payment) if line.held}  # fmt: skip
    if not keys:
        return {}
    dead = db.session.execute(select(Job.key, Job.id).where(Job.key.in_(keys), Job.kind == KIND, Job.state == DEAD))
    return {keys[key]: job_id for key, job_id in dead}


def _cancel_key(payment: Payment, item: str) -> str:
    return f"{record_key(payment, item)}-cancel"


@ledger.handler(KIND, _l("Cancelling a refunded payment at a fund's system"))
def run(payload: dict[str, Any]) -> None:
    """One attempt: the fund cancels (a repeat is harmless), then the item is released."""
    writes.perform(payload)
    items.release(int(payload["payment"]), str(payload["item"]))
    db.session.commit()
