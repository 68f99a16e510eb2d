"""Open data: the exports parse, carry the required CPSV-AP properties, and list every service in both languages."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.catalogue.models import Service
from portal.catalogue.queries import LISTED_STATUSES
from portal.extensions import db

CPSV_REQUIRED = ("dct:identifier", "dct:title", "dct:description", "cv:hasCompetentAuthority")


def listed_slugs(app: Flask) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(Service.slug).where(Service.status.in_(LISTED_STATUSES))))


def test_cpsv_ap_json_ld(app: Flask, client: FlaskClient) -> None:
    response = client.get("/open-data/services.jsonld")
    assert response.content_type == "application/ld+json"
    document = json.loads(response.get_data(as_text=True))
    assert document["@context"]["cpsv"] == "http://purl.org/vocab/cpsv#"
    services = [node for node in document["@graph"] if node["@type"] == "cpsv:PublicService"]
    organisations = {node["@id"] for node in document["@graph"] if node["@type"] == "cv:PublicOrganisation"}
    assert {node["dct:identifier"] for node in services} == listed_slugs(app)
    for node in services:
        assert all(node.get(name) for name in CPSV_REQUIRED), node["dct:identifier"]
        assert {value["@language"] for value in node["dct:title"]} == {"ar", "fr"}
        assert node["cv:hasCompetentAuthority"]["@id"] in organisations
    abroad = next(node for node in services if node["dct:identifier"] == "voluntary-affiliation")
    assert abroad["cv:hasLegalResource"][0]["dct:description"][1] == {
        "@value": "Décret exécutif d'essai n° 22-351 du 18 octobre 2022.",
        "@language": "fr",
    }
    assert {event["dct:identifier"] for event in abroad["cv:isGroupedBy"]} == {"retiring", "living_abroad"}


def test_sitemap_lists_every_service_in_both_languages(app: Flask, client: FlaskClient) -> None:
    root = ET.fromstring(client.get("/sitemap.xml").get_data())
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [element.text or "" for element in root.findall("s:url/s:loc", namespaces)]
    for slug in listed_slugs(app):
        for locale in ("ar", "fr"):
            assert f"http://localhost/{locale}/services/{slug}" in locations
    first = root.find("s:url", namespaces)
    assert first is not None
    assert {link.get("hreflang") for link in first.findall("x:link", namespaces)} == {"ar", "fr"}


def test_atom_feed(client: FlaskClient) -> None:
    root = ET.fromstring(client.get("/ar/feed.atom").get_data())
    atom = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", atom)
    assert len(entries) == 11
    titles = {entry.findtext("a:title", namespaces=atom) for entry in entries}
    assert "منحة البطالة" in titles
    assert all(entry.findtext("a:updated", namespaces=atom) for entry in entries)


def test_csv(app: Flask, client: FlaskClient) -> None:
    text = client.get("/open-data/services.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert {row["slug"] for row in rows} == listed_slugs(app)
    minha = next(row for row in rows if row["slug"] == "unemployment-benefit")
    assert (minha["title_ar"], minha["title_fr"]) == ("منحة البطالة", "Allocation chômage")
    assert minha["channels"] == "web:https://wassit.pilote.example.dz"
    assert "paper-certificate" not in {row["slug"] for row in rows}  # retired


def test_robots_points_to_the_sitemap_and_keeps_crawlers_off_forms_and_dossiers(client: FlaskClient) -> None:
    robots = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: http://localhost/sitemap.xml" in robots
    for private in ("/*/services/*/apply", "/*/dossiers/", "/*/backoffice/"):
        assert f"Disallow: {private}\n" in robots
