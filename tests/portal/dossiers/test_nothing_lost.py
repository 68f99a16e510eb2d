"""Nothing is lost: a request sent twice makes one dossier, an error keeps what was typed and attached, and a
database error leaves no half dossier behind."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from portal.catalogue.models import Service
from portal.dossiers.models import Dossier, DossierDocument, DossierEvent, OutboxMessage, PendingUpload
from portal.dossiers.references import format_reference
from portal.extensions import db
from tests.portal.dossiers.helpers import form_key, pdf_bytes

APPLY = "/fr/services/labour-inspection-report/apply"
COMPLAINT = {"category": "complaint", "applicant_kind": "employer", "subject": "working_hours",
             "employer_number": "16-0042-77", "message": "Mon inspection de mars n'apparaît pas dans mon compte.",
             "facts": "2026-03-04;2;Contrôle sans procès-verbal", "applicant_name": "Samir Ait Ali",
             "applicant_email": "samir@example.dz"}  # fmt: skip


def submit(client: FlaskClient, key: str, **extra: object) -> TestResponse:
    return client.post(APPLY, data={"key": key, "step": "1", "action": "submit", **COMPLAINT, **extra},
                       content_type="multipart/form-data")  # fmt: skip


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_double_click_makes_one_dossier_and_the_same_receipt(portal_app: Flask) -> None:
    client = portal_app.test_client()
    key = form_key(client, APPLY)
    first, second = submit(client, key), submit(client, key)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert count(portal_app, Dossier) == 1
    assert count(portal_app, OutboxMessage) == 1  # one confirmation, not two


def test_a_validation_error_keeps_every_answer_and_every_accepted_file(portal_app: Flask) -> None:
    client = portal_app.test_client()
    key = form_key(client, APPLY)
    response = submit(client, key, applicant_email="samir-at-example", **{
        "document-supporting": (io.BytesIO(pdf_bytes("releve")), "releve.pdf")})  # fmt: skip
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Saisissez une adresse électronique valide, par exemple nom@exemple.dz." in page
    for value in (
        "16-0042-77",
        "Samir Ait Ali",
        "samir-at-example",
        "Mon inspection de mars n&#39;apparaît pas",
        "Contrôle sans procès-verbal",
    ):
        assert value in page
    assert "releve.pdf" in page
    [token] = re.findall(r'name="upload" value="([0-9a-f]+)"', page)
    fixed = submit(client, key, applicant_email="samir@example.dz", upload=token)
    assert fixed.status_code == 302
    with portal_app.app_context():
        [document] = db.session.scalars(select(Dossier)).one().documents
        assert document.filename == "releve.pdf"
        assert db.session.scalar(select(PendingUpload)) is None


def test_a_database_error_leaves_no_half_dossier_and_keeps_the_applicants_work(portal_app: Flask) -> None:
    client = portal_app.test_client()
    key = form_key(client, APPLY)
    with portal_app.app_context():  # a row already holds the reference the next dossier will get
        service = db.session.scalar(select(Service).where(Service.slug == "labour-inspection-report"))
        assert service is not None
        reference = format_reference(service.body.acronym, datetime.now(UTC).year, 1)
        blocker = Dossier(reference=reference, service=service, body_id=service.body_id, locale="fr",
                          status="received", tracking_hash="x", idempotency_key="blocker", answers={},
                          due_at=datetime.now(UTC))  # fmt: skip
        db.session.add(blocker)
        db.session.commit()
    response = submit(client, key, **{"document-supporting": (io.BytesIO(pdf_bytes()), "preuve.pdf")})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Rien de ce que vous avez saisi ou joint n&#39;est perdu" in page
    assert "Samir Ait Ali" in page and "preuve.pdf" in page
    assert count(portal_app, Dossier) == 1  # only the blocker
    assert (count(portal_app, DossierEvent), count(portal_app, DossierDocument), count(portal_app, OutboxMessage)) == (
        0, 0, 0)  # fmt: skip
    assert count(portal_app, PendingUpload) == 1  # the file waits for the next try
    with portal_app.app_context():
        db.session.delete(db.session.scalar(select(Dossier).where(Dossier.idempotency_key == "blocker")))
        db.session.commit()
    [token] = re.findall(r'name="upload" value="([0-9a-f]+)"', page)
    again = submit(client, key, upload=token)
    assert again.status_code == 302
    with portal_app.app_context():
        dossier = db.session.scalars(select(Dossier)).one()
        assert [document.filename for document in dossier.documents] == ["preuve.pdf"]
