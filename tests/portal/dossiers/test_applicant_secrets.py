"""What an applicant's secrets and uploads are protected from: another client reusing an idempotency key, staff
reading the outbox, a reader of the session cookie, and an address filling the disk with files."""

from __future__ import annotations

import base64
import io
import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, text, update

from portal.database import utcnow
from portal.dossiers.models import Dossier, OutboxMessage, PendingUpload
from portal.extensions import db
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user, session_data, sign_in
from tests.portal.dossiers.helpers import form_key, pdf_bytes

APPLY = "/fr/services/demo-leave/apply"
API = "/api/v1/services/demo-leave/dossiers"
ANSWERS = {"worker_name": "Amine Saadi", "kind": "ordinary", "start": "2026-01-10", "days": 10}
CONTACT = {"applicant_name": "Amine Saadi", "applicant_email": "amine@example.dz"}


def document(name: str = "certificat.pdf", content: bytes | None = None) -> dict[str, str]:
    return {"kind": "certificate", "filename": name, "content": base64.b64encode(content or pdf_bytes()).decode()}


def apply_by_api(client: FlaskClient, key: str, answers: dict[str, Any] | None = None) -> Any:
    body = {"locale": "fr", "answers": answers or ANSWERS, "contact": CONTACT, "documents": [document()]}
    return client.post(API, json=body, headers={"Idempotency-Key": key})


def apply_by_page(client: FlaskClient, key: str, *files: tuple[bytes, str], **changes: str | list[str]) -> Any:
    data: dict[str, Any] = {"key": key, "step": "2", "action": "submit", **{k: str(v) for k, v in ANSWERS.items()},
                            **CONTACT, **changes}  # fmt: skip
    data["document-certificate"] = [(io.BytesIO(content), name) for content, name in files]
    return client.post(APPLY, data=data, content_type="multipart/form-data")


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def test_same_key_with_other_answers_creates_nothing(hosted_app: Flask) -> None:
    first = apply_by_api(hosted_app.test_client(), "shared-key-0123456789")
    assert first.status_code == 201
    intruder = apply_by_api(hosted_app.test_client(), "shared-key-0123456789", {**ANSWERS, "worker_name": "Autre"})
    assert intruder.status_code == 409
    answer = intruder.get_json()
    assert answer["message"].startswith("Cette clé Idempotency-Key a déjà servi pour une autre demande.")
    assert first.get_json()["reference"] not in json.dumps(answer)
    assert first.get_json()["tracking_code"] not in json.dumps(answer)
    assert count(hosted_app, Dossier) == 1 and count(hosted_app, PendingUpload) == 0
    replay = apply_by_api(hosted_app.test_client(), "shared-key-0123456789")
    assert replay.status_code == 200 and replay.get_json()["reference"] == first.get_json()["reference"]


def test_a_form_sent_again_with_other_answers_is_refused_with_a_message(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    key = form_key(client, APPLY)
    assert apply_by_page(client, key, (pdf_bytes(), "c.pdf")).status_code == 302
    again = apply_by_page(client, key, (pdf_bytes(), "c.pdf"), days="12")
    assert again.status_code == 409
    assert "Ce formulaire avait déjà été envoyé avec d&#39;autres réponses" in again.get_data(as_text=True)
    assert count(hosted_app, Dossier) == 1


def _all_stored_text(app: Flask) -> str:
    with app.app_context():
        tables = [table.name for table in db.metadata.sorted_tables]
        return "\n".join(str(row) for name in tables for row in db.session.execute(text(f'SELECT * FROM "{name}"')))


def test_no_stored_row_or_staff_page_holds_a_working_tracking_code(
    make_app: AppFactory, tmp_path: Path, smtp_server: list[Any]
) -> None:
    port = smtp_server.pop(0)
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), MAIL_SERVER="127.0.0.1",
                   MAIL_PORT=port)  # fmt: skip
    receipt = apply_by_api(app.test_client(), "an-applicants-own-key-01").get_json()
    code = receipt["tracking_code"]
    app.test_cli_runner().invoke(args=["jobs", "sweep"])  # the worker sends it
    [email] = smtp_server
    assert code in email.get_payload(decode=True).decode()  # the applicant gets it
    stored = _all_stored_text(app)
    assert code not in stored and code.replace("-", "") not in stored
    with app.app_context():
        [kept] = db.session.scalars(select(OutboxMessage))
        assert "•••••-•••••" in kept.text
    for role, body in (("body_admin", "demo"), ("ministry_admin", "mintest")):
        admin = app.test_client()
        sign_in(admin, create_user(app, role, body))
        assert code not in admin.get("/fr/backoffice/outbox").get_data(as_text=True)


def test_the_ministrys_administrators_do_not_read_other_bodies_emails(hosted_app: Flask) -> None:
    receipt = apply_by_api(hosted_app.test_client(), "an-applicants-own-key-02").get_json()
    ministry = hosted_app.test_client()
    sign_in(ministry, create_user(hosted_app, "ministry_admin", "mintest"))
    assert receipt["reference"] not in ministry.get("/fr/backoffice/outbox").get_data(as_text=True)
    own = hosted_app.test_client()
    sign_in(own, create_user(hosted_app, "body_admin", "demo"))
    assert receipt["reference"] in own.get("/fr/backoffice/outbox").get_data(as_text=True)


def test_the_session_cookie_never_holds_a_tracking_code(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    sent = apply_by_page(client, form_key(client, APPLY), (pdf_bytes(), "c.pdf"))
    receipt = client.get(sent.headers["Location"]).get_data(as_text=True)
    match = re.search(r'class="tracking-code">([A-Z0-9-]+)<', receipt)
    assert match is not None  # the browser that sent it sees the code
    cookie = client.get_cookie("session")
    assert cookie is not None
    readable = json.dumps(session_data(hosted_app, cookie.value))
    assert match.group(1) not in readable and match.group(1).replace("-", "") not in readable


def test_a_document_with_an_arabic_name_downloads_for_the_applicant_and_the_agent(hosted_app: Flask) -> None:
    applicant = hosted_app.test_client()
    sent = apply_by_page(applicant, form_key(applicant, APPLY), (pdf_bytes("شهادة"), "شهادة طبية.pdf"))
    reference = sent.headers["Location"].split("/")[3]
    with hosted_app.app_context():
        dossier = db.session.scalars(select(Dossier)).one()
        dossier_id, document_id = dossier.id, dossier.documents[0].id
    agent = hosted_app.test_client()
    sign_in(agent, create_user(hosted_app, "agent", "demo"))
    for client, path in ((applicant, f"/ar/track/{reference}/documents/{document_id}"),
                         (agent, f"/ar/backoffice/dossiers/{dossier_id}/documents/{document_id}")):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200 and response.data == pdf_bytes("شهادة")
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment; filename=") and disposition.isascii()
        assert "filename*=UTF-8''%D8%B4%D9%87%D8%A7%D8%AF%D8%A9%20%D8%B7%D8%A8%D9%8A%D8%A9.pdf" in disposition


def test_a_form_keeps_no_more_files_than_its_document_accepts(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    files = [(pdf_bytes(str(number)), f"c{number}.pdf") for number in range(20)]
    refused = apply_by_page(client, form_key(client, APPLY), *files, days="0")
    assert refused.status_code == 422
    assert "Joignez au plus 1 fichiers pour « Le certificat »." in refused.get_data(as_text=True)
    assert count(hosted_app, PendingUpload) == 1
    tokens = re.findall(r'name="upload" value="([0-9a-f]+)"', refused.get_data(as_text=True))
    data = {"upload": tokens}
    again = apply_by_page(client, form_key(client, APPLY), *files[:3], days="0", **data)
    assert again.status_code == 422 and count(hosted_app, PendingUpload) == 1  # the kept one fills the room


def test_uploads_from_one_address_are_limited(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), UPLOAD_QUOTA="3 per hour")
    client = app.test_client()
    statuses = [apply_by_page(client, form_key(client, APPLY), (pdf_bytes(), "c.pdf"), days="0").status_code
                for _attempt in range(4)]  # fmt: skip
    assert statuses == [422, 422, 422, 429]
    assert count(app, PendingUpload) == 3
    assert apply_by_api(client, "another-key-of-this-address").status_code == 429  # one quota for every route
    assert client.get(APPLY).status_code == 200  # reading the form costs nothing


def test_forgotten_uploads_are_purged_without_a_command(hosted_app: Flask, tmp_path: Path) -> None:
    client = hosted_app.test_client()
    apply_by_page(client, form_key(client, APPLY), (pdf_bytes(), "old.pdf"), days="0")
    with hosted_app.app_context():
        db.session.execute(update(PendingUpload).values(created_at=utcnow() - timedelta(days=2)))
        db.session.commit()
    hosted_app.extensions["portal.upload_purge"] = {"next": 0.0}  # the worker's next purge is due
    apply_by_page(client, form_key(client, APPLY), (pdf_bytes("new"), "new.pdf"), days="0")
    with hosted_app.app_context():
        assert [upload.filename for upload in db.session.scalars(select(PendingUpload))] == ["new.pdf"]
    assert len([path for path in (tmp_path / "uploads").rglob("*") if path.is_file()]) == 1


def test_a_replay_through_the_api_keeps_no_new_file(portal_app: Flask) -> None:
    client = portal_app.test_client()
    assert apply_by_api(client, "replayed-application-key-1").status_code == 201
    for _replay in range(3):
        assert apply_by_api(client, "replayed-application-key-1").status_code == 200
    assert count(portal_app, PendingUpload) == 0  # the dossier has its files; the replays left none behind


def test_a_body_sent_in_chunks_counts_against_the_upload_quota(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), UPLOAD_QUOTA="50 per hour")
    body = json.dumps({"locale": "fr", "answers": ANSWERS, "contact": CONTACT, "documents": [document()]}).encode()
    client = app.test_client()
    answers = []
    for attempt in range(2):  # no Content-Length: the size is not announced, so it counts as the largest request
        environ = {"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True}
        answers.append(client.post(API, data=b"", content_type="application/json", environ_overrides=environ,
                                   headers={"Idempotency-Key": f"chunked-application-{attempt:04d}",
                                            "Transfer-Encoding": "chunked"}).status_code)  # fmt: skip
    assert answers[1] == 429
