"""Payments and their history: each state with its time and the gateway's answer (safe fields only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.catalogue.models import Body
from portal.database import UTCDateTime, utcnow
from portal.extensions import db


class Payment(db.Model):  # type: ignore[name-defined]
    """What an account pays a body for a purpose: an integer amount in the currency's minor unit (centimes)."""

    __table_args__ = (
        UniqueConstraint("account_id", "idempotency_key"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(10), unique=True)  # SATIM's orderNumber: at most 10 characters
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"))
    purpose: Mapped[str] = mapped_column(String(64))
    amount: Mapped[int] = mapped_column(BigInteger())  # centimes: DZD x 100
    currency: Mapped[str] = mapped_column(String(3))  # ISO 4217 numeric: 012 DZD, 978 EUR, 840 USD
    description: Mapped[str] = mapped_column(String(200), default="")
    idempotency_key: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8))
    gateway: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    order_id: Mapped[str | None] = mapped_column(String(64), unique=True)  # the gateway's orderId
    form_url: Mapped[str] = mapped_column(String(500), default="")
    confirm_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # sent once: then only the status
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    receipt_code: Mapped[str | None] = mapped_column(String(14), unique=True)  # checked at /verify/<code>
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    body: Mapped[Body] = relationship()
    events: Mapped[list[PaymentEvent]] = relationship(
        back_populates="payment", order_by="PaymentEvent.id", cascade="all, delete-orphan"
    )


class PaymentEvent(db.Model):  # type: ignore[name-defined]
    """One step of a payment: the state it reached (or kept), when, on which call, and the gateway's answer."""

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    operation: Mapped[str] = mapped_column(String(32))  # create, register, confirm, status, refund, reverse
    answer: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    payment: Mapped[Payment] = relationship(back_populates="events")
