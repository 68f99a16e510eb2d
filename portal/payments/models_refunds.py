"""Refunds (asked by a body's staff, approved by a second person above a threshold) and the mismatches that
reconciliation finds between the gateway and the platform."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.database import UTCDateTime, utcnow
from portal.extensions import db
from portal.payments.models import Payment

# A refund's states: waiting for a second person, sent (the gateway's answer unknown: only its status is asked),
# done, refused by the gateway.
AWAITING, SENT, DONE, REFUSED = "awaiting", "sent", "done", "refused"
COUNTED = (AWAITING, SENT, DONE)  # what is no longer refundable


class Refund(db.Model):  # type: ignore[name-defined]
    """An amount (centimes) given back on a paid payment, by whom, approved by whom."""

    __table_args__ = (CheckConstraint("amount > 0", name="refund_amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id", ondelete="CASCADE"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger())
    reason: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(16))
    asked_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    refunded_before: Mapped[int] = mapped_column(BigInteger(), default=0)  # the gateway's refunded sum before it
    answer: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    payment: Mapped[Payment] = relationship()


class Mismatch(db.Model):  # type: ignore[name-defined]
    """What the gateway and the platform say differently of an order: flagged to the body's agents until seen."""

    __table_args__ = (UniqueConstraint("gateway", "order_number", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gateway: Mapped[str] = mapped_column(String(32))
    order_number: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(32))  # unknown_here | not_paid_here | not_paid_at_gateway
    body_id: Mapped[int | None] = mapped_column(ForeignKey("body.id"), index=True)  # None: an order unknown here
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id", ondelete="SET NULL"))
    amount: Mapped[int] = mapped_column(BigInteger(), default=0)
    gateway_status: Mapped[str] = mapped_column(String(8), default="")
    local_state: Mapped[str] = mapped_column(String(16), default="")
    found_on: Mapped[date] = mapped_column(Date())
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
