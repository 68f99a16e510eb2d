"""Open data: the catalogue as CSV and as CPSV-AP JSON-LD (with its concept schemes), the sitemap, the Atom feed,
robots.txt."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree as ET

import click
from flask import Blueprint, abort, current_app, render_template, send_file
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from portal.addresses import external_url
from portal.api.cpsv_ap import CONCEPT_SCHEMES, CPSV_CONTEXT, concept_scheme
from portal.api.open_data_files import CSV_FILE, JSON_LD_FILE, open_data_file, stamp, write
from portal.api.sitemap_files import INDEX_FILE, part_name
from portal.caching import cached
from portal.catalogue.browse import LISTED_STATUSES, is_public
from portal.catalogue.linked_data import service_url
from portal.catalogue.models import Body, Service
from portal.extensions import db
from portal.i18n import current_locale
from portal.registry import get_registry

blueprint = Blueprint("opendata", __name__)
ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
# What each operation does, for the documentation page (the OpenAPI document has the same in English).
API_TEXTS = {
    "/api/v1/services": _l(
        "Services that match the filters and the search text, best match first when searching. "
        "Several values of one filter are alternatives; filters combine."
    ),
    "/api/v1/services/{slug}": _l("One service with every text in every language."),
    "/api/v1/bodies": _l("The bodies of the sector, with their platforms and number of services."),
    "/api/v1/vocabularies": _l("Every controlled vocabulary, with each code's label in every language."),
}


def newest_services(limit: int) -> list[Service]:
    """The ``limit`` listed services of the enabled bodies changed last, with what the feed shows."""
    query = (
        select(Service)
        .join(Body, Body.id == Service.body_id)
        .where(Body.code.in_(list(get_registry().bodies)), Service.status.in_(LISTED_STATUSES), is_public())
        .order_by(Service.updated_at.desc(), Service.slug)
        .limit(limit)
        .options(selectinload(Service.texts), selectinload(Service.body))
    )
    return list(db.session.scalars(query))


@blueprint.cli.command("write")
def write_files() -> None:
    """Write the open-data files (CSV, JSON-LD, sitemap) now, as the job does; after a large import, say."""
    started = time.perf_counter()
    folder = write(stamp())
    click.echo(f"open-data files written in {folder} in {time.perf_counter() - started:.1f} s")


@blueprint.route("/open-data/services.csv")
def services_csv() -> Response:
    return _file(CSV_FILE, "text/csv", attachment=True)


@blueprint.route("/open-data/services.jsonld")
def services_jsonld() -> Response:
    return _file(JSON_LD_FILE, "application/ld+json")


@blueprint.route("/sitemap.xml")
def sitemap() -> Response:
    return _file(INDEX_FILE, "application/xml")


@blueprint.route("/sitemap-<int:number>.xml")
def sitemap_part(number: int) -> Response:
    return _file(part_name(number), "application/xml")


def _file(name: str, mimetype: str, attachment: bool = False) -> Response:
    """One of the open-data files, with a validator and its date; while the first set is being written (a large
    catalogue, a new installation), 503 with the time to wait."""
    path = open_data_file(name)
    if path is None:
        if name.startswith("sitemap-"):
            abort(404)
        with force_locale(current_locale()):
            text = gettext("The open-data files are being prepared. Please try again in a minute.")
        return Response(text + "\n", 503, mimetype="text/plain", headers={"Retry-After": "60"})
    age = current_app.config["CACHE_MAX_AGE"]
    response = send_file(path, mimetype, as_attachment=attachment, download_name=name if attachment else None,
                         conditional=True, max_age=age)  # fmt: skip
    response.cache_control.public = True
    return response


@blueprint.route("/open-data/vocabularies/<name>")
@cached
def vocabulary(name: str) -> Response:
    """One of the platform's concept schemes (the export's domains, audiences, kinds of channel) as SKOS."""
    if name not in CONCEPT_SCHEMES:
        abort(404)
    return _json_ld({"@context": CPSV_CONTEXT, "@graph": concept_scheme(name, current_app.config["LOCALES"])})


def _json_ld(document: dict[str, Any]) -> Response:
    return Response(json.dumps(document, ensure_ascii=False, indent=1), mimetype="application/ld+json")


@blueprint.route("/<lang_code>/feed.atom")
@cached
def feed() -> Response:
    locale = current_locale()
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": locale})
    services = newest_services(FEED_SIZE)
    with force_locale(locale):
        title = gettext("E-services of the labour, employment and social security sector")
    _text(root, "title", title)
    own = external_url("opendata.feed", lang_code=locale)
    _text(root, "id", own)
    _text(root, "updated", services[0].updated_at.isoformat() if services else "")
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=own)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=external_url("catalogue.home", lang_code=locale))
    for service in services:
        _entry(root, service, locale)
    body = ET.tostring(root, encoding="unicode", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def _entry(root: ET.Element, service: Service, locale: str) -> None:
    entry = ET.SubElement(root, f"{{{ATOM}}}entry")
    address = service_url(service, locale)
    _text(entry, "id", address)
    _text(entry, "title", service.texts[locale].title)
    _text(entry, "summary", service.texts[locale].summary)
    _text(entry, "published", service.created_at.isoformat())
    _text(entry, "updated", service.updated_at.isoformat())
    author = ET.SubElement(entry, f"{{{ATOM}}}author")
    _text(author, "name", service.body.name(locale))
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=address)


def _text(parent: ET.Element, name: str, value: str | None) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = value or ""


@blueprint.route("/robots.txt")
def robots() -> Response:
    # A crawler following "apply" would start a draft at each visit (and spend the address's draft quota); the
    # applicants' and the staff's pages are nobody's search result.
    private = ("/api/", "/*/services/*/apply", "/*/dossiers/", "/*/backoffice/")
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in private),
        f"Sitemap: {external_url('opendata.sitemap')}",
    ]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


@blueprint.route("/<lang_code>/open-data")
@cached
def developers() -> str:
    spec = current_app.extensions["portal.api"].spec.to_dict()
    schemes = [(name, title) for name, (_, title) in CONCEPT_SCHEMES.items()]
    return render_template(
        "catalogue/open_data.html",
        operations=list(_operations(spec)),
        api_descriptions=API_TEXTS,
        concept_schemes=schemes,
    )


def _operations(spec: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Each operation of the OpenAPI document, with its path and method, for the page that documents it."""
    for path, methods in spec.get("paths", {}).items():
        for method, operation in methods.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield {"path": path, "method": method.upper(), **operation}
