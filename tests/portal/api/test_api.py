"""The JSON API: what a program reading the catalogue receives, and its errors."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_services_are_listed_with_their_texts_in_every_locale(client: FlaskClient) -> None:
    data = client.get("/api/v1/services?per_page=5").get_json()
    assert (data["total"], data["page"], data["pages"], data["per_page"]) == (11, 1, 3, 5)
    assert len(data["items"]) == 5
    first = data["items"][0]
    assert set(first["texts"]) == {"ar", "fr"}
    assert data["facets"]["body"] == {"mintest": 2, "demo": 5, "pilote": 4}


def test_services_are_filtered_and_searched_like_the_pages(client: FlaskClient) -> None:
    data = client.get("/api/v1/services?q=أمومة&audience=salaried").get_json()
    assert [item["slug"] for item in data["items"]] == ["maternity-benefit"]
    employers = client.get("/api/v1/services?audience=employer&body=pilote&body=demo").get_json()
    assert sorted(item["slug"] for item in employers["items"]) == [
        "apprenticeship-contract", "employer-declaration", "hiring-aid"]  # fmt: skip


def test_a_search_says_what_it_corrected_and_when_its_matches_are_partial(client: FlaskClient) -> None:
    exact = client.get("/api/v1/services?q=maternité").get_json()
    assert (exact["partial"], exact["corrected"]) == (False, {})
    misspelt = client.get("/api/v1/services?q=maternitee").get_json()
    assert (misspelt["partial"], misspelt["corrected"]) == (False, {"maternitee": "maternite"})
    assert misspelt["items"][0]["slug"] == "maternity-benefit"
    some = client.get("/api/v1/services?q=indemnité chômage").get_json()  # no service holds both words
    assert (some["partial"], some["corrected"]) == (True, {})
    assert {"maternity-benefit", "unemployment-benefit"} <= {item["slug"] for item in some["items"]}
    listed = client.get("/api/v1/services").get_json()
    assert (listed["partial"], listed["corrected"]) == (False, {})


def test_one_service_by_slug(client: FlaskClient) -> None:
    data = client.get("/api/v1/services/hiring-aid").get_json()
    assert data["body"] == "pilote"
    assert data["texts"]["ar"]["title"] == "طلب إعانة توظيف الشباب"
    assert data["texts"]["fr"]["legal_basis"].startswith("Décret exécutif d'essai n° 24-117")
    assert [channel["kind"] for channel in data["channels"]] == ["portal"]


def test_an_unknown_slug_is_a_json_404_with_a_message(client: FlaskClient) -> None:
    response = client.get("/api/v1/services/nothing-here")
    assert response.status_code == 404
    assert response.get_json() == {
        "code": 404,
        "status": "Not Found",
        "message": "No service has the slug 'nothing-here'.",
    }


def test_invalid_parameters_are_a_json_422_naming_the_field(client: FlaskClient) -> None:
    response = client.get("/api/v1/services?maturity=9&per_page=1000")
    body = response.get_json()
    assert response.status_code == 422
    assert body["message"] == "The request's parameters are not valid."
    assert set(body["errors"]["query"]) == {"maturity", "per_page"}


def test_an_unknown_api_address_is_json(client: FlaskClient) -> None:
    response = client.get("/api/v1/nowhere")
    assert response.status_code == 404
    assert response.content_type == "application/json"
    assert "message" in response.get_json()


def test_bodies_and_vocabularies(client: FlaskClient) -> None:
    bodies = client.get("/api/v1/bodies").get_json()
    assert [body["code"] for body in bodies] == ["mintest", "demo", "pilote"]
    assert bodies[2]["names"]["ar"] == "الوكالة التجريبية للتشغيل"
    vocabularies = client.get("/api/v1/vocabularies").get_json()["vocabularies"]
    having_a_child = next(term for term in vocabularies["life_event"] if term["code"] == "having_a_child")
    assert having_a_child["labels"] == {"ar": "إنجاب طفل", "fr": "Avoir un enfant"}


def test_the_openapi_document_and_the_page_that_documents_it(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"] == "3.0.3"
    assert {"/api/v1/services", "/api/v1/services/{slug}", "/api/v1/bodies", "/api/v1/vocabularies"} <= set(
        spec["paths"]
    )
    page = client.get("/fr/open-data").get_data(as_text=True)
    assert '<code dir="ltr">GET /api/v1/services/{slug}</code>' in page
    assert "Un service, avec tous ses textes dans toutes les langues." in page
