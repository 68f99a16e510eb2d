"""Staff records: users and their recovery codes, and the audit log of what people did."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.database import UTCDateTime, utcnow
from portal.extensions import db

if TYPE_CHECKING:  # the content model sits above staff identity: its class is named, not imported
    from portal.catalogue.models import Body

ROLES = ("ministry_admin", "body_admin", "editor", "publisher", "agent", "analyst")
# The one ranking of roles: nobody changes a user of an equal or higher rank, nor grants a role above their own.
ROLE_RANK: dict[str, int] = {role: 0 for role in ROLES} | {"body_admin": 1, "ministry_admin": 2}
# Roles that must sign in with a second factor.
TWO_FACTOR_ROLES = frozenset({"ministry_admin", "body_admin", "publisher"})


class User(UserMixin, db.Model):  # type: ignore[name-defined]
    """A member of a body's team; ministry staff belong to the ministry's body (of kind "ministry")."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_pending: Mapped[str | None] = mapped_column(String(64))  # offered at enrolment, until a code confirms it
    totp_last_step: Mapped[int | None]  # the time step of the last TOTP code accepted: it is never accepted again
    # In every session cookie of this user; raised to end them all (sign-out, password, role, deactivation).
    session_version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    body: Mapped[Body] = relationship("Body")
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def needs_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_ROLES

    def get_id(self) -> str:
        """What a session cookie keeps (Flask-Login): the id and the session version, so raising it ends them."""
        return f"{self.id}:{self.session_version}"


class RecoveryCode(db.Model):  # type: ignore[name-defined]
    """A one-time code that replaces the second factor when the phone is lost.

    Codes are random (80 bits), so a plain SHA-256 digest keeps them safe and finds one in a single query.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code_digest: Mapped[str] = mapped_column(String(64))  # hexadecimal SHA-256 of the normalised code
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditEvent(db.Model):  # type: ignore[name-defined]
    """One action of a person: sign-in (and failure), save, submit, publish, retire, user changes."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    actor_email: Mapped[str] = mapped_column(String(254), default="")
    body_id: Mapped[int | None] = mapped_column(ForeignKey("body.id"), index=True)
    target: Mapped[str] = mapped_column(String(300), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    address: Mapped[str] = mapped_column(String(64), default="")

    body: Mapped[Body | None] = relationship("Body")
