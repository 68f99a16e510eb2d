"""Citizens' accounts, their profile's attributes with their provenance, and the one-time codes they are sent."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.database import UTCDateTime, utcnow
from portal.extensions import db

EMAIL, PHONE, IDENTITY = "email", "phone", "identity"  # what an account signs in with (identity: a provider only)
DECLARED, VERIFIED = "declared", "verified"  # where an attribute's value comes from
SIGN_UP, RESET = "sign_up", "reset"  # what a one-time code is for


class Account(db.Model):  # type: ignore[name-defined]
    """A citizen who signs in with an email address or a telephone number, proven theirs by a one-time code: an
    account exists only once that code was typed (a sign-up waits in its ``AccountCode``)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(String(254), unique=True)  # the email in lower case, or E.164
    channel: Mapped[str] = mapped_column(String(8))  # email | phone
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # In every session cookie of this account; raised to end them all (sign-out, a new password).
    session_version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    totp_secret: Mapped[str | None] = mapped_column(String(64))  # an optional second factor
    totp_pending: Mapped[str | None] = mapped_column(String(64))  # offered at enrolment, until a code confirms it
    totp_last_step: Mapped[int | None]  # the time step of the last TOTP code accepted: never accepted again

    attributes: Mapped[list[AccountAttribute]] = relationship(
        back_populates="account", cascade="all, delete-orphan", order_by="AccountAttribute.id"
    )


class AccountAttribute(db.Model):  # type: ignore[name-defined]
    """One attribute of a profile (a name, the NIN, the date of birth...) with its provenance: declared by the
    person, or verified (by whom or by what, and when)."""

    __table_args__ = (UniqueConstraint("account_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16), default=DECLARED)  # declared | verified
    verified_by: Mapped[str] = mapped_column(String(120), default="")  # "code": a one-time code sent to it
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    account: Mapped[Account] = relationship(back_populates="attributes")


class AccountCode(db.Model):  # type: ignore[name-defined]
    """A one-time code sent to an address, to finish a sign-up or to reset a password. The browser that asked holds
    a random token (only its digest is here); the code is derived from ``seed`` (``portal.one_time_codes``) and only
    its keyed digest is kept. It expires, and allows so many tries. A row exists whether or not the address has an
    account (then no code is sent, and none can be typed right), so that nothing tells the two apart."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(16))  # sign_up | reset
    identifier: Mapped[str] = mapped_column(String(254))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    seed: Mapped[str] = mapped_column(String(64))
    code_digest: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(255), default="")  # a sign-up's password, kept until verified
    locale: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AccountIdentity(db.Model):  # type: ignore[name-defined]
    """An identity at an OpenID provider (its issuer and the subject it names the person by) that signs in to the
    account. Nothing else of the provider's answer is kept here: the claims the platform uses become the profile's
    attributes, verified by the provider."""

    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    account: Mapped[Account] = relationship()


STAFF, FUND, MANDATE = "staff", "fund", "mandate"  # who saw an account's data (mandate: a representative)


class AccountAccess(db.Model):  # type: ignore[name-defined]
    """One access to an account's data by a member of staff or a fund's system: shown to the account only."""

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    actor_kind: Mapped[str] = mapped_column(String(8))  # staff | fund | mandate
    actor: Mapped[str] = mapped_column(String(200))  # a staff member's role and body, or the fund's code
    service: Mapped[str] = mapped_column(String(120), default="")  # the service's slug
    purpose: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AccountRecoveryCode(db.Model):  # type: ignore[name-defined]
    """A one-time code that replaces the account's second factor; only its digest is kept."""

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    code_digest: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


OWNER, DECLARANT, VIEWER = "owner", "declarant", "viewer"  # a person's role in an organisation
ROLES = (OWNER, DECLARANT, VIEWER)


class Organisation(db.Model):  # type: ignore[name-defined]
    """An employer: its names, its numbers at the funds (CNAS, CACOBATPH) and at the tax administration (NIF)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name_ar: Mapped[str] = mapped_column(String(200), default="")
    name_latin: Mapped[str] = mapped_column(String(200), default="")
    cnas_number: Mapped[str] = mapped_column(String(16), default="")
    cacobatph_number: Mapped[str] = mapped_column(String(16), default="")
    nif: Mapped[str] = mapped_column(String(16), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    members: Mapped[list[OrganisationMember]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="OrganisationMember.id"
    )

    def name(self, locale: str) -> str:
        """The name in the reader's script, else the other one."""
        first, other = (self.name_ar, self.name_latin) if locale == "ar" else (self.name_latin, self.name_ar)
        return first or other


class OrganisationMember(db.Model):  # type: ignore[name-defined]
    """An account's role in an organisation: owner (manages its people and mandates), declarant, viewer."""

    __table_args__ = (UniqueConstraint("organisation_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="members")
    account: Mapped[Account] = relationship()


class OrganisationInvitation(db.Model):  # type: ignore[name-defined]
    """An invitation sent by email to join an organisation in a role: a one-time link (only its token's digest is
    kept), which expires, accepted by an account whose verified email address is the one invited."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16))
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organisation: Mapped[Organisation] = relationship()


class Mandate(db.Model):  # type: ignore[name-defined]
    """A mandate: the grantor (for themself, or as an owner of ``organisation``) lets the account that signs in
    with ``grantee_identifier`` act for them, for ``services`` (slugs; None: every service) until ``ends_on``
    included, once that account accepted it; the grantor (or an owner) revokes it at once."""

    id: Mapped[int] = mapped_column(primary_key=True)
    grantor_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                        index=True)  # fmt: skip
    grantee_identifier: Mapped[str] = mapped_column(String(254), index=True)
    grantee_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    services: Mapped[list[str] | None] = mapped_column(JSON)
    ends_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    grantor: Mapped[Account] = relationship(foreign_keys=[grantor_id])
    grantee: Mapped[Account | None] = relationship(foreign_keys=[grantee_id])
    organisation: Mapped[Organisation | None] = relationship()
