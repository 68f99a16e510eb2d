"""Editing, review and publication: drafts stay private, the checklist guards publication, conflicts are named."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.catalogue.models import Revision, Service, ServiceDraft
from portal.catalogue.sync import sync_catalogue
from portal.extensions import db
from portal.registry import get_registry
from portal.staff.models import AuditEvent
from tests.portal.backoffice.helpers import create_user, editor_form, service_id, sign_in, token

MATERNITY_FR = "Demande de l'indemnité de maternité en ligne"


def signed_in(app: Flask, role: str, body: str = "demo") -> FlaskClient:
    client = app.test_client()
    sign_in(client, create_user(app, role, body, email=f"{role}-{len(app.extensions)}@{body}.example.dz"))
    return client


def public_title(client: FlaskClient, slug: str) -> str:
    page = client.get(f"/fr/services/{slug}")
    if page.status_code != 200:
        return ""
    return page.get_data(as_text=True).split("<h1>")[1].split("</h1>")[0].replace("&#39;", "'")


def test_a_published_service_stays_live_while_its_draft_is_edited_then_publication_replaces_it(app: Flask) -> None:
    editor, publisher = signed_in(app, "editor"), signed_in(app, "publisher")
    sid = service_id(app, "maternity-benefit")
    path = f"/fr/backoffice/services/{sid}"
    legal = {"ar-legal_basis": "القانون رقم 83-11.", "fr-legal_basis": "Loi n° 83-11."}
    form = editor_form(editor, path, **{"fr-title": "Indemnité de maternité : demande en ligne"}, **legal)
    assert editor.post(path, data=form).status_code == 302
    assert public_title(app.test_client(), "maternity-benefit") == MATERNITY_FR  # still the live version

    assert editor.post(f"{path}/submit", data={"csrf_token": token(editor, path)}).status_code == 302
    assert publisher.post(f"{path}/publish", data={"csrf_token": token(publisher, path)}).status_code == 302
    assert public_title(app.test_client(), "maternity-benefit") == "Indemnité de maternité : demande en ligne"
    with app.app_context():
        assert db.session.scalar(select(ServiceDraft).where(ServiceDraft.service_id == sid)) is None
        actions = [
            revision.action for revision in db.session.scalars(select(Revision).where(Revision.service_id == sid))
        ]
        assert actions == ["saved", "submitted", "published"]
        audited = set(db.session.scalars(select(AuditEvent.action)))
        assert {"service.save", "service.submit", "service.publish", "sign_in"} <= audited
        # A sync from the plugin keeps what the person published.
        sync_catalogue(get_registry())
        kept = db.session.get(Service, sid)
        assert kept is not None
        assert kept.texts["fr"].title == "Indemnité de maternité : demande en ligne"


def test_publication_checklist(app: Flask) -> None:
    editor, publisher = signed_in(app, "editor"), signed_in(app, "publisher")
    sid = service_id(app, "employer-declaration")
    path = f"/fr/backoffice/services/{sid}"
    form = editor_form(editor, path, **{"ar-audience": "", "fr-legal_basis": ""})
    assert editor.post(path, data=form).status_code == 302
    editor.post(f"{path}/submit", data={"csrf_token": token(editor, path)})
    refused = publisher.post(f"{path}/publish", data={"csrf_token": token(publisher, path)}, follow_redirects=True)
    page = refused.get_data(as_text=True).replace("&#39;", "'")
    assert "Le texte en arabe est incomplet : titre, résumé et public sont obligatoires." in page
    assert "La base juridique manque en français." in page
    assert "La base juridique manque en arabe." in page
    with app.app_context():
        kept = db.session.get(Service, sid)
        assert kept is not None
        assert kept.texts["ar"].audience != ""  # nothing applied


def test_send_back_with_a_comment(app: Flask) -> None:
    editor, publisher = signed_in(app, "editor"), signed_in(app, "publisher")
    path = f"/fr/backoffice/services/{service_id(app, 'employer-declaration')}"
    editor.post(path, data=editor_form(editor, path))
    editor.post(f"{path}/submit", data={"csrf_token": token(editor, path)})
    publisher.post(f"{path}/send-back", data={"csrf_token": token(publisher, path), "comment": "Précisez le délai."})
    page = editor.get(path).get_data(as_text=True)
    assert "Renvoyé par le valideur :</strong> Précisez le délai." in page


def test_the_second_save_of_the_same_draft_is_a_named_conflict_and_loses_nothing(app: Flask) -> None:
    first, second = signed_in(app, "editor"), signed_in(app, "publisher")
    sid = service_id(app, "employer-declaration")
    path = f"/fr/backoffice/services/{sid}"
    first.post(path, data=editor_form(first, path))  # a draft exists: version 1
    mine = editor_form(first, path, **{"fr-title": "Titre du premier"})
    theirs = editor_form(second, path, **{"fr-title": "Titre du second"})
    assert first.post(path, data=mine).status_code == 302
    conflict = second.post(path, data=theirs)
    page = conflict.get_data(as_text=True).replace("&#39;", "'")
    assert conflict.status_code == 409
    assert "Quelqu'un d'autre a enregistré ce service après que vous l'avez ouvert." in page
    assert 'value="Titre du second"' in page  # what they typed is still in the form
    assert '<td>Titre (français)</td><td class="pre">Titre du second</td><td class="pre">Titre du premier</td>' in page
    with app.app_context():
        draft = db.session.scalar(select(ServiceDraft).where(ServiceDraft.service_id == sid))
        assert draft is not None and draft.data["texts"]["fr"]["title"] == "Titre du premier"


def test_a_refused_save_keeps_what_was_typed(app: Flask) -> None:
    editor = signed_in(app, "editor")
    path = f"/fr/backoffice/services/{service_id(app, 'employer-declaration')}"
    form = editor_form(editor, path, audiences=[], **{"fr-summary": "Mon résumé tapé"})
    response = editor.post(path, data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Choisissez au moins un public." in page
    assert "Mon résumé tapé</textarea>" in page


def test_a_new_service_is_private_until_published(app: Flask) -> None:
    editor, publisher = signed_in(app, "editor"), signed_in(app, "publisher")
    form = editor_form(editor, "/fr/backoffice/services/new", slug="attestation-en-ligne", domain="social_security",
                       audiences=["salaried"], channels=["website"], status="live", maturity="3",
                       **{"ar-title": "شهادة عن بعد", "ar-summary": "ملخص.", "ar-audience": "الأجراء.",
                          "ar-legal_basis": "نص.", "fr-title": "Attestation en ligne", "fr-summary": "Résumé.",
                          "fr-audience": "Salariés.", "fr-legal_basis": "Texte."})  # fmt: skip
    created = editor.post("/fr/backoffice/services/new", data=form)
    assert created.status_code == 302
    path = created.headers["Location"]
    assert public_title(app.test_client(), "attestation-en-ligne") == ""
    assert "Attestation en ligne" not in app.test_client().get("/fr/services").get_data(as_text=True)
    editor.post(f"{path}/submit", data={"csrf_token": token(editor, path)})
    publisher.post(f"{path}/publish", data={"csrf_token": token(publisher, path)})
    assert public_title(app.test_client(), "attestation-en-ligne") == "Attestation en ligne"
    assert "attestation-en-ligne" in app.test_client().get("/api/v1/services?q=attestation").get_data(as_text=True)


def test_retiring_removes_the_service_from_the_catalogue(app: Flask) -> None:
    publisher = signed_in(app, "publisher")
    path = f"/fr/backoffice/services/{service_id(app, 'employer-declaration')}"
    publisher.post(f"{path}/retire", data={"csrf_token": token(publisher, path)})
    assert app.test_client().get("/fr/services/employee-affiliation").status_code == 404


def test_every_form_refuses_a_request_without_a_valid_csrf_token(app: Flask) -> None:
    admin = signed_in(app, "ministry_admin", "mintest")
    values = {"service_id": service_id(app, "employer-declaration"), "user_id": create_user(app, "agent").id,
              "dossier_id": 1, "job_id": 1, "slug": "labour-inspection-report", "reference": "MINTEST-2026-000001-X",
              "row_id": 1, "draft": "0" * 32, "draft_id": 1, "organisation_id": 1, "member_id": 1, "mandate_id": 1,
              "token": "t" * 43, "client_id": 1, "payment_id": 1, "fund": "demo",
              "kind": "affiliation", "body": "mintest", "purpose": "test", "index": 0}  # fmt: skip
    # The JSON API authenticates by no cookie (a tracking code, an app's bearer token or nothing), so no cross-site
    # request can borrow one.
    posts = [rule for rule in app.url_map.iter_rules()
             if "POST" in (rule.methods or set()) and not rule.rule.startswith("/api/")]  # fmt: skip
    assert len(posts) >= 10
    for rule in posts:
        path = app.url_map.bind("localhost").build(rule.endpoint, {"lang_code": "fr", **{
            name: values[name] for name in rule.arguments if name in values}})  # fmt: skip
        for data in ({}, {"csrf_token": "forged"}):
            response = admin.post(path, data=data)
            assert response.status_code == 400, f"{rule.endpoint} {data}"
    with app.app_context():
        assert db.session.scalar(select(ServiceDraft)) is None
        declaration = db.session.scalar(select(Service).where(Service.slug == "employer-declaration"))
        assert declaration is not None
        assert declaration.is_public
