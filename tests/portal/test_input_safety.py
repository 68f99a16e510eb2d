"""Hostile input of every shape gets a clear answer, never a server error, and nothing it carries is stored
or evaluated: invalid Unicode, query arguments aimed at ``url_for``, formulas in CSV cells, JSON nested
thousands deep, numbers beyond the database's integers."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, update

from portal.dossiers.models import Dossier
from portal.downloads import neutralise
from portal.extensions import db
from tests.portal.backoffice.helpers import create_user, service_id, sign_in, token
from tests.portal.dossiers.helpers import create_dossier, pdf_bytes

API = "/api/v1/services/demo-leave/dossiers"
ANSWERS = {"worker_name": "Amine Saadi", "kind": "ordinary", "start": "2026-01-10", "days": 10}
CONTACT = {"applicant_name": "Amine Saadi", "applicant_email": "amine@example.dz"}
DOCUMENT = {"kind": "certificate", "filename": "c.pdf", "content": base64.b64encode(pdf_bytes()).decode()}


def dossiers(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(Dossier)) or 0)


@pytest.mark.parametrize("where", ["answers", "contact"])
def test_a_lone_surrogate_in_an_api_text_is_refused_and_nothing_is_stored(hosted_app: Flask, where: str) -> None:
    body: dict[str, Any] = {"locale": "fr", "answers": dict(ANSWERS), "contact": dict(CONTACT), "documents": [DOCUMENT]}
    field, label = ("worker_name", "Nom du travailleur") if where == "answers" else ("applicant_name", "Nom et prénom")
    body[where][field] = "a\ud800b"
    refused = hosted_app.test_client().post(API, json=body, headers={"Idempotency-Key": f"surrogate-{where}-key-1"})
    assert refused.status_code == 422
    assert refused.get_json()["errors"][field] == [  # the field's label in front, French's space before the colon
        f"{label}\u00a0: Supprimez les caractères illisibles (Unicode non valide ou caractères de contrôle), ou "
        "saisissez de nouveau le texte."
    ]
    assert dossiers(hosted_app) == 0


def test_control_characters_in_a_form_or_a_query_are_refused_in_the_readers_language(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    posted = client.post("/ar/services/demo-leave/apply", data={"step": "0", "worker_name": "a\x00b", "kind": "sick"})
    assert posted.status_code == 400
    assert "«worker_name»" in posted.get_data(as_text=True) and "تتعذّر قراءتها" in posted.get_data(as_text=True)
    searched = client.get("/fr/services?q=%EF%BF%BE")  # a noncharacter, invalid in XML and in the exports
    assert searched.status_code == 400 and "caractères illisibles" in searched.get_data(as_text=True)
    assert client.get("/api/v1/services?q=a%00b").status_code == 400
    assert dossiers(hosted_app) == 0


@pytest.mark.parametrize("argument", ["_anchor", "_scheme", "_method", "_external", "lang_code", "slug"])
def test_query_arguments_never_steer_the_links_a_page_builds(hosted_app: Flask, argument: str) -> None:
    client = hosted_app.test_client()
    for path in ("/fr/", "/fr/services", "/fr/services/demo-leave"):
        page = client.get(f"{path}?{argument}=x")
        assert page.status_code == 200
        assert f'href="{path.replace("/fr/", "/ar/")}?{argument}=x"' in page.get_data(as_text=True)  # the switch
    admin = hosted_app.test_client()
    sign_in(admin, create_user(hosted_app, "body_admin", "demo"))
    audit = admin.get(f"/fr/backoffice/audit?{argument}=x")
    assert audit.status_code == 200
    assert f'href="/fr/backoffice/audit.csv?{argument}=x"' in audit.get_data(as_text=True)


def test_every_csv_neutralises_formulas(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    client.post("/fr/backoffice/sign-in", data={"csrf_token": token(client), "email": '=HYPERLINK("http://evil")',
                                                "password": "x"})  # fmt: skip
    admin = hosted_app.test_client()
    sign_in(admin, create_user(hosted_app, "ministry_admin", "mintest"))
    audit = admin.get("/fr/backoffice/audit.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in audit and ",=HYPERLINK" not in audit and '"=HYPERLINK' not in audit
    dossier_id, _document = create_dossier(hosted_app, "demo-leave", with_document=False)
    with hosted_app.app_context():
        wages = "ssn;name;months;wages\n150012345678;@SUM(A1:A9);12;-5000\n150012345679;+cmd|' /C calc'!A0;12;1"
        db.session.execute(update(Dossier).values(answers={"wages": wages}))
        db.session.commit()
    agent = hosted_app.test_client()
    sign_in(agent, create_user(hosted_app, "agent", "demo"))
    listed = agent.get(f"/fr/backoffice/dossiers/{dossier_id}/answers/wages.csv").get_data(as_text=True)
    assert "150012345678;'@SUM(A1:A9);12;-5000" in listed and "'+cmd|" in listed


def test_neutralised_cells_keep_plain_numbers() -> None:
    assert [neutralise(cell) for cell in ("-5000", "+213550123456", "-1,5", "=1+1", "-1+1", "@x", 7)] == [
        "-5000", "+213550123456", "-1,5", "'=1+1", "'-1+1", "'@x", 7]  # fmt: skip


def test_deeply_nested_json_is_a_client_error(hosted_app: Flask) -> None:
    nested = "[" * 5000 + "]" * 5000
    for body in (nested, '{"answers": ' + nested + "}"):
        answer = hosted_app.test_client().post(API, data=body, content_type="application/json",
                                               headers={"Idempotency-Key": "deeply-nested-json-01",
                                                        "Accept-Language": "fr"})  # fmt: skip
        assert answer.status_code == 400
        assert answer.get_json()["message"] == "Le corps de la requête comporte trop de niveaux d'imbrication."


def test_ids_beyond_the_databases_range_are_not_found(hosted_app: Flask) -> None:
    admin = hosted_app.test_client()
    sign_in(admin, create_user(hosted_app, "body_admin", "demo"))
    huge = "9" * 20
    for path in (f"/fr/backoffice/services/{huge}", f"/fr/backoffice/dossiers/{huge}", f"/fr/backoffice/users/{2**31}"):
        assert admin.get(path).status_code in {404, 405}, path
    for path in (f"/fr/backoffice/dossiers?page={huge}", f"/fr/backoffice/dossiers?service={huge}",
                 "/fr/backoffice/dossiers?page=²", f"/fr/services?page={huge}"):  # fmt: skip
        assert admin.get(path).status_code == 200, path
    assert admin.get(f"/api/v1/services?page={huge}").status_code == 422
    editor = hosted_app.test_client()
    sign_in(editor, create_user(hosted_app, "editor", "demo"))
    edited = editor.post(f"/fr/backoffice/services/{service_id(hosted_app, 'demo-leave')}",
                         data={"version": "²", "maturity": "²", "status": "live"})  # fmt: skip
    assert edited.status_code in {302, 409, 422}


def test_numbers_written_with_other_digits_are_read_safely(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    for data in ({"step": "²"}, {"step": "1", "action": "goto-²"}, {"step": "9" * 30}):
        answer = client.post("/fr/services/demo-leave/apply", data={**data, "worker_name": "Amine", "kind": "sick"})
        assert answer.status_code in {200, 422}, data
    ministry = hosted_app.test_client()
    sign_in(ministry, create_user(hosted_app, "ministry_admin", "mintest"))
    created = ministry.post("/fr/backoffice/users/new", data={"email": "new@mintest.example.dz", "name": "Nouvel agent",
                                                              "role": "agent", "body": "²",
                                                              "password": "a long enough password"})  # fmt: skip
    assert created.status_code == 302


def test_a_path_that_cannot_be_read_is_not_found(hosted_app: Flask) -> None:
    """PostgreSQL cannot even be asked for a text with NUL in it: such a path names nothing."""
    client = hosted_app.test_client()
    for path in ("/fr/services/demo%00leave", "/api/v1/services/demo%00leave/form", "/fr/track/A%00B"):
        assert client.get(path).status_code == 404, path
