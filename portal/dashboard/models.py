"""Programmes (a digitisation target) and the history of every service's lifecycle status."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Double, ForeignKey, Index, String, Text, UniqueConstraint, delete, insert, select, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.catalogue.models import Service
from portal.catalogue.status import StatusSet
from portal.database import UTCDateTime, utcnow
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


class LivePeriod(db.Model):  # type: ignore[name-defined]
    """A period a service spent live, kept beside the history so that figures over time need no window
    over every change: opened and closed by ``record_status``, rebuilt whole by ``rebuild_live_periods``."""

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    start: Mapped[float] = mapped_column(Double)  # seconds since 1970, UTC
    end: Mapped[float | None] = mapped_column(Double)  # None while the service is still live


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
    if last == status:
        return
    moment = at or utcnow()
    db.session.add(StatusChange(service=service, status=status, author=author, source=source, changed_at=moment))
    if last == "live" and service.id is not None:
        db.session.execute(
            update(LivePeriod).where(LivePeriod.service_id == service.id, LivePeriod.end.is_(None))
            .values(end=moment.timestamp())
        )  # fmt: skip
    if status == "live":
        db.session.flush()
        db.session.add(LivePeriod(service_id=service.id, start=moment.timestamp()))


def record_status_set(event: StatusSet) -> None:
    """The catalogue's listener (``portal.catalogue.status``): keep the status in the history."""
    record_status(event.service, event.status, event.author, event.source)


def rebuild_live_periods() -> int:
    """Recompute every live period from the whole history (after an import of past changes)."""
    db.session.execute(delete(LivePeriod))
    rows = db.session.execute(
        select(StatusChange.service_id, StatusChange.status, StatusChange.changed_at)
        .order_by(StatusChange.service_id, StatusChange.changed_at, StatusChange.id)
    )  # fmt: skip
    periods: list[dict[str, Any]] = []
    open_period: dict[str, Any] | None = None
    current = None
    for service_id, status, changed_at in rows:
        if service_id != current:
            current, open_period = service_id, None
        if open_period is not None and status != "live":
            open_period["end"], open_period = changed_at.timestamp(), None
        elif open_period is None and status == "live":
            open_period = {"service_id": service_id, "start": changed_at.timestamp(), "end": None}
            periods.append(open_period)
    if periods:
        db.session.execute(insert(LivePeriod), periods)
    return len(periods)
