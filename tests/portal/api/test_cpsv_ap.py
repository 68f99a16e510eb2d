"""The CPSV-AP export conforms to the official CPSV-AP 3.2.0 SHACL shapes (tests/standards/), and its codes are
SKOS concepts of the platform's published schemes, labelled in Arabic and French."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from tests.portal.api.test_exports import listed_slugs
from tests.standards import cpsv_ap_violations, parse_json_ld

CPSV = "http://purl.org/vocab/cpsv#"
CV = "http://data.europa.eu/m8g/"
EXPORT = "/open-data/services.jsonld"


def export_graph(client: FlaskClient, change: Any = None) -> Graph:
    """The export as RDF; ``change`` may first alter its JSON-LD document."""
    response = client.get(EXPORT)
    assert response.status_code == 200
    document = json.loads(response.get_data(as_text=True))
    if change:
        change(document["@graph"])
    return parse_json_ld(json.dumps(document))


def test_the_export_conforms_to_the_cpsv_ap_shapes(app: Flask, client: FlaskClient) -> None:
    graph = export_graph(client)
    services = {
        str(graph.value(node, DCTERMS.identifier)) for node in graph.subjects(RDF.type, URIRef(CPSV + "PublicService"))
    }
    assert services == listed_slugs(app)  # an empty or unreadable graph would conform too
    violations, report = cpsv_ap_violations(graph)
    assert not violations, report


def test_the_shapes_find_what_the_export_used_to_get_wrong(client: FlaskClient) -> None:
    """The validation is not a formality: the export's former mistakes are each found."""

    def former_mistakes(graph: list[dict[str, Any]]) -> None:
        organisation = next(node for node in graph if node["@type"] == "cv:PublicOrganisation")
        del organisation["dct:spatial"], organisation["dct:title"]
        service = next(node for node in graph if node.get("dct:identifier") == "voluntary-affiliation")
        service["cv:thematicArea"] = [{"@value": "Sécurité sociale", "@language": "fr"}]
        service["cv:hasChannel"][0]["dct:type"] = [{"@value": "منصة إلكترونية", "@language": "ar"},
                                                   {"@value": "Plateforme web", "@language": "fr"}]  # fmt: skip

    violations, _ = cpsv_ap_violations(export_graph(client, former_mistakes))
    assert violations == {
        f"PublicOrganisationShape {DCTERMS.spatial}": 1,
        f"AgentShape {DCTERMS.title}": 1,
        f"PublicServiceShape {CV}thematicArea": 1,
        f"ChannelShape {DCTERMS.type}": 3,  # two values, and neither is a concept
    }


def test_codes_are_concepts_of_the_platforms_schemes_in_both_languages(client: FlaskClient) -> None:
    graph = export_graph(client)
    service = next(graph.subjects(DCTERMS.identifier, Literal("voluntary-affiliation")))
    domain = graph.value(service, URIRef(CV + "thematicArea"))
    assert domain == URIRef("http://localhost/open-data/vocabularies/domain#social_security")
    assert set(graph.objects(domain, SKOS.prefLabel)) == {
        Literal("الضمان الاجتماعي", lang="ar"),
        Literal("Sécurité sociale", lang="fr"),
    }
    scheme = graph.value(domain, SKOS.inScheme)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert set(graph.objects(scheme, DCTERMS.title)) == {
        Literal("ميادين خدمات القطاع", lang="ar"),
        Literal("Domaines des services du secteur", lang="fr"),
    }
    kinds = {graph.value(channel, DCTERMS.type) for channel in graph.objects(service, URIRef(CV + "hasChannel"))}
    assert kinds == {
        URIRef("http://localhost/open-data/vocabularies/channel_kind#web"),
        URIRef("http://localhost/open-data/vocabularies/channel_kind#counter"),
    }
    web = URIRef("http://localhost/open-data/vocabularies/channel_kind#web")
    assert Literal("منصة إلكترونية", lang="ar") in set(graph.objects(web, SKOS.prefLabel))
    audiences = set(graph.objects(service, DCTERMS.audience))
    assert audiences == {URIRef("http://localhost/open-data/vocabularies/audience#abroad")}


def test_bodies_are_located_in_algeria_by_the_eus_country_table(client: FlaskClient) -> None:
    graph = export_graph(client)
    fund = URIRef("http://localhost/ar/bodies/demo")
    assert graph.value(fund, DCTERMS.spatial) == URIRef("http://publications.europa.eu/resource/authority/country/DZA")
    assert {getattr(title, "language", None) for title in graph.objects(fund, DCTERMS.title)} == {"ar", "fr"}


def test_a_concept_address_leads_to_its_scheme(client: FlaskClient) -> None:
    response = client.get("/open-data/vocabularies/channel_kind")
    assert response.status_code == 200
    assert response.content_type == "application/ld+json"
    graph = parse_json_ld(response.get_data(as_text=True))
    portal = URIRef("http://localhost/open-data/vocabularies/channel_kind#portal")
    assert set(graph.objects(portal, SKOS.prefLabel)) == {
        Literal("متاحة على هذه البوابة", lang="ar"),
        Literal("Sur ce portail", lang="fr"),
    }
    assert graph.value(portal, SKOS.inScheme) == URIRef("http://localhost/open-data/vocabularies/channel_kind")
    assert client.get("/open-data/vocabularies/status").status_code == 404


def test_the_open_data_page_links_the_vocabularies(client: FlaskClient) -> None:
    for locale, title in (("ar", "أنواع قنوات خدمات القطاع"), ("fr", "Types de canaux des services du secteur")):
        page = client.get(f"/{locale}/open-data").get_data(as_text=True)
        assert f'<a href="/open-data/vocabularies/channel_kind">{title}</a>' in page
    assert "Ses domaines, publics et types de canaux sont des concepts de ces vocabulaires (SKOS) :" in page
