"""The open-data page on a phone, in Arabic and French: the CPSV-AP export's vocabularies are listed and lead to
their concepts, labelled in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations

VOCABULARY_LINKS = {
    "ar": ("ميادين خدمات القطاع", "الفئات المستهدفة بخدمات القطاع", "أنواع قنوات خدمات القطاع"),
    "fr": (
        "Domaines des services du secteur",
        "Publics des services du secteur",
        "Types de canaux des services du secteur",
    ),
}


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_the_vocabularies_of_the_export_on_a_phone(
    audit_page: Page, live_server: str, locale: str, tmp_path: Path
) -> None:
    audit_page.set_viewport_size({"width": 390, "height": 844})
    audit_page.goto(f"{live_server}/{locale}/open-data")
    downloads = audit_page.get_by_role("region", name="Téléchargements" if locale == "fr" else "التنزيلات")
    for title in VOCABULARY_LINKS[locale]:
        assert downloads.get_by_role("link", name=title, exact=True).is_visible()
    overflow = audit_page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert axe_violations(audit_page) == []
    audit_page.screenshot(path=tmp_path / f"open-data-{locale}.png", full_page=True)
    address = downloads.get_by_role("link", name=VOCABULARY_LINKS[locale][2], exact=True).get_attribute("href")
    response = audit_page.request.get(f"{live_server}{address}")
    assert response.headers["content-type"] == "application/ld+json"
    web = next(node for node in json.loads(response.text())["@graph"] if node.get("skos:notation") == "web")
    assert {label["@language"]: label["@value"] for label in web["skos:prefLabel"]} == {
        "ar": "منصة إلكترونية",
        "fr": "Plateforme web",
    }
