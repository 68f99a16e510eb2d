"""The catalogue as CPSV-AP 3.2.0 JSON-LD, conforming to the profile's SHACL shapes (tests/standards/).

Names and descriptions are language-tagged values (``{"@value": ..., "@language": "ar"}``) so that one
document carries every locale. The platform's codes (domains, audiences, kinds of channel) are SKOS concepts
of the platform's own schemes, published at ``/open-data/vocabularies/<name>`` and included in the export with
their labels in every locale; where CPSV-AP recommends one of the EU's authority tables and the code is
certain (the country, the languages), its URI is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from types import MappingProxyType
from typing import Any

from flask_babel import LazyString, force_locale
from flask_babel import lazy_gettext as _l

from portal.addresses import external_url
from portal.catalogue.linked_data import body_url, service_url
from portal.catalogue.models import Body, Service
from portal.registry.vocabulary import AUDIENCES, CHANNEL_KINDS, DOMAINS, LIFE_EVENTS, Vocabulary

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
AUTHORITY = "http://publications.europa.eu/resource/authority"
# Where the bodies act: Algeria in the EU's country table.
ALGERIA = {"@id": f"{AUTHORITY}/country/DZA", "@type": "dct:Location"}
# The EU's language table's code of each locale the platform may have.
LANGUAGES = MappingProxyType({"ar": "ARA", "fr": "FRA", "en": "ENG"})
# The platform's vocabularies published as concept schemes, with each scheme's title.
CONCEPT_SCHEMES: MappingProxyType[str, tuple[Vocabulary[str], LazyString]] = MappingProxyType(
    {
        DOMAINS.name: (DOMAINS, _l("Domains of the sector's services")),
        AUDIENCES.name: (AUDIENCES, _l("Audiences of the sector's services")),
        CHANNEL_KINDS.name: (CHANNEL_KINDS, _l("Kinds of channel of the sector's services")),
    }
)


def tagged(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"@value": value, "@language": locale} for locale, value in values.items() if value]


def labels(vocabulary: Vocabulary[str], code: str, locales: Iterable[str]) -> list[dict[str, str]]:
    return translated(lambda: vocabulary.label(code), locales)


def translated(text: Callable[[], object], locales: Iterable[str]) -> list[dict[str, str]]:
    """``text()`` in each locale, tagged with it."""
    values = {}
    for locale in locales:
        with force_locale(locale):
            values[locale] = str(text())
    return tagged(values)


def scheme_url(name: str) -> str:
    return external_url("opendata.vocabulary", name=name)


def concept(vocabulary: Vocabulary[str], code: str) -> dict[str, str]:
    """A reference to ``code``'s concept in the platform's scheme of ``vocabulary``."""
    return {"@id": f"{scheme_url(vocabulary.name)}#{code}"}


def concept_scheme(name: str, locales: list[str]) -> list[dict[str, Any]]:
    """The scheme ``name`` and its concepts, each labelled in every locale."""
    vocabulary, title = CONCEPT_SCHEMES[name]
    scheme = {"@id": scheme_url(name)}
    concepts = [
        {
            **concept(vocabulary, code),
            "@type": "skos:Concept",
            "skos:prefLabel": labels(vocabulary, code, locales),
            "skos:notation": code,
            "skos:inScheme": scheme,
            "skos:topConceptOf": scheme,
        }
        for code in vocabulary
    ]
    titles = translated(lambda: title, locales)
    node = {
        **scheme,
        "@type": "skos:ConceptScheme",
        "dct:title": titles,
        "skos:prefLabel": titles,
        "skos:hasTopConcept": [concept(vocabulary, code) for code in vocabulary],
    }
    return [node, *concepts]


def concept_schemes(locales: list[str]) -> Iterator[dict[str, Any]]:
    """Every concept scheme of the platform with its concepts, as the catalogue's export ends."""
    for name in CONCEPT_SCHEMES:
        yield from concept_scheme(name, locales)


def organisation_node(body: Body, locales: list[str]) -> dict[str, Any]:
    names = tagged({locale: body.name(locale) for locale in locales})
    node: dict[str, Any] = {
        "@id": body_url(body, locales[0]),
        "@type": "cv:PublicOrganisation",
        "dct:identifier": body.code,
        "dct:title": names,
        "skos:prefLabel": names,
        "skos:altLabel": body.acronym,
        "dct:spatial": ALGERIA,
    }
    if body.website:
        node["foaf:homepage"] = {"@id": body.website}
    return node


def service_node(service: Service, locales: list[str]) -> dict[str, Any]:
    texts = {locale: service.texts[locale] for locale in locales if locale in service.texts}
    node: dict[str, Any] = {
        "@id": service_url(service, locales[0]),
        "@type": "cpsv:PublicService",
        "dct:identifier": service.slug,
        "dct:title": tagged({locale: text.title for locale, text in texts.items()}),
        "dct:description": tagged({locale: text.summary for locale, text in texts.items()}),
        "cv:hasCompetentAuthority": {"@id": body_url(service.body, locales[0])},
        "cv:thematicArea": concept(DOMAINS, service.domain.code),
        "dct:audience": [concept(AUDIENCES, term.code) for term in service.terms_of("audience")],
        "dct:language": [
            {"@id": f"{AUTHORITY}/language/{LANGUAGES[locale]}", "@type": "dct:LinguisticSystem"}
            for locale in texts
            if locale in LANGUAGES
        ],
        "dcat:landingPage": [{"@id": service_url(service, locale)} for locale in texts],
        "dct:modified": service.updated_at.isoformat(),
        "cv:hasChannel": [_channel(service, channel) for channel in service.channels],
        "cv:isGroupedBy": [
            {"@type": "cv:LifeEvent", "dct:identifier": term.code, "dct:title": labels(LIFE_EVENTS, term.code, locales)}
            for term in service.terms_of("life_event")
        ],
    }
    return node | _requirements(service, texts)


def _channel(service: Service, channel: Any) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "cv:Channel",
        "dct:identifier": f"{service.body.code}/{channel.code}",
        "dct:type": concept(CHANNEL_KINDS, channel.kind),
    }
    if channel.url:
        node["cv:hasContactPoint"] = {"@type": "cv:ContactPoint", "schema:url": channel.url}
    return node


def _requirements(service: Service, texts: dict[str, Any]) -> dict[str, Any]:
    """The legal basis, the cost and the documents to provide, where the service's texts give them."""
    node: dict[str, Any] = {}
    legal = {locale: text.legal_basis for locale, text in texts.items() if text.legal_basis}
    if legal:
        node["cv:hasLegalResource"] = [{"@type": "eli:LegalResource", "dct:description": tagged(legal)}]
    costs = {locale: text.cost for locale, text in texts.items() if text.cost}
    if costs:
        node["cv:hasCost"] = [
            {"@type": "cv:Cost", "dct:identifier": f"{service.slug}/cost", "dct:description": tagged(costs)}
        ]
    evidence = [text.documents for text in texts.values()]
    if any(evidence):
        node["cpsv:hasInput"] = [
            {
                "@type": "cv:Evidence",
                "dct:identifier": f"{service.slug}/evidence/{number}",
                "dct:title": tagged(dict(zip(texts, items, strict=True))),
            }
            for number, items in enumerate(zip(*evidence, strict=False), start=1)
        ]
    return node
