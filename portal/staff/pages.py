"""The blueprint a module hangs its back-office pages on: under /<locale>/backoffice, and never cached.

Each module registers its own back-office pages with one of these (``dossiers_backoffice``,
``rules_backoffice``...); the back office itself is only the shell (sign-in, people, audit, navigation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Blueprint
from werkzeug.wrappers import Response

BACKOFFICE_PREFIX = "/<lang_code>/backoffice"
# (path, endpoint, view, methods); each view declares its permission (see ``portal.staff.access``).
Route = tuple[str, str, Callable[..., Any], list[str]]


def backoffice_blueprint(
    name: str, import_name: str, routes: Iterable[Route], template_folder: str | None = None
) -> Blueprint:
    """A blueprint of back-office pages with these routes, whose responses no browser or proxy keeps."""
    blueprint = Blueprint(name, import_name, url_prefix=BACKOFFICE_PREFIX, template_folder=template_folder)
    for path, endpoint, view, methods in routes:
        blueprint.add_url_rule(path, endpoint, view, methods=methods)
    blueprint.after_request(_private)
    return blueprint


def _private(response: Response) -> Response:
    """Back-office pages are personal: never stored by a browser or a proxy."""
    response.headers["Cache-Control"] = "no-store"
    return response
