"""Open data: the catalogue as CSV and as CPSV-AP JSON-LD (with its concept schemes), the sitemap, the Atom feed,
robots.txt."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree as ET

from flask import Blueprint, abort, current_app, render_template
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from portal.addresses import external_url
from portal.api.cpsv_ap import CONCEPT_SCHEMES, CPSV_CONTEXT, concept_scheme, cpsv_catalogue
from portal.caching import cached
from portal.catalogue.browse import LISTED_STATUSES, is_public
from portal.catalogue.linked_data import service_url
from portal.catalogue.models import Body, Service
from portal.downloads import csv_download
from portal.extensions import db
from portal.i18n import current_locale
from portal.registry import get_registry
from portal.registry.vocabulary import LIFE_EVENTS

blueprint = Blueprint("opendata", __name__)
ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
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


def listed_services() -> list[Service]:
    """Every listed service of an enabled body, newest change first, with what the exports need."""
    query = (
        select(Service)
        .join(Body, Body.id == Service.body_id)
        .where(Body.code.in_(list(get_registry().bodies)), Service.status.in_(LISTED_STATUSES), is_public())
        .order_by(Service.updated_at.desc(), Service.slug)
        .options(*(selectinload(getattr(Service, name)) for name in ("texts", "channels", "terms", "body", "domain")))
    )
    return list(db.session.scalars(query))


@blueprint.route("/open-data/services.csv")
@cached
def services_csv() -> Response:
    locales = current_app.config["LOCALES"]
    per_locale = [f"{name}_{locale}" for locale in locales for name in ("title", "summary", "url")]
    header = ["slug", "body", "domain", "status", "maturity", "hosted", "audiences", "life_events", "channels",
              "updated_at", *per_locale]  # fmt: skip
    return csv_download("services.csv", header, (_csv_row(service, locales) for service in listed_services()))


def _csv_row(service: Service, locales: list[str]) -> list[Any]:
    texts = [
        value
        for locale in locales
        for value in (service.texts[locale].title, service.texts[locale].summary, service_url(service, locale))
    ]
    return [
        service.slug, service.body.code, service.domain.code, service.status, service.maturity,
        "yes" if service.hosted else "no",
        " ".join(term.code for term in service.terms_of("audience")),
        " ".join(term.code for term in service.terms_of("life_event")),
        " ".join(f"{channel.kind}:{channel.url or channel.code}" for channel in service.channels),
        service.updated_at.isoformat(), *texts,
    ]  # fmt: skip


@blueprint.route("/open-data/services.jsonld")
@cached
def services_jsonld() -> Response:
    return _json_ld(cpsv_catalogue(listed_services(), current_app.config["LOCALES"]))


@blueprint.route("/open-data/vocabularies/<name>")
@cached
def vocabulary(name: str) -> Response:
    """One of the platform's concept schemes (the export's domains, audiences, kinds of channel) as SKOS."""
    if name not in CONCEPT_SCHEMES:
        abort(404)
    return _json_ld({"@context": CPSV_CONTEXT, "@graph": concept_scheme(name, current_app.config["LOCALES"])})


def _json_ld(document: dict[str, Any]) -> Response:
    return Response(json.dumps(document, ensure_ascii=False, indent=1), mimetype="application/ld+json")


@blueprint.route("/sitemap.xml")
@cached
def sitemap() -> Response:
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    pages: list[tuple[str, dict[str, str], str | None]] = [
        ("catalogue.home", {}, None),
        ("catalogue.services", {}, None),
        ("transparency.transparency", {}, None),
        ("opendata.developers", {}, None),
    ]
    pages += [("catalogue.body", {"code": code}, None) for code in get_registry().bodies]
    pages += [("catalogue.life_event", {"code": code}, None) for code in LIFE_EVENTS]
    pages += [("catalogue.service", {"slug": s.slug}, s.updated_at.date().isoformat()) for s in listed_services()]
    for endpoint, values, modified in pages:
        _sitemap_entries(urlset, endpoint, values, modified)
    return Response(ET.tostring(urlset, encoding="unicode", xml_declaration=True), mimetype="application/xml")


def _sitemap_entries(urlset: ET.Element, endpoint: str, values: dict[str, str], modified: str | None) -> None:
    locales = current_app.config["LOCALES"]
    addresses = {locale: external_url(endpoint, lang_code=locale, **values) for locale in locales}
    for address in addresses.values():
        entry = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = address
        if modified:
            ET.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = modified
        for locale, alternate in addresses.items():
            ET.SubElement(entry, f"{{{XHTML}}}link", rel="alternate", hreflang=locale, href=alternate)


@blueprint.route("/<lang_code>/feed.atom")
@cached
def feed() -> Response:
    locale = current_locale()
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": locale})
    services = listed_services()[:FEED_SIZE]
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
