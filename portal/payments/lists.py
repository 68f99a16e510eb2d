"""An account's payments, newest first, and one of them: every query is scoped by the account that asks, and, for a
representative acting under a mandate, by what the mandate allows (the payments of its services, read-only), each
read written in the represented person's access log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, false, or_, select

from portal import data_access
from portal.catalogue.models import Body
from portal.current_account import Acting, current_acting
from portal.extensions import db
from portal.payments import payables
from portal.payments.models import Payment

LISTED, OPENED = "payments_listed", "payment_opened"  # what a representative did, in the access log


@dataclass(frozen=True)
class Reach:
    """The payments a request reaches: the account's (``account_id``: the one signed in, or the one acted for),
    all of them, or only those of ``pairs`` (``(body, purpose)``) under a mandate (``acting``)."""

    account_id: int
    pairs: frozenset[tuple[str, str]] | None = None
    acting: Acting | None = None

    @property
    def read_only(self) -> bool:
        return self.acting is not None


def reach(account_id: int) -> Reach:
    """What this request reaches: under a person's mandate, the payments of the services it names (every payment
    for a mandate of every service); under an organisation's, none (a payment is a person's own)."""
    acting = current_acting()
    if acting is None or not acting.under_mandate:
        return Reach(account_id)
    if acting.organisation_id is not None:
        return Reach(account_id, frozenset(), acting)
    if acting.services is None:
        return Reach(account_id, None, acting)
    pairs = frozenset(pair for pair, slug in payables.services().items() if slug and slug in acting.services)
    return Reach(account_id, pairs, acting)


def _scoped(found: Reach) -> Any:
    query = select(Payment).where(Payment.account_id == found.account_id)
    if found.pairs is None:
        return query
    allowed = [and_(Body.code == body, Payment.purpose == purpose) for body, purpose in sorted(found.pairs)]
    return query.join(Body, Payment.body_id == Body.id).where(or_(*allowed) if allowed else false())


def payments_of(found: Reach | int, limit: int = 100) -> list[Payment]:
    found = found if isinstance(found, Reach) else Reach(found)
    return list(db.session.scalars(_scoped(found).order_by(Payment.id.desc()).limit(limit)))


def payment_of(found: Reach | int, reference: str) -> Payment | None:
    """The account's payment ``reference`` (of what the mandate allows); another account's is not found."""
    found = found if isinstance(found, Reach) else Reach(found)
    payment: Payment | None = db.session.scalar(_scoped(found).where(Payment.reference == reference))
    return payment


def seen(found: Reach, purpose: str, payment: Payment | None = None) -> None:
    """Under a mandate, write the read in the represented person's access log (the caller commits)."""
    acting = found.acting
    if acting is None:
        return
    service = payables.services().get((payment.body.code, payment.purpose), "") if payment is not None else ""
    data_access.representative_acted(acting.account_id, acting.representative_id, acting.organisation_id, service,
                                      purpose)  # fmt: skip
