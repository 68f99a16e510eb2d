"""The antivirus: every document is scanned by ClamAV's daemon (clamd) before an agent may open it.

A document is written ``pending`` with its scan job, in the transaction that attaches it; a worker sends its
content to clamd (INSTREAM, through the ``clamdpy`` client) and records the verdict. A clean file becomes ``clean``;
an infected one ``infected``: it is moved to the storage's quarantine, never served again, and the applicant is told
in their language (an email and an entry of the tracking page), while the dossier and its other documents stay.
When clamd cannot be reached the job fails and is retried with back-off: the document stays pending, refused to
agents. Without ``CLAMD_ADDRESS`` there is no antivirus: documents are ``unscanned``, which agents see plainly and
may open (a development machine); once an antivirus is configured, the rescan job scans them.
"""

from __future__ import annotations

import io
import logging

from clamdpy import ClamdNetworkSocket, ClamdUnixSocket
from clamdpy.exceptions import ClamdException
from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, cast, literal, or_, select

from portal.database import utcnow
from portal.dossiers import notifications
from portal.dossiers.models import (
    SCAN_CLEAN,
    SCAN_INFECTED,
    SCAN_PENDING,
    SCAN_UNSCANNED,
    DossierDocument,
    DossierEvent,
)
from portal.dossiers.storage import storage
from portal.extensions import db
from portal.jobs import ledger, queue
from portal.jobs.models import DONE, Job

CHUNK = 64 * 1024  # bytes sent to clamd at a time (its StreamMaxLength, 25 MB by default, bounds the whole file)
RESCAN_BATCH = 5000  # documents the rescan job asks scans for at a time
LABELS = {
    SCAN_PENDING: _l("scan pending"),
    SCAN_CLEAN: _l("clean"),
    SCAN_INFECTED: _l("infected"),
    SCAN_UNSCANNED: _l("not scanned by an antivirus"),
}
log = logging.getLogger(__name__)


class AntivirusUnavailableError(Exception):
    """clamd could not be reached or could not scan: the job is tried again later."""


def label(status: str) -> str:
    """What the pages call a document's antivirus status, in the reader's language."""
    return str(LABELS.get(status, status))


def notice(filename: str) -> str:
    """What the applicant is told of a file set aside, in the language being spoken."""
    return gettext(
        "The file “%(name)s” contains a virus: it has been set aside and will not be opened. The rest of your "
        "dossier is kept and its handling goes on.",
        name=filename,
    )


def scan_later(documents: list[DossierDocument]) -> None:
    """Ask for the scan of these new documents (flushed), in the caller's transaction; with no antivirus, say
    that they are not scanned."""
    antivirus = bool(current_app.config["CLAMD_ADDRESS"])
    for document in documents:
        document.scan_status = SCAN_PENDING if antivirus else SCAN_UNSCANNED
        if antivirus:
            ledger.later("scan", {"document": document.id}, key=_job_key(document.id), body_id=document.dossier.body_id)


def scan_content(data: bytes) -> str | None:
    """The name of the virus clamd finds in ``data``, or None when it finds none."""
    address, timeout = current_app.config["CLAMD_ADDRESS"], current_app.config["CLAMD_TIMEOUT"]
    if address.startswith(("/", "unix://")):
        client: ClamdNetworkSocket = ClamdUnixSocket(address.removeprefix("unix://"), timeout=timeout)
    else:
        host, _, port = address.rpartition(":")
        client = ClamdNetworkSocket(host, int(port), timeout=timeout)
    try:
        result = client.instream(io.BytesIO(data), max_chunk_size=CHUNK)
    except (ClamdException, OSError) as error:
        raise AntivirusUnavailableError(f"clamd at {address}: {type(error).__name__} {error}") from error
    if result.status == "ERROR":
        raise AntivirusUnavailableError(f"clamd at {address} could not scan: {result.reason}")
    return result.reason if result.status == "FOUND" else None


@ledger.handler("scan", _l("Antivirus scan of a document"))
def scan(payload: dict[str, object]) -> None:
    """The job: scan one document and record the verdict. Run again after a crash, it does nothing twice: a
    document already judged is left as it is (an infected one is only moved to the quarantine if it is not yet)."""
    document = db.session.get(DossierDocument, payload["document"])
    if document is None or document.scan_status == SCAN_CLEAN:
        return
    if document.scan_status == SCAN_INFECTED:
        storage().quarantine(document.storage_key)  # the worker may have stopped between the verdict and the move
        return
    if not current_app.config["CLAMD_ADDRESS"]:  # a worker set up without the antivirus the web hosts have
        raise AntivirusUnavailableError("this worker has no CLAMD_ADDRESS: the document waits for one that has")
    content = storage().read(document.storage_key)
    db.session.commit()  # no transaction stays open while clamd reads the file
    signature = scan_content(content)
    document.scanned_at = utcnow()
    if signature is None:
        document.scan_status = SCAN_CLEAN
        db.session.commit()
        return
    set_aside(document, signature)


def set_aside(document: DossierDocument, signature: str) -> None:
    """An infected document: recorded as such with the entry of the tracking page and the applicant's email in one
    transaction, then its file moved to the quarantine. The dossier and its other documents are untouched."""
    log.warning("document %s of dossier %s is infected (%s): quarantined", document.id, document.dossier_id, signature)
    document.scan_status, document.scan_signature = SCAN_INFECTED, signature[:200]
    dossier = document.dossier
    dossier.events.append(DossierEvent(kind="antivirus", message=document.filename))
    notifications.queue(dossier, "infected", document=document)
    db.session.commit()
    storage().quarantine(document.storage_key)


@queue.every(15, "antivirus-rescan")
def rescan() -> int:
    """Ask for the scan of the documents left unscanned (sent while no antivirus was configured, or whose scan job
    ran then) and of those pending without a job; the number asked for. Dead jobs are the administrators' to retry."""
    if not current_app.config["CLAMD_ADDRESS"]:
        return 0
    key = literal("scan:") + cast(DossierDocument.id, String)
    statement = (
        select(DossierDocument, Job)
        .outerjoin(Job, Job.key == key)
        .where(
            DossierDocument.scan_status.in_((SCAN_PENDING, SCAN_UNSCANNED)), or_(Job.id.is_(None), Job.state == DONE)
        )
        .order_by(DossierDocument.id)
        .limit(RESCAN_BATCH)
    )
    waiting = list(db.session.execute(statement))
    for document, job in waiting:
        document.scan_status = SCAN_PENDING
        if job is None:
            scan_later([document])
        else:
            ledger.retry(job.id)
    db.session.commit()
    return len(waiting)


def _job_key(document_id: int) -> str:
    return f"scan:{document_id}"
