"""What search engines read (Lighthouse's SEO audit): a meta description in the page's language on every page,
absolute hreflang alternates at the canonical address, a sitemap with every public page, schema.org's WebPage."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest
from flask import Flask

from tests.conftest import AppFactory

CANONICAL = "https://e-services.example.dz"
ALIAS = "portal.internal"
HOME_FR = (
    "Trouvez le service en ligne dont vous avez besoin, parmi ceux de toutes les caisses et agences du secteur, en "
    "arabe et en français."
)
HOME_AR = "اعثر على الخدمة الإلكترونية التي تحتاجها، من كل صناديق القطاع وهيئاته، باللغتين العربية والفرنسية."
DESCRIPTIONS = {
    # A service page: the service's summary.
    ("fr", "/fr/services/hiring-aid"): (
        "L'entreprise demande une aide mensuelle pour chaque jeune qu'elle recrute et suit l'examen de son dossier."
    ),
    ("ar", "/ar/services/hiring-aid"): "تطلب المؤسسة إعانة شهرية عن كل شاب توظفه، وتتابع دراسة ملفها.",
    ("fr", "/fr/"): HOME_FR,
    ("ar", "/ar/services"): (
        "كل الخدمات الإلكترونية لصناديق القطاع وهيئاته، للبحث فيها وتصفيتها حسب الهيئة والفئة المعنية وحدث الحياة "
        "وقناة الاستعمال."
    ),
    ("fr", "/fr/bodies/pilote"): (
        "Agence pilote de l'emploi : les services en ligne, ce que chacun offre, à qui il s'adresse et où l'utiliser."
    ),
    ("ar", "/ar/life-events/retiring"): (
        "الإحالة على التقاعد: الخدمات الإلكترونية لصناديق القطاع وهيئاته في هذه المرحلة من الحياة."
    ),
    ("fr", "/fr/open-data"): (
        "Le catalogue des e-services du secteur en données ouvertes (CSV et JSON-LD CPSV-AP) et son API JSON, avec "
        "leur documentation."
    ),
    ("ar", "/ar/transparency/"): (
        "أين وصلت رقمنة خدمات القطاع: الخدمات المتاحة عن بعد، والخدمات المبرمجة، والتقدم المحرز."
    ),
}


@pytest.fixture
def canonical_app(make_app: AppFactory) -> Flask:
    """The platform at a canonical address other than the test client's, also answering to another host name, with
    the programme its transparency page reports on (as ``make run`` creates it)."""
    app = make_app(BASE_URL=CANONICAL, ALLOWED_HOSTS=[ALIAS])
    assert app.test_cli_runner().invoke(args=["programmes", "demo"]).exit_code == 0
    return app


def meta_description(page: str) -> str:
    found = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert len(found) == 1, found
    return html.unescape(found[0])


@pytest.mark.parametrize(("locale", "path"), list(DESCRIPTIONS))
def test_every_page_has_a_meta_description_in_its_language(canonical_app: Flask, locale: str, path: str) -> None:
    response = canonical_app.test_client().get(path)
    assert response.status_code == 200
    assert meta_description(response.get_data(as_text=True)) == DESCRIPTIONS[(locale, path)]


def test_pages_without_a_description_of_their_own_have_the_portal_s_in_their_language(canonical_app: Flask) -> None:
    client = canonical_app.test_client()
    assert meta_description(client.get("/ar/track").get_data(as_text=True)) == HOME_AR
    missing = client.get("/fr/services/no-such-service")
    assert missing.status_code == 404
    assert meta_description(missing.get_data(as_text=True)) == HOME_FR


def test_hreflang_alternates_are_absolute_at_the_canonical_address_whatever_the_host(canonical_app: Flask) -> None:
    client = canonical_app.test_client()
    for headers in ({}, {"Host": ALIAS}):
        page = client.get("/fr/services?audience=employer", headers=headers).get_data(as_text=True)
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', page))
        assert alternates == {
            "ar": f"{CANONICAL}/ar/services?audience=employer",
            "fr": f"{CANONICAL}/fr/services?audience=employer",
        }
        service = client.get("/ar/services/hiring-aid", headers=headers).get_data(as_text=True)
        assert f'<link rel="alternate" hreflang="fr" href="{CANONICAL}/fr/services/hiring-aid">' in service


def test_the_sitemap_lists_the_transparency_and_open_data_pages_in_both_languages(canonical_app: Flask) -> None:
    root = ET.fromstring(canonical_app.test_client().get("/sitemap.xml").get_data())
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {url.findtext("s:loc", namespaces=namespaces): url for url in root.findall("s:url", namespaces)}
    for path in ("transparency/", "open-data"):
        for locale in ("ar", "fr"):
            entry = entries[f"{CANONICAL}/{locale}/{path}"]
            alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", namespaces)}
            assert alternates == {"ar": f"{CANONICAL}/ar/{path}", "fr": f"{CANONICAL}/fr/{path}"}
    client = canonical_app.test_client()
    assert client.get("/fr/transparency/").status_code == client.get("/ar/open-data").status_code == 200
