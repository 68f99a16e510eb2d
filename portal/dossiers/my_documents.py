"""The documents a citizen's account sent, to list in my space with where each was used, and to use again in another
application ("use a document I already sent") instead of sending the file again: the copy keeps the antivirus's
verdict. Only the account's own documents are found (the accounts module passes its id); a file found infected is
never offered."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from portal.catalogue.models import Service
from portal.dossiers.models import SCAN_INFECTED, Dossier, DossierDocument, PendingUpload
from portal.dossiers.storage import storage
from portal.extensions import db
from portal.registry.hosted_form import Document


@dataclass(frozen=True)
class MyDocument:
    """A document first sent in ``document.dossier``, and the dossiers it was used in since (the first included)."""

    document: DossierDocument
    used_in: list[Dossier]


def _mine(account_id: int) -> Select[Any]:
    return (
        select(DossierDocument)
        .join(Dossier, Dossier.id == DossierDocument.dossier_id)
        .where(Dossier.account_id == account_id, DossierDocument.scan_status != SCAN_INFECTED)
    )


def documents_of(account_id: int) -> list[MyDocument]:
    """The account's documents, the latest first, each with the dossiers it was used in."""
    loaded = selectinload(DossierDocument.dossier).selectinload(Dossier.service).selectinload(Service.texts)
    rows = list(db.session.scalars(_mine(account_id).options(loaded).order_by(DossierDocument.id.desc())))
    ids = {row.id for row in rows}
    first = {row.id: row.origin_id if row.origin_id in ids else row.id for row in rows}
    uses: dict[int, list[Dossier]] = {}
    for row in reversed(rows):
        uses.setdefault(first[row.id], []).append(row.dossier)
    return [MyDocument(row, uses[row.id]) for row in rows if first[row.id] == row.id]


def document_of(account_id: int, document_id: int) -> DossierDocument | None:
    """The account's document ``document_id``; None when it is another's, or infected."""
    found: DossierDocument | None = db.session.scalar(_mine(account_id).where(DossierDocument.id == document_id))
    return found


def fitting(account_id: int, document: Document) -> list[MyDocument]:
    """The account's documents that ``document`` accepts (its types and size)."""
    return [mine for mine in documents_of(account_id)
            if mine.document.content_type in document.types and mine.document.size <= document.max_bytes]  # fmt: skip


def reuse(service: Service, document: Document, source: DossierDocument, account_id: int) -> PendingUpload | None:
    """A copy of ``source`` kept as a file of ``document`` (committed), or None when ``document`` does not accept it."""
    if source.content_type not in document.types or source.size > document.max_bytes:
        return None
    data = storage().read(source.storage_key)
    pending = PendingUpload(token=secrets.token_hex(24), service_id=service.id, kind=document.kind,
                            filename=source.filename, content_type=source.content_type, size=len(data),
                            digest=hashlib.sha256(data).hexdigest(), storage_key=storage().save(data),
                            account_id=account_id, reused_id=source.id)  # fmt: skip
    db.session.add(pending)
    db.session.commit()
    return pending


def choose(service: Service, document: Document, document_id: int, account_id: int | None,
           room: int) -> tuple[list[PendingUpload], list[str]]:  # fmt: skip
    """The document ``document_id`` chosen for ``document``: its copy kept, or why it cannot be (another account's
    document is not found, as one that does not exist)."""
    source = document_of(account_id, document_id) if account_id is not None else None
    if source is None:
        return [], [gettext("This document cannot be found among yours. Choose another or send the file.")]
    if room < 1:
        return [], [gettext("No more files can be attached to this document.")]
    copy = reuse(service, document, source, account_id)  # type: ignore[arg-type]
    if copy is None:
        return [], [gettext("This document is not of a type or size this form accepts. Send the file instead.")]
    return [copy], []
