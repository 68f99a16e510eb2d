"""Routes of the citizen pages; every URL starts with the locale."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from portal.catalogue import controllers
from portal.catalogue.highlight import highlight
from portal.registry.vocabulary import VOCABULARIES

blueprint = Blueprint("catalogue", __name__, url_prefix="/<lang_code>")
blueprint.add_url_rule("/", "home", controllers.home)
blueprint.add_url_rule("/services", "services", controllers.services)
blueprint.add_url_rule("/services/<slug>", "service", controllers.service)
blueprint.add_url_rule("/bodies/<code>", "body", controllers.body)
blueprint.add_url_rule("/life-events/<code>", "life_event", controllers.life_event)
blueprint.add_app_template_filter(highlight, "highlight")


@blueprint.app_context_processor
def _vocabularies() -> dict[str, Any]:
    return {"vocabularies": VOCABULARIES}
