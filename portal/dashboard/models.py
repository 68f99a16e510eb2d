"""Programmes (a digitisation target) and the history of every service's lifecycle status."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.catalogue.models import Service, UTCDateTime, utcnow
from portal.extensions import db


class StatusChange(db.Model):  # type: ignore[name-defined]
    """A service entered ``status`` at ``changed_at``: every figure over time is computed from these rows."""

    # The history is read per service in time order (the window of live periods): one index serves it.
    __table_args__ = (Index("ix_status_change_history", "service_id", "changed_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    author: Mapped[str] = mapped_column(String(254), default="")
    source: Mapped[str] = mapped_column(String(16), default="")  # sync | backoffice | import

    service: Mapped[Service] = relationship()


class Programme(db.Model):  # type: ignore[name-defined]
    """A target such as "40 e-services": what counts is a service of its domains, live, at or above a
    maturity level, plus or minus services adjusted by hand with a reason."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    target: Mapped[int]
    start: Mapped[date]
    deadline: Mapped[date]
    domains: Mapped[list[str]] = mapped_column(JSON)
    min_maturity: Mapped[int] = mapped_column(default=3)

    adjustments: Mapped[list[Adjustment]] = relationship(cascade="all, delete-orphan")

    def name(self, locale: str) -> str:
        return self.names.get(locale) or next(iter(self.names.values()), self.code)


class Adjustment(db.Model):  # type: ignore[name-defined]
    """A service counted (``include``) or not counted by hand, with the reason."""

    __table_args__ = (UniqueConstraint("programme_id", "service_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    include: Mapped[bool]
    reason: Mapped[str] = mapped_column(Text)


def record_status(service: Service, status: str, author: str, source: str, at: datetime | None = None) -> None:
    """Add a status change when the status differs from the last one recorded (in the caller's transaction)."""
    last: Any = db.session.scalar(
        db.select(StatusChange.status)
        .where(StatusChange.service_id == service.id)
        .order_by(StatusChange.changed_at.desc(), StatusChange.id.desc())
        .limit(1)
    ) if service.id is not None else None  # fmt: skip
    if last != status:
        db.session.add(StatusChange(service=service, status=status, author=author, source=source,
                                    changed_at=at or utcnow()))  # fmt: skip
