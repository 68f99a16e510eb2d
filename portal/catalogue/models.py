"""Catalogue content: bodies, their channels, services with text per locale, vocabulary terms."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from portal.database import UTCDateTime, utcnow
from portal.extensions import db
from portal.registry.vocabulary import CHANNEL_KINDS, maturity_reached
from portal.staff.models import User


class Body(db.Model):  # type: ignore[name-defined]
    """A body of the sector (fund, agency, the ministry). Its names are a locale -> text mapping."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    acronym: Mapped[str] = mapped_column(String(32))
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    website: Mapped[str] = mapped_column(String(500))
    contact: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(default=100)

    channels: Mapped[list[Channel]] = relationship(back_populates="body", cascade="all, delete-orphan")
    services: Mapped[list[Service]] = relationship(back_populates="body")

    def name(self, locale: str) -> str:
        return localised(self.names, locale, self.code)


def localised(names: dict[str, str], locale: str, fallback: str) -> str:
    """A name in ``locale``, else in any language it has, else ``fallback`` (a code)."""
    return names.get(locale) or next(iter(names.values()), fallback)


class Channel(db.Model):  # type: ignore[name-defined]
    """Where a body's services are used: its web platform, an app, a counter, or this portal."""

    __table_args__ = (UniqueConstraint("body_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"))
    code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    url: Mapped[str | None] = mapped_column(String(500))

    body: Mapped[Body] = relationship(back_populates="channels")

    def name(self, locale: str) -> str:
        return channel_name(self.names, self.kind, locale)


def channel_name(names: dict[str, str], kind: str, locale: str) -> str:
    """A channel's own name, or the label of its kind (the portal channel has no name of its own)."""
    return names.get(locale) or CHANNEL_KINDS.label(kind)


class Term(db.Model):  # type: ignore[name-defined]
    """A code of a controlled vocabulary (domain, audience, life event); labels are in the catalogues."""

    __table_args__ = (UniqueConstraint("vocabulary", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vocabulary: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(default=0)


service_term = Table(
    "service_term",
    db.metadata,
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("term_id", ForeignKey("term.id", ondelete="CASCADE"), primary_key=True),
)

service_channel = Table(
    "service_channel",
    db.metadata,
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("channel_id", ForeignKey("channel.id", ondelete="CASCADE"), primary_key=True),
)


class Service(db.Model):  # type: ignore[name-defined]
    """A service of a body. ``content_edited_at`` is set when a person edits its non-text content."""

    __table_args__ = (
        CheckConstraint("maturity BETWEEN 1 AND 5", name="maturity_range"),
        CheckConstraint("status IN ('planned', 'in_development', 'pilot', 'live', 'retired')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("term.id"))
    maturity: Mapped[int] = mapped_column(default=1)
    payment: Mapped[str] = mapped_column(String(16), default="none", server_default="none")  # PAYMENT_OPTIONS
    status: Mapped[str] = mapped_column(String(16), default="live")
    hosted: Mapped[bool] = mapped_column(default=False)
    from_plugin: Mapped[bool] = mapped_column(default=False)  # made by a sync, which sets it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    planned_live_on: Mapped[date | None]  # the go-live date the body planned
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # None: never published
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # set when a publisher retires it
    content_edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    content_edited_by: Mapped[str | None] = mapped_column(String(200))

    body: Mapped[Body] = relationship(back_populates="services")
    domain: Mapped[Term] = relationship()
    terms: Mapped[list[Term]] = relationship(secondary=service_term, order_by=Term.position)
    channels: Mapped[list[Channel]] = relationship(secondary=service_channel, order_by=Channel.id)
    texts: Mapped[dict[str, ServiceText]] = relationship(
        collection_class=attribute_keyed_dict("locale"),
        cascade="all, delete-orphan",
        back_populates="service",
    )

    @property
    def is_public(self) -> bool:
        return self.published_at is not None and self.withdrawn_at is None

    @property
    def maturity_reached(self) -> int:
        """The level it really offers: level 4 claimed with payment elsewhere is level 3."""
        return maturity_reached(self.maturity, self.payment)

    def terms_of(self, vocabulary: str) -> list[Term]:
        return [term for term in self.terms if term.vocabulary == vocabulary]

    def text(self, locale: str) -> ServiceText | None:
        return self.texts.get(locale)


class ServiceText(db.Model):  # type: ignore[name-defined]
    """A service's text in one locale. ``edited_at`` is set when a person edits it: sync leaves it."""

    __table_args__ = (UniqueConstraint("service_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(String(1000))
    audience: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[str] = mapped_column(Text, default="")
    documents: Mapped[list[str]] = mapped_column(JSON, default=list)
    steps: Mapped[list[str]] = mapped_column(JSON, default=list)
    cost: Mapped[str] = mapped_column(Text, default="")
    processing_time: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    edited_by: Mapped[str | None] = mapped_column(String(200))

    service: Mapped[Service] = relationship(back_populates="texts")


class ServiceDraft(db.Model):  # type: ignore[name-defined]
    """The next version of a service, edited while the published one stays live."""

    __table_args__ = (UniqueConstraint("service_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    state: Mapped[str] = mapped_column(String(16), default="draft")  # draft | in_review
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(default=1)
    review_comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    service: Mapped[Service] = relationship()
    updated_by: Mapped[User | None] = relationship()


class Revision(db.Model):  # type: ignore[name-defined]
    """Every save of a service's content, with who made it and when."""

    __table_args__ = (UniqueConstraint("service_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # saved | submitted | sent_back | published
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship()
