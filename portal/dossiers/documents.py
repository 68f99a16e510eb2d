"""A dossier's documents as people download them: the applicant from tracking, an agent from the queue."""

from __future__ import annotations

from flask import abort
from werkzeug.wrappers import Response

from portal.dossiers.models import Dossier
from portal.dossiers.storage import storage
from portal.downloads import as_attachment


def send_document(dossier: Dossier, document_id: int) -> Response:
    """A document of this dossier, as an attachment (never shown inline: it cannot run in the portal's origin)."""
    found = next((item for item in dossier.documents if item.id == document_id), None)
    if found is None:
        abort(404)
    response = as_attachment(Response(storage().read(found.storage_key), mimetype=found.content_type), found.filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response
