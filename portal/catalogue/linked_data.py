"""Linked data of the catalogue: schema.org (a WebPage about a GovernmentService) for each service page, CPSV-AP
for the open data.

Names and descriptions are language-tagged values (``{"@value": ..., "@language": "ar"}``) so that one
document carries every locale.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import force_locale

from portal.addresses import external_url
from portal.catalogue.models import Body, Service
from portal.registry.vocabulary import AUDIENCES, CHANNEL_KINDS, DOMAINS, LIFE_EVENTS

CPSV_CONTEXT = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
}


def service_url(service: Service, locale: str) -> str:
    return external_url("catalogue.service", lang_code=locale, slug=service.slug)


def body_url(body: Body, locale: str) -> str:
    return external_url("catalogue.body", lang_code=locale, code=body.code)


def government_service(service: Service, locale: str) -> dict[str, Any]:
    """schema.org for the service's page: the WebPage (its language, its last change) whose main entity is the
    GovernmentService; schema.org expects ``inLanguage`` and ``dateModified`` on the page, not on the service."""
    text = service.texts[locale]
    page = service_url(service, locale)
    service_node: dict[str, Any] = {
        "@type": "GovernmentService",
        "name": text.title,
        "description": text.summary,
        "url": page,
        "serviceType": DOMAINS.label(service.domain.code),
        "provider": {
            "@type": "GovernmentOrganization",
            "name": service.body.name(locale),
            "alternateName": service.body.acronym,
            "url": service.body.website,
        },
        "areaServed": {"@type": "Country", "name": "DZ"},
        "audience": [
            {"@type": "Audience", "audienceType": AUDIENCES.label(term.code)} for term in service.terms_of("audience")
        ],
        "availableChannel": [_schema_channel(channel, locale, page) for channel in service.channels],
    }
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "url": page,
        "name": text.title,
        "inLanguage": locale,
        "dateModified": service.updated_at.date().isoformat(),
        "mainEntity": service_node,
    }


def _schema_channel(channel: Any, locale: str, page: str) -> dict[str, Any]:
    """A channel; a service hosted here is used from its own page."""
    entry = {"@type": "ServiceChannel", "name": channel.name(locale)}
    url = channel.url or (page if channel.kind == "portal" else None)
    if url:
        entry["serviceUrl"] = url
    return entry


def tagged(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"@value": value, "@language": locale} for locale, value in values.items() if value]


def labels(vocabulary: Any, code: str, locales: Iterable[str]) -> list[dict[str, str]]:
    values = {}
    for locale in locales:
        with force_locale(locale):
            values[locale] = vocabulary.label(code)
    return tagged(values)


def cpsv_catalogue(services: Iterable[Service], locales: list[str]) -> dict[str, Any]:
    """The catalogue as CPSV-AP JSON-LD: public organisations, then public services."""
    services = list(services)
    bodies = {service.body.code: service.body for service in services}
    graph = [_organisation(body, locales) for body in bodies.values()]
    graph += [_public_service(service, locales) for service in services]
    return {"@context": CPSV_CONTEXT, "@graph": graph}


def _organisation(body: Body, locales: list[str]) -> dict[str, Any]:
    return {
        "@id": body_url(body, locales[0]),
        "@type": "cv:PublicOrganisation",
        "dct:identifier": body.code,
        "skos:prefLabel": tagged({locale: body.name(locale) for locale in locales}),
        "skos:altLabel": body.acronym,
        "foaf:homepage": {"@id": body.website},
    }


def _public_service(service: Service, locales: list[str]) -> dict[str, Any]:
    texts = {locale: service.texts[locale] for locale in locales if locale in service.texts}
    node: dict[str, Any] = {
        "@id": service_url(service, locales[0]),
        "@type": "cpsv:PublicService",
        "dct:identifier": service.slug,
        "dct:title": tagged({locale: text.title for locale, text in texts.items()}),
        "dct:description": tagged({locale: text.summary for locale, text in texts.items()}),
        "cv:hasCompetentAuthority": {"@id": body_url(service.body, locales[0])},
        "cv:thematicArea": labels(DOMAINS, service.domain.code, locales),
        "dcat:landingPage": [{"@id": service_url(service, locale)} for locale in texts],
        "dct:modified": service.updated_at.isoformat(),
        "cv:hasChannel": [
            {
                "@type": "cv:Channel",
                "dct:identifier": f"{service.body.code}/{channel.code}",
                "dct:type": labels(CHANNEL_KINDS, channel.kind, locales),
                **(
                    {"cv:hasContactPoint": {"@type": "cv:ContactPoint", "schema:url": channel.url}}
                    if channel.url
                    else {}
                ),
            }
            for channel in service.channels
        ],
        "cv:isGroupedBy": [
            {"@type": "cv:LifeEvent", "dct:identifier": term.code, "dct:title": labels(LIFE_EVENTS, term.code, locales)}
            for term in service.terms_of("life_event")
        ],
    }
    legal = {locale: text.legal_basis for locale, text in texts.items() if text.legal_basis}
    if legal:
        node["cv:hasLegalResource"] = [{"@type": "eli:LegalResource", "dct:description": tagged(legal)}]
    costs = {locale: text.cost for locale, text in texts.items() if text.cost}
    if costs:
        node["cv:hasCost"] = [{"@type": "cv:Cost", "dct:description": tagged(costs)}]
    evidence = [text.documents for text in texts.values()]
    if any(evidence):
        node["cpsv:hasInput"] = [
            {"@type": "cv:Evidence", "dct:title": tagged(dict(zip(texts, items, strict=True)))}
            for items in zip(*evidence, strict=False)
        ]
    return node
