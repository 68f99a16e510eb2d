"""The JSON API under /api/v1: services (filters, search, pagination), one service, bodies, vocabularies."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, jsonify
from flask.views import MethodView
from flask_smorest import Api, abort
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from portal import errors
from portal.accounts import api as accounts_api
from portal.api.listing import summaries
from portal.api.schemas import (
    BodySchema,
    ServicePageSchema,
    ServiceSchema,
    VocabulariesSchema,
    body_data,
)
from portal.caching import cached
from portal.catalogue.browse import Filters, browse
from portal.catalogue.queries import bodies_with_counts, service_by_slug
from portal.catalogue.schemas import FiltersSchema
from portal.dossiers.api import blueprint as dossiers_api
from portal.i18n.formats import speaking
from portal.inputs import ApiBlueprint
from portal.registry import get_registry
from portal.registry.vocabulary import VOCABULARIES

API_KEY = "portal.api"
blueprint = ApiBlueprint(
    "api", __name__, url_prefix="/api/v1", description="The catalogue of the sector's e-services, read-only."
)


class PortalApi(Api):
    """flask-smorest's Api, whose JSON errors serve the API's URLs only (``portal.errors`` dispatches to it)."""

    def _register_error_handlers(self) -> None:
        return None

    def handle_http_exception(self, error: HTTPException) -> Any:
        """JSON with the status, a message a person can read, and the invalid fields when there are any."""
        data = dict(getattr(error, "data", None) or {})
        if "message" not in data:
            invalid = error.code == 422 or "messages" in data  # webargs's validation errors, whatever the status
            data["message"] = "The request's parameters are not valid." if invalid else error.description
        error.data = data  # type: ignore[attr-defined]
        return super().handle_http_exception(error)


def init_app(app: Flask) -> PortalApi:
    app.config.update(
        API_TITLE="E-services of the labour, employment and social security sector",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
    )
    api = PortalApi(app)
    api.register_blueprint(blueprint)
    api.register_blueprint(dossiers_api)
    api.spec.components.security_scheme(
        accounts_api.SECURITY_SCHEME, accounts_api.security_scheme(app.config["BASE_URL"])
    )
    api.register_blueprint(accounts_api.blueprint)
    app.extensions[API_KEY] = api
    errors.answer_in_json(app, "/api/", api.handle_http_exception)
    return api


def enabled() -> list[str]:
    return list(get_registry().bodies)


@blueprint.route("/services")
class Services(MethodView):
    @cached
    @blueprint.arguments(FiltersSchema, location="query", as_kwargs=False)
    @blueprint.response(200, ServicePageSchema)
    def get(self, filters: Filters) -> Response:
        """Services that match the filters and the search text, best match first when searching.

        Several values of one filter are alternatives; filters combine. Retired services are listed only
        when asked for with ``status=retired``.
        """
        locales = current_app.config["LOCALES"]
        result = browse(filters, enabled(), current_app.config["DEFAULT_LOCALE"],
                        load=lambda ids: summaries(ids, locales))  # fmt: skip
        facets = {name: {str(item.value): item.count for item in counts} for name, counts in result.facets.items()}
        return jsonify({  # already in the schema's shape: see portal.api.listing
            "items": result.services, "total": result.total, "complete": result.complete, "partial": result.partial,
            "corrected": result.corrected, "page": result.page, "pages": result.pages, "per_page": filters.per_page,
            "facets": facets,
        })  # fmt: skip


@blueprint.route("/services/<slug>")
class ServiceResource(MethodView):
    @cached
    @blueprint.response(200, ServiceSchema)
    @blueprint.alt_response(404, description="No service has this slug.")
    def get(self, slug: str) -> Any:
        """One service with every text in every locale."""
        service = service_by_slug(slug, enabled())
        if service is None:
            abort(404, message=f"No service has the slug {slug!r}.")
        return service


@blueprint.route("/bodies")
class Bodies(MethodView):
    @cached
    @blueprint.response(200, BodySchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """The bodies of the sector, with their platforms and number of listed services."""
        return [body_data(item.body, item.service_count) for item in bodies_with_counts(enabled())]


@blueprint.route("/vocabularies")
class Vocabularies(MethodView):
    @cached
    @blueprint.response(200, VocabulariesSchema)
    def get(self) -> dict[str, Any]:
        """Every controlled vocabulary, with each code's label in every locale."""
        locales = current_app.config["LOCALES"]
        result: dict[str, list[dict[str, Any]]] = {}
        for name, vocabulary in VOCABULARIES.items():
            result[name] = []
            for code in vocabulary:
                labels = {}
                for locale in locales:
                    with speaking(locale):
                        labels[locale] = vocabulary.label(code)
                result[name].append({"code": code, "labels": labels})
        return {"vocabularies": result}
