"""My documents: a document sent once while signed in is listed in my space with where it was used, and chosen
instead of a file in another application; the copy keeps the antivirus's verdict; another account's document is
refused, and nothing is sent."""

from __future__ import annotations

import io
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from werkzeug.test import TestResponse

from portal.dossiers.models import SCAN_CLEAN, Dossier, DossierDocument
from portal.extensions import db
from portal.jobs.models import Job
from tests.portal.accounts.helpers import ANSWERS, APPLY, CONTACT, create_account, send_leave
from tests.portal.dossiers.helpers import form_key


def _first_document(app: Flask) -> int:
    with app.app_context():
        db.session.execute(update(DossierDocument).values(scan_status=SCAN_CLEAN))  # the antivirus found it clean
        db.session.commit()
        return int(db.session.scalar(select(func.min(DossierDocument.id))) or 0)


def _send_reusing(client: FlaskClient, document_id: int) -> TestResponse:
    data = {"key": form_key(client, APPLY), "step": "2", "action": "submit", **ANSWERS, **CONTACT,
            "reuse-certificate": str(document_id), "document-certificate": [(io.BytesIO(b""), "")]}  # fmt: skip
    return client.post(APPLY, data=data, content_type="multipart/form-data", follow_steps=False)


def test_a_document_sent_once_is_used_again_and_listed_with_where_it_was_used(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    create_account(hosted_app, client, "salima@example.dz")
    first = send_leave(client)
    document_id = _first_document(hosted_app)
    last_step = client.get(APPLY).get_data(as_text=True)  # a new application, at its first step
    assert "Ou utiliser un document déjà envoyé" not in last_step  # the documents' step is the last
    sent = _send_reusing(client, document_id)
    assert sent.status_code == 302 and "/receipt" in sent.headers["Location"]
    second = sent.headers["Location"].split("/")[3]
    with hosted_app.app_context():
        copy = db.session.scalar(select(DossierDocument).join(Dossier).where(Dossier.reference == second))
        assert copy is not None and copy.origin_id == document_id and copy.scan_status == SCAN_CLEAN
        assert db.session.scalar(select(func.count()).select_from(Job).where(Job.kind == "scan")) == 0
    space = client.get("/fr/my/").get_data(as_text=True)
    section = space[space.index("Mes documents") :]
    assert section.count("c.pdf") == 1 and first in section and second in section  # one document, used twice
    assert "Utilisé dans" in section


def test_the_documents_step_offers_the_accounts_documents(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    create_account(hosted_app, client, "salima@example.dz")
    send_leave(client)
    document_id = _first_document(hosted_app)
    page = client.post(APPLY, data={"key": form_key(client, APPLY), "step": "2", **ANSWERS}).get_data(as_text=True)
    assert re.search(rf'<option value="{document_id}">c.pdf \(envoyé avec ', page)


def test_another_accounts_document_cannot_be_chosen(hosted_app: Flask) -> None:
    owner = hosted_app.test_client()
    create_account(hosted_app, owner, "salima@example.dz")
    send_leave(owner)
    document_id = _first_document(hosted_app)
    other = hosted_app.test_client()
    create_account(hosted_app, other, "karim@example.dz")
    assert "c.pdf" not in other.get("/fr/my/").get_data(as_text=True)
    refused = _send_reusing(other, document_id)
    page = other.get(refused.headers["Location"]).get_data(as_text=True)
    assert "Ce document ne figure pas parmi les vôtres" in page and "c.pdf" not in page
    anonymous = _send_reusing(hosted_app.test_client(), document_id)
    assert "/receipt" not in anonymous.headers["Location"]
    with hosted_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Dossier)) == 1
        assert db.session.scalar(select(func.count()).select_from(DossierDocument)) == 1
