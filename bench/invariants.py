"""What must hold after a load or a fault, read from the database, the shared uploads folder and the SMTP sink's
journal: every acknowledged dossier stored whole, nothing half-written, every email delivered exactly once."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from portal.dossiers.models import Dossier, DossierDocument, OutboxMessage, PendingUpload
from portal.dossiers.notifications import message_id
from portal.extensions import db
from tests.mail_sink import MailSink

DOCUMENTS_PER_DOSSIER = 3  # the hiring aid's statement, contracts and register extract


@dataclass(frozen=True)
class Mark:
    """Where the records stood when a scenario began."""

    dossier: int
    outbox: int
    pending: int

    @classmethod
    def now(cls, app: Flask) -> Mark:
        with app.app_context():
            top = [int(db.session.scalar(select(func.coalesce(func.max(model.id), 0))) or 0)
                   for model in (Dossier, OutboxMessage, PendingUpload)]  # fmt: skip
        return cls(*top)


@dataclass(frozen=True)
class Dossiers:
    acknowledged: int  # receipts the people got
    found: int  # dossiers stored since the mark
    missing: int  # acknowledged, not stored: must be 0
    unacknowledged: int  # stored, never acknowledged (an answer lost after the commit, never sent again)
    incomplete: int  # stored without all their documents, or a document's file absent: must be 0
    pending_left: int  # files kept for forms never sent (purged after a day)
    stray_files: int  # files in the uploads folder that no row names (a request undone after storing a file)

    @property
    def holds(self) -> bool:
        return self.missing == 0 and self.incomplete == 0


def dossiers(app: Flask, mark: Mark, acknowledged: set[str], uploads: Path) -> Dossiers:
    with app.app_context():
        stored = list(db.session.scalars(select(Dossier).where(Dossier.id > mark.dossier)))
        references = {dossier.reference for dossier in stored}
        incomplete = sum(1 for dossier in stored if not _whole(dossier, uploads))
        pending = db.session.scalar(select(func.count()).where(PendingUpload.id > mark.pending))
        known = set(db.session.scalars(select(DossierDocument.storage_key))) | set(
            db.session.scalars(select(PendingUpload.storage_key))
        )
    files = {path.name for path in uploads.rglob("*") if path.is_file()}
    return Dossiers(len(acknowledged), len(stored), len(acknowledged - references), len(references - acknowledged),
                    incomplete, pending or 0, len(files - known))  # fmt: skip


def _whole(dossier: Dossier, uploads: Path) -> bool:
    documents = dossier.documents
    present = all((uploads / document.storage_key[:2] / document.storage_key).is_file() for document in documents)
    return len(documents) == DOCUMENTS_PER_DOSSIER and present


@dataclass(frozen=True)
class Emails:
    queued: int  # outbox messages written since the mark
    delivered: int  # of those, received by the SMTP sink (once or more)
    duplicates: int  # extra copies received, by Message-ID: must be 0
    seconds: float  # until the last was delivered, after the wait began

    @property
    def holds(self) -> bool:
        return self.delivered == self.queued and self.duplicates == 0


def emails(app: Flask, mark: Mark, sink: MailSink, wait: float) -> Emails:
    """Wait up to ``wait`` seconds for every email queued since the mark to reach the sink, then count."""
    started = time.monotonic()
    while True:
        with app.app_context():
            queued = db.session.scalars(select(OutboxMessage).where(OutboxMessage.id > mark.outbox))
            expected = {message_id(message) for message in queued}
        received = sink.deliveries()
        if expected <= set(received) or time.monotonic() - started > wait:
            break
        time.sleep(1)
    copies = Counter({key: count for key, count in received.items() if key in expected})
    return Emails(len(expected), len(copies), sum(copies.values()) - len(copies), time.monotonic() - started)
