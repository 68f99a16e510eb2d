"""What the back office reads of payments, always scoped to the user's body (strictly: a ministry administrator
sees only the ministry's own): the list with its filters, one payment, the daily report, the mismatches."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Select, or_, select

from portal.clock import ALGIERS
from portal.extensions import db
from portal.payments import reconciliation, states
from portal.payments.models import Payment
from portal.payments.models_refunds import DONE, Mismatch, Refund
from portal.staff.models import User

AMOUNT = re.compile(r"^\s*(\d{1,12})(?:[.,](\d{1,2}))?\s*$")


def scoped_payments(user: User) -> Select[Any]:
    return select(Payment).where(Payment.body_id == user.body_id)


def payment_for(user: User, payment_id: int) -> Payment:
    """One payment of the user's body; another body's is not found (404)."""
    found: Payment = db.first_or_404(scoped_payments(user).where(Payment.id == payment_id))
    return found


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, ALGIERS).astimezone(UTC)


def _end(day: date) -> datetime:
    return datetime.combine(day, time.max, ALGIERS).astimezone(UTC)


def filtered(user: User, args: dict[str, str]) -> Select[Any]:
    """The list's filters: state, purpose, created between two days (Algiers' days)."""
    statement = scoped_payments(user)
    if args.get("state") in states.STATES:
        statement = statement.where(Payment.state == args["state"])
    if args.get("purpose"):
        statement = statement.where(Payment.purpose == args["purpose"])
    since, until = _day(args.get("since")), _day(args.get("until"))
    if since:
        statement = statement.where(Payment.created_at >= _start(since))
    if until:
        statement = statement.where(Payment.created_at <= _end(until))
    return statement.order_by(Payment.id.desc())


def purposes(user: User) -> list[str]:
    query = select(Payment.purpose).where(Payment.body_id == user.body_id).distinct().order_by(Payment.purpose)
    return list(db.session.scalars(query))


def centimes(text: str) -> int | None:
    """``1500``, ``1500,5`` or ``1 500.50`` DZD typed by a person, in centimes; None if it is not an amount."""
    found = AMOUNT.match(text.replace("\u202f", "").replace(" ", ""))
    if found is None:
        return None
    return int(found.group(1)) * 100 + int((found.group(2) or "0").ljust(2, "0"))


@dataclass
class Day:
    """One settlement day of a body: the payments paid that day, their sum, what was refunded of them, the net."""

    day: date
    count: int = 0
    paid: int = 0
    refunded: int = 0

    @property
    def net(self) -> int:
        return self.paid - self.refunded


def daily(user: User, since: date, until: date) -> list[Day]:
    """The body's payments by settlement day (the day the gateway took the money, in Algiers)."""
    query = scoped_payments(user).where(Payment.state.in_((states.PAID, states.REFUNDED)),
                                        Payment.paid_at >= _start(since), Payment.paid_at <= _end(until))  # fmt: skip
    days: dict[date, Day] = {}
    refunded = _refunded(user)
    for payment in db.session.scalars(query):
        assert payment.paid_at is not None  # noqa: S101 - a paid payment has its time
        day = payment.paid_at.astimezone(ALGIERS).date()
        row = days.setdefault(day, Day(day))
        row.count, row.paid = row.count + 1, row.paid + payment.amount
        row.refunded += refunded[payment.id]
    return [days[day] for day in sorted(days)]


def _refunded(user: User) -> defaultdict[int, int]:
    sums: defaultdict[int, int] = defaultdict(int)
    query = select(Refund.payment_id, Refund.amount).join(Payment).where(Payment.body_id == user.body_id,
                                                                         Refund.state == DONE)  # fmt: skip
    for payment_id, amount in db.session.execute(query):
        sums[payment_id] += amount
    return sums


def mismatches(user: User, open_only: bool = True) -> list[Mismatch]:
    """The body's mismatches, and the orders unknown here on the gateways its payments go through."""
    assert user.body is not None  # noqa: S101 - staff belong to a body
    query = select(Mismatch).where(or_(Mismatch.body_id == user.body_id,
                                       Mismatch.body_id.is_(None) &
                                       Mismatch.gateway.in_(reconciliation.gateways_of(user.body))))  # fmt: skip
    if open_only:
        query = query.where(Mismatch.resolved_at.is_(None))
    return list(db.session.scalars(query.order_by(Mismatch.id.desc())))


def refunds_of(payment: Payment) -> list[Refund]:
    return list(db.session.scalars(select(Refund).where(Refund.payment_id == payment.id).order_by(Refund.id)))
