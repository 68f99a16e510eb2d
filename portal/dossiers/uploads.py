"""Uploaded documents: the type is read from the content (PDF, JPEG, PNG), never from the name; sizes and
counts are limited; an accepted file is stored at once as a pending upload, so that an error elsewhere in
the form never makes the applicant send it again."""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from typing import IO

from flask import current_app
from flask_babel import gettext
from sqlalchemy import delete, or_, select
from sqlalchemy.exc import SQLAlchemyError

from portal.catalogue.hosting import form_of
from portal.catalogue.models import Service
from portal.database import utcnow
from portal.dossiers import prefill
from portal.dossiers.models import PendingUpload
from portal.dossiers.storage import storage
from portal.extensions import db
from portal.i18n import current_locale
from portal.registry.hosted_form import JPEG, PDF, PNG, Document

SIGNATURES: dict[str, tuple[bytes, ...]] = {PDF: (b"%PDF-",), JPEG: (b"\xff\xd8\xff",), PNG: (b"\x89PNG\r\n\x1a\n",)}
PENDING_LIFETIME = timedelta(days=1)
PURGE_EVERY = timedelta(minutes=10)
PURGE_CLOCK = "portal.upload_purge"


class RefusedFileError(Exception):
    """A file that cannot be accepted; ``message`` says why, in the applicant's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def sniff(data: bytes) -> str | None:
    """The type the content shows, whatever the file is called."""
    return next((kind for kind, heads in SIGNATURES.items() if data.startswith(heads)), None)


def clean_filename(name: str | None) -> str:
    """The applicant's name for the file, for display only: no folders, no control characters, 100 at most."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(character for character in unicodedata.normalize("NFC", base)
                   if unicodedata.category(character)[0] not in {"C", "Z"} or character == " ")  # fmt: skip
    base = base.strip(" .")[:100]
    return base or "document"


def read_limited(stream: IO[bytes], limit: int) -> bytes:
    """At most ``limit`` + 1 bytes: enough to tell that a file is too large without reading all of it."""
    return stream.read(limit + 1)


def check(document: Document, filename: str, data: bytes) -> str:
    """The file's real type when ``document`` accepts it; else :class:`Refused` with the reason."""
    if not data:
        raise RefusedFileError(gettext("The file “%(name)s” is empty.", name=filename))
    if len(data) > document.max_bytes:
        raise RefusedFileError(
            gettext("The file “%(name)s” is too large: at most %(limit)s MB.", name=filename, limit=document.megabytes)
        )
    found = sniff(data)
    if found not in document.types:
        allowed = document.type_names
        raise RefusedFileError(gettext("The file “%(name)s” is not of an accepted type (%(types)s).", name=filename,
                              types=allowed))  # fmt: skip
    return str(found)


def keep_pending(service: Service, document: Document, filename: str | None, data: bytes) -> PendingUpload:
    """Check a file, store it, and record it as pending (committed: it survives the form's other errors). A file
    whose row the database refuses (or cannot be reached to write) is deleted: nothing would name it, so no purge
    would ever find it. Once the row is written, the file stays, even when the commit's answer is lost (the commit
    may have been made)."""
    name = clean_filename(filename)
    content_type = check(document, name, data)
    key = storage().save(data)
    pending = PendingUpload(token=secrets.token_hex(24), service_id=service.id, kind=document.kind, filename=name,
                            content_type=content_type, size=len(data), digest=hashlib.sha256(data).hexdigest(),
                            storage_key=key, account_id=prefill.applicant_id(form_of(service)))  # fmt: skip
    db.session.add(pending)
    try:
        db.session.flush()
    except SQLAlchemyError:
        storage().delete(key)
        raise
    db.session.commit()
    _purge_now_and_then()
    return pending


@dataclass(frozen=True)
class SentFile:
    """A file as a request sent it: the sender's name for it, and its content, read only when it is kept."""

    filename: str
    stream: IO[bytes]


def receive(
    service: Service, document: Document, sent: list[SentFile], room: int
) -> tuple[list[PendingUpload], list[str]]:
    """At most ``room`` of the files sent, checked and kept as pending; a file past that is refused, not stored.
    Returns the kept files and, for the refused ones, what to tell the applicant."""
    problems = []
    if len(sent) > room:
        label = document.labels.get(current_locale(), "")
        problems.append(gettext("Attach at most %(count)s files for “%(document)s”.", count=document.max_files,
                                document=label))  # fmt: skip
    accepted = []
    for file in sent[: max(room, 0)]:
        data = read_limited(file.stream, document.max_bytes)
        try:
            accepted.append(keep_pending(service, document, file.filename, data))
        except RefusedFileError as refused:
            problems.append(refused.message)
    return accepted, problems


def pending_uploads(service: Service, tokens: list[str]) -> list[PendingUpload]:
    """The pending uploads these tokens name, for this service; unknown or foreign tokens are ignored."""
    if not tokens:
        return []
    statement = select(PendingUpload).where(PendingUpload.token.in_(tokens[:50]),
                                            PendingUpload.service_id == service.id)  # fmt: skip
    return list(db.session.scalars(statement.order_by(PendingUpload.id)))


def discard(pending: list[PendingUpload]) -> None:
    """Forget these pending uploads and delete their files (the caller's request failed for good)."""
    for upload in pending:
        storage().delete(upload.storage_key)
        db.session.delete(upload)
    db.session.commit()


def _purge_now_and_then() -> None:
    """Uploads are what fills the disk, so they drive its cleaning: each worker purges forgotten uploads at most
    every ``PURGE_EVERY`` (``flask dossiers purge-uploads`` does the same from a timer)."""
    clock = current_app.extensions.setdefault(PURGE_CLOCK, {"next": 0.0})
    if time.monotonic() >= clock["next"]:
        clock["next"] = time.monotonic() + PURGE_EVERY.total_seconds()
        purge_pending()


def purge_pending() -> int:
    """Delete the files of pending uploads older than a day that no dossier took; an account's wait as long as its
    drafts (``DRAFT_DAYS``, and a day more: the draft's expiry deletes them first)."""
    cutoff = utcnow() - PENDING_LIFETIME
    kept_for_account = utcnow() - timedelta(days=current_app.config["DRAFT_DAYS"] + 1)
    forgotten = or_(PendingUpload.account_id.is_(None), PendingUpload.created_at < kept_for_account)
    old = list(db.session.scalars(select(PendingUpload).where(PendingUpload.created_at < cutoff, forgotten)))
    for pending in old:
        storage().delete(pending.storage_key)
    db.session.execute(delete(PendingUpload).where(PendingUpload.id.in_([pending.id for pending in old])))
    db.session.commit()
    return len(old)
