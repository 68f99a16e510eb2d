"""A dossier's documents as people download them: the applicant from tracking, an agent from the queue."""

from __future__ import annotations

from flask import abort, make_response, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.dossiers.models import SCAN_INFECTED, Dossier, DossierDocument
from portal.dossiers.storage import storage
from portal.downloads import as_attachment


def send_document(dossier: Dossier, document_id: int, *, staff: bool) -> Response:
    """A document of this dossier, as an attachment (never shown inline: it cannot run in the portal's origin).
    What the antivirus has not cleared is refused with a page that says why (409): to agents, a file waiting for its
    scan or infected; to the applicant, an infected file (see ``DossierDocument.open_to_staff``)."""
    found = next((item for item in dossier.documents if item.id == document_id), None)
    if found is None:
        abort(404)
    if not (found.open_to_staff if staff else found.open_to_applicant):
        return _withheld(found, staff)
    response = as_attachment(Response(storage().read(found.storage_key), mimetype=found.content_type), found.filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _withheld(document: DossierDocument, staff: bool) -> Response:
    """The page that says why, with a way back to the dossier: the agent's page of it, or the applicant's tracking."""
    if document.scan_status == SCAN_INFECTED:
        title = _("Document set aside")
        message = _("The antivirus found a virus in this document: it has been set aside and can no longer be opened.")
    else:
        title = _("Document being checked")
        message = _("The antivirus has not checked this document yet. It can be opened once found clean: try again "
                    "in a few minutes.")  # fmt: skip
    if staff:
        back = url_for("dossiers_backoffice.dossier", dossier_id=document.dossier_id)
    else:
        back = url_for("dossiers.track", reference=document.dossier.reference)
    page = render_template("errors/error.html", title=title, message=message, back=(back, _("Back to the dossier")))
    response = make_response(page, 409)
    response.headers["Cache-Control"] = "private, no-store"
    return response
