"""Nobody learns from the pages whether an address has an account: signing up, asking for a new password, typing a
code and signing in answer the same, with the same status, redirect, page and session, either way. Only the address
itself is told (a word instead of a code)."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.portal.accounts.helpers import create_account, messages_to, sent_text, sign_in, sign_up
from tests.portal.backoffice.helpers import session_data

KNOWN, UNKNOWN = "connu@example.dz", "inconnu@example.dz"


def answer(app: Flask, client: FlaskClient, method: str, path: str, data: dict[str, str] | None = None) -> tuple:
    """What a visitor sees of a request: status, redirect, the page's text without the address typed and its CSRF
    token, and the session's keys (the session cookie is signed, not encrypted: its content is visible)."""
    response = client.open(path, method=method, data=data)
    page = re.sub(r'name="csrf_token" value="[^"]+"', "", response.get_data(as_text=True))
    page = page.replace(UNKNOWN, "ADDRESS").replace(KNOWN, "ADDRESS")
    cookie = client.get_cookie("session")
    keys = sorted(session_data(app, cookie.value)) if cookie else []
    return response.status_code, response.headers.get("Location"), page, keys


def journey(app: Flask, address: str) -> list[tuple]:
    client = app.test_client()
    form = {"identifier": address, "password": "une phrase assez longue", "again": "une phrase assez longue"}
    return [
        answer(app, client, "POST", "/fr/account/sign-up", form),
        answer(app, client, "GET", "/fr/account/verify"),
        answer(app, client, "POST", "/fr/account/verify", {"code": "000000"}),
        answer(app, client, "POST", "/fr/account/password", {"identifier": address}),
        answer(app, client, "GET", "/fr/account/password/code"),
        answer(app, client, "POST", "/fr/account/password/code", {"code": "000000", **form}),
        answer(app, client, "POST", "/fr/account/sign-in", {"identifier": address, "password": "pas le bon"}),
    ]


def test_every_answer_is_the_same_whether_the_address_has_an_account_or_not(portal_app: Flask) -> None:
    create_account(portal_app, portal_app.test_client(), KNOWN)
    known, unknown = journey(portal_app, KNOWN), journey(portal_app, UNKNOWN)
    assert [step[:2] for step in known] == [(302, "/fr/account/verify"), (200, None), (422, None),
                                            (302, "/fr/account/password/code"), (200, None), (422, None),
                                            (401, None)]  # fmt: skip
    assert known == unknown


def test_only_the_address_is_told_and_no_code_is_sent_to_an_existing_account(portal_app: Flask) -> None:
    create_account(portal_app, portal_app.test_client(), KNOWN)
    journey(portal_app, KNOWN)
    journey(portal_app, UNKNOWN)
    to_known = [message.subject for message in messages_to(portal_app, KNOWN)]
    assert to_known == ["Votre code pour créer votre compte", "Vous avez déjà un compte",
                        "Votre code pour choisir un nouveau mot de passe"]  # fmt: skip
    assert [message.subject for message in messages_to(portal_app, UNKNOWN)] == [
        "Votre code pour créer votre compte", "Aucun compte avec cette adresse"]  # fmt: skip
    assert not re.search(r"\b\d{6}\b", sent_text(portal_app, UNKNOWN))  # the word about no account has no code


def test_a_sign_up_for_an_existing_address_changes_nothing_of_the_account(portal_app: Flask) -> None:
    create_account(portal_app, portal_app.test_client(), KNOWN)
    intruder = portal_app.test_client()
    sign_up(intruder, KNOWN, "le mot de passe de l'intrus")
    assert sign_in(intruder, KNOWN, "le mot de passe de l'intrus").status_code == 401
    assert sign_in(portal_app.test_client(), KNOWN).status_code == 302
