"""Routes of the catalogue: the citizen pages (every URL starts with the locale) and the service editor in
the back office."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask

from portal.catalogue import editor, views
from portal.catalogue.channels import lacks_address
from portal.catalogue.highlight import highlight
from portal.catalogue.workflow import REVISION_LABELS, WORKFLOW_LABELS
from portal.registry.vocabulary import VOCABULARIES
from portal.staff.pages import backoffice_blueprint

blueprint = Blueprint("catalogue", __name__, url_prefix="/<lang_code>", template_folder="templates")
blueprint.add_url_rule("/", "home", views.home)
blueprint.add_url_rule("/services", "services", views.services)
blueprint.add_url_rule("/services/<slug>", "service", views.service)
blueprint.add_url_rule("/bodies/<code>", "body", views.body)
blueprint.add_url_rule("/life-events/<code>", "life_event", views.life_event)
blueprint.add_app_template_filter(highlight, "highlight")
blueprint.add_app_template_test(lacks_address, "without_address")

backoffice = backoffice_blueprint(
    "catalogue_backoffice",
    __name__,
    [
        ("/services/new", "create", editor.create, ["GET", "POST"]),
        ("/services/<int:service_id>", "edit", editor.edit, ["GET", "POST"]),
        ("/services/<int:service_id>/preview", "preview", editor.preview, ["GET"]),
        ("/services/<int:service_id>/history", "history", editor.history, ["GET"]),
        ("/services/<int:service_id>/submit", "submit", editor.submit, ["POST"]),
        ("/services/<int:service_id>/send-back", "send_back", editor.send_back, ["POST"]),
        ("/services/<int:service_id>/publish", "publish", editor.publish, ["POST"]),
        ("/services/<int:service_id>/retire", "retire", editor.retire, ["POST"]),
    ],
)


@blueprint.app_context_processor
def _vocabularies() -> dict[str, Any]:
    return {"vocabularies": VOCABULARIES}


@backoffice.context_processor
def _labels() -> dict[str, Any]:
    return {"workflow_labels": WORKFLOW_LABELS, "revision_labels": REVISION_LABELS}


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint)
    app.register_blueprint(backoffice)
