"""Routes of the citizen pages; every URL starts with the locale."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from portal.catalogue import controllers
from portal.registry.vocabulary import VOCABULARIES

blueprint = Blueprint("catalogue", __name__, url_prefix="/<lang_code>")
blueprint.add_url_rule("/", "home", controllers.home)


@blueprint.app_context_processor
def _vocabularies() -> dict[str, Any]:
    return {"vocabularies": VOCABULARIES}
