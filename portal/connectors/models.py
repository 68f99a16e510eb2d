"""What the platform keeps of the funds' systems: each account's link to a fund's records, and the last good answer
of each read (shown with its date when the fund is down)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.database import UTCDateTime, utcnow
from portal.extensions import db

PENDING, LINKED = "pending", "linked"  # a code was sent by the fund and awaits; the fund confirmed the person
BY_CODE, BY_NIN = "code", "nin"  # how the link was proven


class FundLink(db.Model):  # type: ignore[name-defined]
    """An account's link to the records one fund holds on the person (``person``: the fund's own reference). While
    ``pending``, ``challenge`` is the fund's reference of the code it sent; nothing personal is read before
    ``linked``."""

    __table_args__ = (UniqueConstraint("account_id", "fund"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    fund: Mapped[str] = mapped_column(String(32))  # the body's code
    state: Mapped[str] = mapped_column(String(8), default=PENDING)
    person: Mapped[str] = mapped_column(String(120), default="")
    challenge: Mapped[str] = mapped_column(String(200), default="")
    phone_hint: Mapped[str] = mapped_column(String(40), default="")
    attempts: Mapped[int] = mapped_column(default=0)  # codes typed for this challenge
    method: Mapped[str] = mapped_column(String(8), default="")  # code | nin
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    linked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class FundAnswer(db.Model):  # type: ignore[name-defined]
    """The last good answer of one read (``operation`` with the arguments digested in ``key``) for one account."""

    __table_args__ = (UniqueConstraint("account_id", "fund", "operation", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    fund: Mapped[str] = mapped_column(String(32))
    operation: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64))
    answer: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
