"""A citizen's session is apart from staff's: a citizen signed in is nobody to the back office (every one of its
pages, from the URL map), staff signed in are nobody in my space; signing out ends the account's sessions on every
browser; every form of the account carries a CSRF token."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask

from tests.conftest import AppFactory
from tests.portal.accounts.helpers import PASSWORD, create_account, sign_in, sign_out
from tests.portal.backoffice.helpers import create_user, session_data
from tests.portal.backoffice.helpers import sign_in as staff_sign_in
from tests.portal.backoffice.helpers import token as csrf_token
from tests.portal.backoffice.test_access_matrix import backoffice_rules

PUBLIC = {"backoffice.sign_in", "backoffice.two_factor", "backoffice.two_factor_setup"}  # the staff's sign-in steps


def test_a_citizen_signed_in_reaches_no_backoffice_page(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(UPLOAD_FOLDER=str(tmp_path / "uploads"))
    client = app.test_client()
    create_account(app, client, "citoyen@example.dz", csrf=True)
    csrf = csrf_token(client, "/fr/my/")
    values = {"service_id": 1, "user_id": 1, "dossier_id": 1, "document_id": 1, "job_id": 1, "row_id": 1,
              "figure": "timeline", "name": "wages", "payment_id": 1, "refund_id": 1, "mismatch_id": 1}  # fmt: skip
    reached = []
    rules = backoffice_rules(app)
    assert len(rules) > 30
    for rule in rules:
        path = app.url_map.bind("localhost").build(
            rule.endpoint, {"lang_code": "fr", **{name: values[name] for name in rule.arguments if name in values}}
        )
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method, data={"csrf_token": csrf} if method == "POST" else None)
            location = response.headers.get("Location", "")
            page = response.get_data(as_text=True)
            signing_in = "/fr/backoffice/sign-in" in location or (
                rule.endpoint in PUBLIC and ('name="password"' in page or response.status_code == 302)
            )
            if not signing_in:
                reached.append(f"{method} {path}: {response.status_code} {location}")
    assert reached == []
    assert client.get("/fr/my/").status_code == 200  # still signed in as a citizen


def test_staff_signed_in_are_nobody_in_my_space(app: Flask) -> None:
    client = app.test_client()
    staff_sign_in(client, create_user(app, "agent", "demo"))
    assert client.get("/fr/backoffice/password").status_code == 200
    response = client.get("/fr/my/")
    assert response.status_code == 302 and response.headers["Location"] == "/fr/account/sign-in?next=/fr/my/"


def test_signing_out_ends_the_accounts_sessions_on_every_browser(portal_app: Flask) -> None:
    first, second = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, first, "amel@example.dz")
    assert sign_in(second, "amel@example.dz", PASSWORD).status_code == 302
    cookie = first.get_cookie("session")
    assert cookie is not None
    copied = portal_app.test_client()
    copied.set_cookie("session", cookie.value)
    assert copied.get("/fr/my/").status_code == 200
    sign_out(first)
    for client in (first, second, copied):
        assert client.get("/fr/my/").headers["Location"].startswith("/fr/account/sign-in")


def test_a_citizen_session_keeps_its_own_keys_and_ends_when_idle(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "idle@example.dz")
    cookie = client.get_cookie("session")
    assert cookie is not None
    keys = set(session_data(portal_app, cookie.value))
    assert {"account", "account_signed_in_at", "account_seen_at"} <= keys and "_user_id" not in keys
    with client.session_transaction() as session:
        session["account_seen_at"] -= 61 * 60  # an hour without a request
    assert client.get("/fr/my/").status_code == 302
    page = client.get("/fr/account/sign-in").get_data(as_text=True)
    assert "Votre session a pris fin. Veuillez vous connecter de nouveau." in page


FORMS = ["/fr/account/sign-up", "/fr/account/sign-in", "/fr/account/password", "/ar/account/verify",
         "/ar/account/password/code"]  # fmt: skip


def test_every_form_of_the_account_carries_a_csrf_token_and_refuses_a_post_without_one(app: Flask) -> None:
    client = app.test_client()
    for path in FORMS:
        page = client.get(path).get_data(as_text=True)
        assert len(re.findall(r'<form method="post"', page)) == len(re.findall(r'name="csrf_token"', page)) >= 1
        assert client.post(path, data={"identifier": "x@example.dz", "code": "123456"}).status_code == 400
    create_account(app, client, "jeton@example.dz", csrf=True)
    space = client.get("/fr/my/").get_data(as_text=True)
    assert len(re.findall(r'<form method="post"', space)) == len(re.findall(r'name="csrf_token"', space)) == 2
    assert client.post("/fr/my/dossiers", data={"reference": "X", "code": "Y"}).status_code == 400
    assert client.post("/fr/account/sign-out").status_code == 400
    assert client.get("/fr/my/").status_code == 200
