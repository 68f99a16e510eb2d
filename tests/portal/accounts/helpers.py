"""Factories for the accounts' tests: an account made through the real pages, the code read from the message the
person would receive (the outbox's text as it is sent), dossiers sent through the test fund's form."""

from __future__ import annotations

import io
import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from portal.dossiers.models import Dossier, OutboxMessage
from portal.dossiers.notifications import text_to_send
from portal.extensions import db
from tests.portal.backoffice.helpers import token
from tests.portal.dossiers.helpers import form_key, pdf_bytes

PASSWORD = "une phrase assez longue"
APPLY = "/fr/services/demo-leave/apply"  # the test fund's form
ANSWERS = {"worker_name": "Amine Saadi", "kind": "ordinary", "start": "2026-01-10", "days": "10"}
CONTACT = {"applicant_name": "Amine Saadi", "applicant_email": "amine@example.dz"}


def messages_to(app: Flask, recipient: str) -> list[OutboxMessage]:
    with app.app_context():
        found = select(OutboxMessage).where(OutboxMessage.recipient == recipient).order_by(OutboxMessage.id)
        rows = list(db.session.scalars(found))
        db.session.expunge_all()
        return rows


def sent_text(app: Flask, recipient: str) -> str:
    """The text of the last message to ``recipient``, as it leaves the platform (codes written in)."""
    with app.app_context():
        message = db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.recipient == recipient).order_by(OutboxMessage.id.desc())
        )
        assert message is not None, f"no message to {recipient}"
        return text_to_send(message)


def code_sent_to(app: Flask, recipient: str) -> str:
    match = re.search(r"\b(\d{6})\b", sent_text(app, recipient))
    assert match is not None, sent_text(app, recipient)
    return match.group(1)


def sign_up(client: FlaskClient, identifier: str, password: str = PASSWORD, locale: str = "fr",
            csrf: bool = False) -> TestResponse:  # fmt: skip
    path = f"/{locale}/account/sign-up"
    data = {"identifier": identifier, "password": password, "again": password}
    return client.post(path, data={**data, "csrf_token": token(client, path)} if csrf else data)


def verify(client: FlaskClient, code: str, locale: str = "fr", csrf: bool = False) -> TestResponse:
    path = f"/{locale}/account/verify"
    return client.post(path, data={"code": code, "csrf_token": token(client, path)} if csrf else {"code": code})


def create_account(app: Flask, client: FlaskClient, identifier: str, recipient: str | None = None,
                   csrf: bool = False) -> None:  # fmt: skip
    """Sign up, then type the code received: the client is signed in (``csrf``: as a browser, with the pages'
    tokens, where the app checks them)."""
    assert sign_up(client, identifier, csrf=csrf).status_code == 302
    code = code_sent_to(app, recipient or identifier)
    assert verify(client, code, csrf=csrf).headers["Location"] == "/fr/my/"


def sign_in(client: FlaskClient, identifier: str, password: str = PASSWORD, next_page: str = "") -> TestResponse:
    path = "/fr/account/sign-in" + (f"?next={next_page}" if next_page else "")
    return client.post(path, data={"identifier": identifier, "password": password})


def sign_out(client: FlaskClient) -> TestResponse:
    return client.post("/fr/account/sign-out")


def send_leave(client: FlaskClient, **changes: str) -> str:
    """The test fund's leave form sent through its pages; the dossier's reference."""
    data: dict[str, Any] = {"key": form_key(client, APPLY), "step": "2", "action": "submit", **ANSWERS, **CONTACT,
                            **changes, "document-certificate": [(io.BytesIO(pdf_bytes()), "c.pdf")]}  # fmt: skip
    sent = client.post(APPLY, data=data, content_type="multipart/form-data")
    assert sent.status_code == 302, sent.get_data(as_text=True)[-2000:]
    return sent.headers["Location"].split("/")[3]


def account_of(app: Flask, reference: str) -> int | None:
    with app.app_context():
        return db.session.scalar(select(Dossier.account_id).where(Dossier.reference == reference))
