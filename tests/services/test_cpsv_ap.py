"""The bundled funds' catalogue, exported as CPSV-AP, conforms to the official CPSV-AP 3.2.0 SHACL shapes."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from tests.portal.api.test_cpsv_ap import CPSV, export_graph
from tests.portal.api.test_exports import listed_slugs
from tests.standards import cpsv_ap_violations


def test_the_bundled_catalogue_conforms_to_the_cpsv_ap_shapes(app: Flask, client: FlaskClient) -> None:
    graph = export_graph(client)
    services = {
        str(graph.value(node, DCTERMS.identifier)) for node in graph.subjects(RDF.type, URIRef(CPSV + "PublicService"))
    }
    assert services == listed_slugs(app)
    assert "complaints-and-suggestions" in services  # the bundled bodies, not the test bodies
    violations, report = cpsv_ap_violations(graph)
    assert not violations, report
