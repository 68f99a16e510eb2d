"""The hosted services through the JSON API: the same validation, storage and tracking as the pages."""

from __future__ import annotations

import base64

from flask import Flask
from sqlalchemy import update

from portal.catalogue.models import Service
from portal.extensions import db
from tests.portal.dossiers.helpers import pdf_bytes, png_bytes

URL = "/api/v1/services/hiring-aid"
ANSWERS = {"company_name": "Entreprise Sud Bâtiment", "size": "medium", "sector": "building", "address": "Ouargla",
           "year": 2026, "hires": 30, "young_hires": 12, "workforce": 120}  # fmt: skip


def encoded(kind: str, filename: str, content: bytes) -> dict[str, str]:
    return {"kind": kind, "filename": filename, "content": base64.b64encode(content).decode()}


DOCUMENTS = [encoded("statement", "declaration.pdf", pdf_bytes()), encoded("contracts", "contrats.pdf", pdf_bytes()),
             encoded("register_extract", "registre.png", png_bytes())]  # fmt: skip
CONTACT = {"applicant_name": "Nadia Cherif", "applicant_email": "n.cherif@example.dz"}
KEY = {"Idempotency-Key": "api-client-application-0001"}


def test_the_form_is_described_with_labels_in_every_locale(portal_app: Flask) -> None:
    described = portal_app.test_client().get(f"{URL}/form").get_json()
    fields = {item["name"]: item for item in described["fields"]}
    assert fields["hires"]["label"] == {"ar": "عدد التوظيفات", "fr": "Nombre de recrutements"}
    assert fields["workforce"]["required"] is False and fields["sector"]["type"] == "select"
    assert [step["code"] for step in described["steps"]] == ["company", "hiring"]
    assert {item["kind"]: item["types"] for item in described["documents"]}["statement"] == ["application/pdf"]


def test_an_application_through_the_api_is_created_once_and_tracked(portal_app: Flask) -> None:
    client = portal_app.test_client()
    body = {"locale": "fr", "answers": ANSWERS, "contact": CONTACT, "documents": DOCUMENTS}
    created = client.post(f"{URL}/dossiers", json=body, headers=KEY)
    assert created.status_code == 201, created.get_json()
    receipt = created.get_json()
    assert receipt["reference"].startswith("APE-") and receipt["status"] == "received" and receipt["created"]
    replayed = client.post(f"{URL}/dossiers", json=body, headers=KEY)
    assert replayed.status_code == 200
    assert (replayed.get_json()["reference"], replayed.get_json()["tracking_code"]) == (
        receipt["reference"], receipt["tracking_code"])  # fmt: skip
    status = client.get(f"/api/v1/dossiers/{receipt['reference']}?locale=ar",
                        headers={"X-Tracking-Code": receipt["tracking_code"]})  # fmt: skip
    assert status.status_code == 200
    assert status.get_json()["status_label"] == "تم الاستلام"
    assert status.get_json()["history"][0]["message"].startswith("تم استلام ملفكم")
    wrong = client.get(f"/api/v1/dossiers/{receipt['reference']}", headers={"X-Tracking-Code": "AAAAA-AAAAA"})
    assert wrong.status_code == 404


def test_invalid_answers_are_refused_with_messages_in_the_requested_language(portal_app: Flask) -> None:
    client = portal_app.test_client()
    answers = {**ANSWERS, "young_hires": 40, "sector": "banking"}
    refused = client.post(f"{URL}/dossiers", json={"locale": "ar", "answers": answers, "contact": CONTACT,
                                                   "documents": DOCUMENTS[:1]}, headers=KEY)  # fmt: skip
    assert refused.status_code == 422
    errors = refused.get_json()["errors"]
    assert errors["sector"] == ["اختاروا قطاع النشاط."]  # the message names the field
    assert errors["document-contracts"] == ["أرفقوا «عقود العمل»."]
    wrong_type = {**DOCUMENTS[0], "content": base64.b64encode(png_bytes()).decode()}
    again = client.post(f"{URL}/dossiers", json={"locale": "fr", "answers": ANSWERS, "contact": CONTACT,
                                                 "documents": [wrong_type, *DOCUMENTS[1:]]}, headers=KEY)  # fmt: skip
    assert again.get_json()["errors"]["documents[0]"] == [
        "Le fichier « declaration.pdf » n'est pas d'un format accepté (PDF)."]  # fmt: skip
    assert client.post(f"{URL}/dossiers", json={"answers": ANSWERS}).status_code == 400  # no Idempotency-Key


def test_the_plugins_cross_field_rule_applies_through_the_api(portal_app: Flask) -> None:
    answers = {**ANSWERS, "young_hires": 40}
    refused = portal_app.test_client().post(f"{URL}/dossiers", headers=KEY, json={
        "locale": "fr", "answers": answers, "contact": CONTACT, "documents": DOCUMENTS})  # fmt: skip
    assert refused.get_json()["errors"] == {
        "young_hires": ["Les jeunes recrutés ne peuvent dépasser le nombre de recrutements."]}  # fmt: skip


def test_a_service_that_takes_no_application_is_not_found(portal_app: Flask) -> None:
    client = portal_app.test_client()
    assert client.get("/api/v1/services/job-seeker-enrolment/form").status_code == 404  # not hosted here
    assert (
        client.post("/api/v1/services/job-seeker-enrolment/dossiers", json={"answers": {}}, headers=KEY).status_code
        == 404
    )
    with portal_app.app_context():  # a hosted service withdrawn from use
        db.session.execute(update(Service).where(Service.slug == "hiring-aid").values(status="retired"))
        db.session.commit()
    assert client.get(f"{URL}/form").status_code == 404
    assert client.get("/fr/services/hiring-aid/apply").status_code == 404
