"""What a payment pays, item by item (a quarter of contributions, a year of arrears) for a fund's person: an item
is held by at most one payment that may still be paid, which the database enforces (a partial unique index), so a
double click, two tabs or a replayed return never pay a quarter twice."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.payments.models import Payment


class PaymentItem(db.Model):  # type: ignore[name-defined]
    """An item of a payment; ``held`` while the payment may still be (or was) paid, released when it failed."""

    __table_args__ = (
        Index("uq_payment_item_held", "body", "holder", "item", unique=True, postgresql_where=text("held"),
              sqlite_where=text("held")),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(String(64))  # the fund's code
    holder: Mapped[str] = mapped_column(String(64))  # the fund's reference of the person
    item: Mapped[str] = mapped_column(String(32))  # 2026-Q1
    amount: Mapped[int] = mapped_column(BigInteger())  # centimes
    held: Mapped[bool] = mapped_column(Boolean(), default=True)

    payment: Mapped[Payment] = relationship()
