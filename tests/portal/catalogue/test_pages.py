"""The citizen pages, as a person reads them, without JavaScript."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from flask.testing import FlaskClient

from tests.conftest import AppFactory

MANY_SERVICES = """
from tests.plugins import Demo, service

class Plugin(Demo):
    code = "many"
    services = tuple(service(f"many-{number:02d}") for number in range(45))
"""


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_browse_lists_every_service_with_its_count(client: FlaskClient) -> None:
    page = client.get("/fr/services").get_data(as_text=True)
    assert "11 services trouvés" in page
    assert page.count('class="service-card"') == 11
    assert "Allocation chômage" in page
    assert "Attestation d&#39;affiliation sur papier" not in page  # retired


def test_filters_combine_and_show_counts(client: FlaskClient) -> None:
    page = client.get("/fr/services?audience=employer&body=pilote").get_data(as_text=True)
    assert "2 services trouvés" in page
    assert "Demande d&#39;aide à l&#39;embauche des jeunes" in page
    assert "Télédéclaration annuelle des salaires" not in page  # the fund's service for employers
    # The body facet counts employers' services of every body, so another body can be added.
    assert re.search(r'value="mintest"\s+id="f-body-mintest">\s*<label[^>]*>Ministère d&#39;essai du Travail, de '
                     r'l&#39;Emploi, .*? <span class="facet-count">\(2\)</span>', page)  # fmt: skip
    assert 'id="f-audience-employer" checked' in page


def test_values_of_one_filter_are_alternatives(client: FlaskClient) -> None:
    page = client.get("/fr/services?body=mintest&body=pilote").get_data(as_text=True)
    assert "6 services trouvés" in page


def test_retired_services_are_listed_only_when_asked_for(client: FlaskClient) -> None:
    page = client.get("/fr/services?status=retired").get_data(as_text=True)
    assert "1 service trouvé" in page and "Attestation d&#39;affiliation sur papier" in page


def test_language_switch_keeps_the_page_and_its_filters(client: FlaskClient) -> None:
    page = client.get("/fr/services?audience=employer&q=cotisation").get_data(as_text=True)
    assert 'href="/ar/services?audience=employer&amp;q=cotisation" lang="ar"' in page


def test_pagination(make_app: AppFactory, install_plugin: Callable[..., None]) -> None:
    install_plugin("many", MANY_SERVICES)
    client = make_app(ENABLED_BODIES=["many"]).test_client()
    first = client.get("/fr/services").get_data(as_text=True)
    assert "45 services trouvés" in first
    assert first.count('class="service-card"') == 20
    assert 'rel="next" href="/fr/services?page=2"' in first
    third = client.get("/fr/services?page=3").get_data(as_text=True)
    assert third.count('class="service-card"') == 5
    assert '<span class="page-link" aria-current="page">3</span>' in third
    beyond = client.get("/fr/services?page=99").get_data(as_text=True)
    assert '<span class="page-link" aria-current="page">3</span>' in beyond


def test_search_results_highlight_the_matched_words(client: FlaskClient) -> None:
    page = client.get("/ar/services?q=الأمومة").get_data(as_text=True)
    assert "نتائج البحث عن «الأمومة»" in page
    assert "طلب منحة <mark>الأمومة</mark> عن بعد" in page


def test_a_search_that_finds_nothing_helps(client: FlaskClient) -> None:
    page = client.get("/fr/services?q=zzzqqq&audience=employer").get_data(as_text=True)
    assert "Aucun service ne correspond à votre recherche." in page
    assert 'href="/fr/services?q=zzzqqq">Relancer la recherche sans les filtres' in page
    assert 'href="/fr/life-events/having_a_child"' in page


def test_typed_markup_is_shown_as_text(client: FlaskClient) -> None:
    page = client.get("/fr/services?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_service_page(client: FlaskClient) -> None:
    response = client.get("/fr/services/hiring-aid")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Demande d&#39;aide à l&#39;embauche des jeunes</h1>" in page
    assert '<nav aria-label="Fil d\'Ariane" class="breadcrumbs">' in page
    assert '<a href="/fr/bodies/pilote">Agence pilote de l&#39;emploi</a>' in page
    assert "Décret exécutif d&#39;essai n° 24-117 du 12 mars 2024." in text_of(page)
    assert 'href="/fr/services/hiring-aid/apply"' in page  # hosted here, open: apply online
    elsewhere = client.get("/fr/services/voluntary-affiliation").get_data(as_text=True)
    assert "<h1>Affiliation volontaire des Algériens résidant à l&#39;étranger</h1>" in elsewhere
    assert "/apply" not in elsewhere  # used on the fund's own channels


def test_service_page_has_schema_org_json_ld(client: FlaskClient) -> None:
    page = client.get("/ar/services/unemployment-benefit").get_data(as_text=True)
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert raw is not None
    page_node = json.loads(raw.group(1))
    # schema.org expects the language and the date of change on the page, not on the service it describes.
    assert page_node["@type"] == "WebPage"
    assert page_node["url"] == "http://localhost/ar/services/unemployment-benefit"
    assert page_node["inLanguage"] == "ar"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page_node["dateModified"])
    data = page_node["mainEntity"]
    assert data["@type"] == "GovernmentService"
    assert "inLanguage" not in data and "dateModified" not in data
    assert data["name"] == "منحة البطالة"
    assert data["provider"]["alternateName"] == "APE"
    assert data["availableChannel"] == [
        {"@type": "ServiceChannel", "name": "منصة «وسيط»", "serviceUrl": "https://wassit.pilote.example.dz"}
    ]


def test_body_page_lists_its_platforms_and_services(client: FlaskClient) -> None:
    page = client.get("/ar/bodies/demo").get_data(as_text=True)
    assert "<h1>صندوق تجريبي</h1>" in page
    assert "5 خدمات" in page  # its retired service is not counted
    assert "تطبيق «تجربتي»" in page and "شهادة الحياة عن بعد للمتقاعدين" in page
    assert client.get("/ar/bodies/nobody").status_code == 404


def test_life_event_page(client: FlaskClient) -> None:
    page = client.get("/fr/life-events/retiring").get_data(as_text=True)
    assert "<h1>Partir à la retraite</h1>" in page
    assert "Certificat de vie à distance des retraités" in page
    assert "Allocation chômage" not in page  # losing a job
    assert client.get("/fr/life-events/winning-the-lottery").status_code == 404


def test_unknown_service_is_not_found(client: FlaskClient) -> None:
    assert client.get("/fr/services/no-such-service").status_code == 404


def test_home_offers_search_life_events_audiences_and_bodies(client: FlaskClient) -> None:
    page = client.get("/fr/").get_data(as_text=True)
    assert '<form class="search-form" role="search" action="/fr/services" method="get">' in page
    assert 'href="/fr/life-events/having_a_child"' in page
    assert 'href="/fr/services?audience=employer"' in page
    assert '<a href="/fr/bodies/demo">' in page
