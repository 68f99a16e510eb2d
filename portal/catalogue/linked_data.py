"""Linked data of the catalogue: schema.org (a WebPage about a GovernmentService) for each service page, and the
addresses that the open data's CPSV-AP export (``portal.api.cpsv_ap``) gives services and bodies.

Names and descriptions are language-tagged values (``{"@value": ..., "@language": "ar"}``) so that one
document carries every locale.
"""

from __future__ import annotations

from typing import Any

from portal.addresses import external_url
from portal.catalogue.models import Body, Service
from portal.registry.vocabulary import AUDIENCES, DOMAINS


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
