"""Dossiers (submissions to hosted services), their history, documents, numbering, and the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.catalogue.models import Body, Service
from portal.database import UTCDateTime, utcnow
from portal.extensions import db

# What the antivirus says of a document (see portal.dossiers.antivirus): waiting for its scan, found clean, found
# infected (moved to the quarantine), or not scanned because no antivirus is configured (CLAMD_ADDRESS).
SCAN_PENDING, SCAN_CLEAN, SCAN_INFECTED, SCAN_UNSCANNED = "pending", "clean", "infected", "unscanned"
EMAIL, SMS = "email", "sms"  # the kinds of outbox messages


class DossierSequence(db.Model):  # type: ignore[name-defined]
    """The last number given to a dossier of a body in a year: references are allocated from it."""

    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


class Dossier(db.Model):  # type: ignore[name-defined]
    """A submission to a hosted service: the applicant's answers and contact, its status and its history."""

    __table_args__ = (
        UniqueConstraint("service_id", "idempotency_key"),
        Index("ix_dossier_queue", "body_id", "service_id", "status", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"))
    tracking_hash: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    request_digest: Mapped[str] = mapped_column(String(64), default="")  # what was sent under that key
    status: Mapped[str] = mapped_column(String(32))
    closed: Mapped[bool] = mapped_column(default=False)
    locale: Mapped[str] = mapped_column(String(16))
    applicant_name: Mapped[str] = mapped_column(String(200), default="")
    applicant_email: Mapped[str] = mapped_column(String(254), default="")
    applicant_phone: Mapped[str] = mapped_column(String(32), default="")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    estimate: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # The citizen's account that sent it while signed in, or added it to their space with its tracking code.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), index=True)
    # Sent under a mandate: the account that acted (``account_id`` is the one it acted for), and the organisation
    # it was for when the mandate is an organisation's (``account_id`` is then the owner who granted it).
    representative_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"),
                                                        index=True)  # fmt: skip

    service: Mapped[Service] = relationship()
    body: Mapped[Body] = relationship()
    assigned_to: Mapped[Any] = relationship("User")
    events: Mapped[list[DossierEvent]] = relationship(
        back_populates="dossier", order_by="DossierEvent.id", cascade="all, delete-orphan"
    )
    documents: Mapped[list[DossierDocument]] = relationship(
        back_populates="dossier", order_by="DossierDocument.id", cascade="all, delete-orphan"
    )


class DossierEvent(db.Model):  # type: ignore[name-defined]
    """One entry of a dossier's history: a status change with its message, a reply of the applicant, an
    internal note (never shown to the applicant), an assignment, a file the antivirus set aside (its name)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))  # status | reply | note | assignment | antivirus
    status: Mapped[str] = mapped_column(String(32), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # None: the applicant
    public: Mapped[bool] = mapped_column(default=True)  # shown on the tracking page

    dossier: Mapped[Dossier] = relationship(back_populates="events")
    author: Mapped[Any] = relationship("User")


class DossierDocument(db.Model):  # type: ignore[name-defined]
    """A file attached to a dossier; its content lives in the storage under a random key, and the antivirus's
    verdict on it here (``scan_status``, when, and the signature of the virus found)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("dossier_event.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(200))  # the applicant's name for it, cleaned, for display
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    storage_key: Mapped[str] = mapped_column(String(80), unique=True)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    scan_status: Mapped[str] = mapped_column(String(16), default=SCAN_PENDING)
    scanned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    scan_signature: Mapped[str] = mapped_column(String(200), default="")  # the virus found, as ClamAV names it
    # The document first sent that this one reuses ("use a document I already sent"), for "where it was used".
    origin_id: Mapped[int | None] = mapped_column(ForeignKey("dossier_document.id", ondelete="SET NULL"), index=True)

    dossier: Mapped[Dossier] = relationship(back_populates="documents")

    @property
    def open_to_staff(self) -> bool:
        """Agents open a file the antivirus found clean, or one no antivirus checked while none is configured
        (said plainly beside it); never a file waiting for its scan, nor an infected one. Once an antivirus is
        configured, a file sent before waits for its scan (the rescan job) like any other."""
        if self.scan_status == SCAN_UNSCANNED:
            return not current_app.config["CLAMD_ADDRESS"]
        return self.scan_status == SCAN_CLEAN

    @property
    def open_to_applicant(self) -> bool:
        """The applicant gets back what they sent, except a file found infected: it is in the quarantine."""
        return self.scan_status != SCAN_INFECTED


class PendingUpload(db.Model):  # type: ignore[name-defined]
    """A file accepted while the rest of the form was not yet valid: kept so the applicant need not send it
    again, attached to the dossier on submission, purged after a day otherwise."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    digest: Mapped[str] = mapped_column(String(64), default="")  # SHA-256 of the content
    storage_key: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # The account signed in when it was sent: its draft keeps the file as long as the draft (PORTAL_DRAFT_DAYS).
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    # The document of an earlier dossier this file copies ("use a document I already sent"): it keeps its scan.
    reused_id: Mapped[int | None] = mapped_column(ForeignKey("dossier_document.id", ondelete="SET NULL"))


class OutboxMessage(db.Model):  # type: ignore[name-defined]
    """An email (or a text message) to an applicant or a citizen. Written in the same transaction as what it
    announces; sent through SMTP (or the SMS gateway) when it is configured, else kept here for administrators to
    read. Never dropped. A one-time code it carries is a mask here, written in from ``code_seed`` when it is sent."""

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossier.id", ondelete="SET NULL"), index=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("body.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8), default=EMAIL)  # email | sms: also the kind of the job that sends it
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    code_seed: Mapped[str] = mapped_column(String(64), default="")  # see portal.one_time_codes


class FormDraft(db.Model):  # type: ignore[name-defined]
    """A hosted form being filled in, kept on the server between the steps (Post/Redirect/Get): the state the
    last step sent, and what its page must show (errors, an exit). Its token is in the step's address and in
    the signed session of the browser that started it, so two tabs keep two drafts. Purged after a day, unless an
    account signed in saved it: then it waits for its owner, on any device, for ``DRAFT_DAYS``, and its owner is
    warned (``warned_at``) before it is deleted."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    errors: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    problem: Mapped[str | None] = mapped_column(String(32))
    exit_code: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # its owner was told it will be deleted

    service: Mapped[Service] = relationship()
