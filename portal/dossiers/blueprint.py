"""Routes of hosted services: the applicant's pages, and case handling in the back office."""

from __future__ import annotations

from flask import Blueprint, Flask
from werkzeug.wrappers import Response

from portal.dossiers import antivirus, casework, lists, sms, storage, views
from portal.registry.hosted_form import standard_message, status_label
from portal.staff.pages import backoffice_blueprint

blueprint = Blueprint("dossiers", __name__, url_prefix="/<lang_code>", template_folder="templates")
for path, endpoint, view, methods in [
    ("/services/<slug>/apply", "apply", views.apply, ["GET", "POST"]),
    ("/services/<slug>/apply/<draft>", "apply_post", views.apply_post, ["POST"]),
    ("/services/<slug>/apply/<draft>/<int:step>", "apply_step", views.apply_step, ["GET"]),
    ("/services/<slug>/apply/<draft>/exit", "apply_exit", views.apply_exit, ["GET"]),
    ("/services/<slug>/<name>-template.csv", "table_template", views.table_template, ["GET"]),
    ("/dossiers/<reference>/receipt", "receipt", views.receipt, ["GET"]),
    ("/dossiers/<reference>/acknowledgement.pdf", "acknowledgement", views.acknowledgement_pdf, ["GET"]),
    ("/track", "track_form", views.track_form, ["GET", "POST"]),
    ("/track/<reference>", "track", views.track, ["GET"]),
    ("/track/<reference>/reply", "reply", views.reply, ["POST"]),
    ("/track/<reference>/documents/<int:document_id>", "document", views.document, ["GET"]),
]:
    blueprint.add_url_rule(path, endpoint, view, methods=methods)


@blueprint.after_request
def kept_by_no_cache(response: Response) -> Response:
    """The applicant's pages hold answers (a national ID number), the receipt the private tracking code: no
    cache keeps them, neither a proxy nor the browser of a shared computer once the session is gone."""
    response.headers.setdefault("Cache-Control", "private, no-store")
    return response


# The applicant's and the agents' pages name statuses the same way.
blueprint.add_app_template_global(status_label, "status_label")
blueprint.add_app_template_global(standard_message, "standard_message")
blueprint.add_app_template_global(antivirus.label, "scan_label")  # a document's antivirus status
blueprint.add_app_template_global(antivirus.notice, "antivirus_notice")  # a file set aside, told to the applicant
blueprint.add_app_template_global(lists.previews, "list_previews")  # the last step shows each list, a page at a time

backoffice = backoffice_blueprint(
    "dossiers_backoffice",
    __name__,
    [
        ("/dossiers", "queue", casework.queue, ["GET"]),
        ("/dossiers/<int:dossier_id>", "dossier", casework.dossier, ["GET"]),
        ("/dossiers/<int:dossier_id>/status", "dossier_status", casework.change_status, ["POST"]),
        ("/dossiers/<int:dossier_id>/note", "dossier_note", casework.add_note, ["POST"]),
        ("/dossiers/<int:dossier_id>/assign", "dossier_assign", casework.assign, ["POST"]),
        ("/dossiers/<int:dossier_id>/documents/<int:document_id>", "dossier_document", casework.document, ["GET"]),
        ("/dossiers/<int:dossier_id>/answers/<name>.csv", "dossier_list", casework.answer_list, ["GET"]),
        ("/outbox", "outbox", casework.outbox, ["GET"]),
    ],
)


def init_app(app: Flask) -> None:
    """The upload storage, the SMS gateway, the applicant's pages and the back office's case handling."""
    storage.init_app(app)
    sms.init_app(app)
    app.register_blueprint(blueprint)
    app.register_blueprint(backoffice)
