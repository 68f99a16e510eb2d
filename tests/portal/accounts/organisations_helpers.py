"""Factories for the tests of organisations and mandates: organisations made, invitations read from the message the
person receives, mandates given and accepted, all through the real pages."""

from __future__ import annotations

import re
from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.accounts.models import Mandate
from portal.extensions import db
from tests.portal.accounts.helpers import create_account, sent_text

ORGANISATION = {"name_ar": "مؤسسة البِناء الحديث", "name_latin": "Bâtiments Ézzine & Fils", "nif": "000016001234567",
                "cnas_number": "1601234567", "cacobatph_number": ""}  # fmt: skip


def signed_up(app: Flask, identifier: str) -> FlaskClient:
    client = app.test_client()
    create_account(app, client, identifier)
    return client


def create_organisation(client: FlaskClient, **changes: str) -> int:
    """An organisation made through its page; its number."""
    response = client.post("/fr/my/organisations", data={**ORGANISATION, **changes})
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def invitation_link(app: Flask, email: str) -> str:
    """The path of the invitation link sent to ``email``."""
    match = re.search(r"https?://[^/\s]+(/\w+/my/invitations/\S+)", sent_text(app, email))
    assert match is not None, sent_text(app, email)
    return match.group(1)


def invite(client: FlaskClient, organisation: int, email: str, role: str = "viewer") -> int:
    path = f"/fr/my/organisations/{organisation}/invitations"
    return client.post(path, data={"email": email, "role": role}).status_code


def last_day(days: int = 30) -> dict[str, str]:
    day = date.today() + timedelta(days=days)
    return {"ends_on-day": str(day.day), "ends_on-month": str(day.month), "ends_on-year": str(day.year)}


def give_mandate(client: FlaskClient, to: str, party: str = "me", services: tuple[str, ...] = (),
                 days: int = 30) -> int:  # fmt: skip
    """A mandate offered through the page; the status."""
    data: dict[str, object] = {"to": to, "party": party, **last_day(days),
                               "scope": "some" if services else "all", "service": list(services)}  # fmt: skip
    return client.post("/fr/my/mandates", data=data).status_code


def last_mandate(app: Flask) -> int:
    with app.app_context():
        found = db.session.scalar(select(Mandate.id).order_by(Mandate.id.desc()))
        assert found is not None
        return found


def accept_and_act(app: Flask, client: FlaskClient, mandate: int | None = None) -> None:
    """The representative accepts the mandate and acts under it."""
    mandate = mandate or last_mandate(app)
    assert client.post(f"/fr/my/mandates/{mandate}/accept").status_code == 302
    assert client.post("/fr/my/act-for", data={"mandate": str(mandate)}).status_code == 302
