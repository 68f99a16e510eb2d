"""A mobile app's OAuth 2 journey through the test client: the consent page, the code, the token with the PKCE
verifier, the API, a refresh (rotated), a revocation; and each way it must fail: a wrong verifier, a code used
twice, another redirect URI, no PKCE, an expired or revoked token, an app nobody registered."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select, update

from portal.accounts import oauth_server
from portal.accounts.models_oauth import OAuthCode, OAuthToken
from portal.database import utcnow
from portal.extensions import db
from portal.jobs.queue import _periodic
from tests.conftest import AppFactory
from tests.portal.accounts.helpers import create_account, send_leave
from tests.portal.accounts.oauth_helpers import (
    REVOKE_URL,
    Flow,
    bearer,
    redirected,
    refresh,
    register_app,
)

ME = "salima@example.dz"


def test_an_app_reads_my_dossiers_refreshes_and_signs_out(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, ME)
    reference = send_leave(browser)
    flow = Flow(register_app(portal_app))
    page = browser.get(flow.authorize_path()).get_data(as_text=True)
    assert "Autoriser e-CNAC à utiliser votre compte ?" in page
    assert "Cette application est publiée par CNAC." in page
    tokens = flow.tokens(browser, phone_app)
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 600
    assert set(tokens["scope"].split()) == {"profile", "dossiers:read", "dossiers:write"}

    mine = phone_app.get("/api/v1/me/dossiers?locale=fr", headers=bearer(tokens["access_token"]))
    assert mine.status_code == 200 and [item["reference"] for item in mine.get_json()["items"]] == [reference]
    assert mine.headers["Cache-Control"] == "private, no-store"
    profile = phone_app.get("/api/v1/me", headers=bearer(tokens["access_token"])).get_json()
    assert profile["identifier"] == ME and profile["attributes"]["email"]["source"] == "verified"

    renewed = refresh(phone_app, flow.client_id, tokens["refresh_token"])
    assert renewed.status_code == 200
    fresh = renewed.get_json()
    assert fresh["refresh_token"] != tokens["refresh_token"]
    assert refresh(phone_app, flow.client_id, tokens["refresh_token"]).status_code == 400  # used once
    # The replayed refresh token revoked its whole family, the new pair with it.
    assert phone_app.get("/api/v1/me", headers=bearer(fresh["access_token"])).status_code == 401

    again = Flow(flow.client_id).tokens(browser, phone_app)
    assert phone_app.get("/api/v1/me", headers=bearer(again["access_token"])).status_code == 200
    revoked = phone_app.post(REVOKE_URL, data={"token": again["refresh_token"], "client_id": flow.client_id})
    assert revoked.status_code == 200
    assert phone_app.get("/api/v1/me", headers=bearer(again["access_token"])).status_code == 401
    assert refresh(phone_app, flow.client_id, again["refresh_token"]).status_code == 400


def test_tokens_and_codes_are_stored_as_digests_only(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, ME)
    flow = Flow(register_app(portal_app))
    code = flow.code(browser)
    tokens = flow.exchange(phone_app, code).get_json()
    with portal_app.app_context():
        stored = [str(value) for row in db.session.scalars(select(OAuthToken)) for value in vars(row).values()]
        stored += [str(value) for row in db.session.scalars(select(OAuthCode)) for value in vars(row).values()]
    for secret in (code, tokens["access_token"], tokens["refresh_token"]):
        assert not [value for value in stored if secret in value]


def test_a_wrong_verifier_a_replayed_code_and_another_redirect_uri_get_no_token(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, ME)
    flow = Flow(register_app(portal_app))

    wrong = flow.exchange(phone_app, flow.code(browser), code_verifier="x" * 50)
    assert wrong.status_code == 400 and wrong.get_json()["error"] == "invalid_grant"

    code = flow.code(browser)
    elsewhere = flow.exchange(phone_app, code, redirect_uri="dz.cnac.ecnac:/other")
    assert elsewhere.status_code == 400 and elsewhere.get_json()["error"] == "invalid_grant"

    code = flow.code(browser)
    first = flow.exchange(phone_app, code)
    assert first.status_code == 200
    replayed = flow.exchange(phone_app, code)
    assert replayed.status_code == 400 and replayed.get_json()["error"] == "invalid_grant"
    # The code was stolen: the tokens it gave stop too.
    assert phone_app.get("/api/v1/me", headers=bearer(first.get_json()["access_token"])).status_code == 401


def test_an_authorisation_without_pkce_or_with_an_unregistered_address_is_refused(portal_app: Flask) -> None:
    browser = portal_app.test_client()
    create_account(portal_app, browser, ME)
    flow = Flow(register_app(portal_app))
    no_pkce = browser.get(flow.authorize_path(code_challenge="", code_challenge_method=""))
    assert no_pkce.status_code == 302
    assert redirected(no_pkce)["error"] == "invalid_request" and redirected(no_pkce)["state"] == flow.state
    plain = browser.get(flow.authorize_path(code_challenge_method="plain"))
    assert redirected(plain)["error"] == "invalid_request"
    # An address the app did not register, even a longer one, is never redirected to: the page says so.
    for uri in ("dz.cnac.ecnac:/oauth/callback/evil", "https://evil.example/cb"):
        page = browser.get(flow.authorize_path(redirect_uri=uri))
        assert page.status_code == 400 and "Location" not in page.headers
        assert "cette demande ne peut pas aboutir" in page.get_data(as_text=True).lower()
    unknown = browser.get(Flow("nobody").authorize_path())
    assert unknown.status_code == 400
    other_scope = browser.get(flow.authorize_path(scope="admin"))
    assert redirected(other_scope)["error"] == "invalid_scope"


def test_refusing_tells_the_app_and_gives_no_code(portal_app: Flask) -> None:
    browser = portal_app.test_client()
    create_account(portal_app, browser, ME)
    flow = Flow(register_app(portal_app))
    answer = flow.consent(browser, decision="deny")
    assert answer.headers["Location"].startswith("dz.cnac.ecnac:/oauth/callback?")
    told = redirected(answer)
    assert (told["error"], told["state"]) == ("access_denied", flow.state) and "code" not in told


def test_an_expired_access_token_is_refused_and_refreshed(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, ME)
    flow = Flow(register_app(portal_app))
    tokens = flow.tokens(browser, phone_app)
    with portal_app.app_context():
        db.session.execute(update(OAuthToken).values(access_expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    expired = phone_app.get("/api/v1/me", headers=bearer(tokens["access_token"]))
    assert expired.status_code == 401
    assert 'error="invalid_token"' in expired.headers["WWW-Authenticate"]
    renewed = refresh(phone_app, flow.client_id, tokens["refresh_token"]).get_json()
    assert phone_app.get("/api/v1/me", headers=bearer(renewed["access_token"])).status_code == 200


def test_an_expired_code_gives_no_token(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, ME)
    flow = Flow(register_app(portal_app))
    code = flow.code(browser)
    with portal_app.app_context():
        db.session.execute(update(OAuthCode).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert flow.exchange(phone_app, code).get_json()["error"] == "invalid_grant"


def test_an_app_asks_only_for_what_it_was_registered_for(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, ME)
    flow = Flow(register_app(portal_app, scopes=("dossiers:read",)))
    page = browser.get(flow.authorize_path()).get_data(as_text=True)
    assert "Voir vos dossiers" in page and "Voir votre profil" not in page
    tokens = flow.tokens(browser, phone_app)
    assert tokens["scope"] == "dossiers:read"
    refused = phone_app.get("/api/v1/me", headers=bearer(tokens["access_token"]))
    assert refused.status_code == 403 and 'scope="profile"' in refused.headers["WWW-Authenticate"]


def test_signing_in_on_the_way_comes_back_to_the_consent_page(portal_app: Flask) -> None:
    browser = portal_app.test_client()
    create_account(portal_app, browser, ME)
    browser.post("/fr/account/sign-out")
    flow = Flow(register_app(portal_app, redirect_uri="https://ecnac.cnac.dz/oauth/callback"))
    flow.redirect_uri = "https://ecnac.cnac.dz/oauth/callback"
    asked = browser.get(flow.authorize_path())
    assert asked.status_code == 302 and asked.headers["Location"].startswith("/fr/account/sign-in?next=")
    signed_in = browser.post(asked.headers["Location"], data={"identifier": ME, "password": "une phrase assez longue"})
    back = browser.get(signed_in.headers["Location"])
    assert back.status_code == 302 and back.headers["Location"] == flow.authorize_path()
    page = browser.get(back.headers["Location"])
    assert page.status_code == 200 and "Autoriser e-CNAC" in page.get_data(as_text=True)
    assert "form-action 'self' https://ecnac.cnac.dz;" in page.headers["Content-Security-Policy"]


def test_codes_and_tokens_past_their_time_are_purged(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, ME)
    flow = Flow(register_app(portal_app))
    flow.tokens(browser, phone_app)
    kept = flow.tokens(browser, phone_app)
    with portal_app.app_context():
        old = select(OAuthToken.id).order_by(OAuthToken.id).limit(1).scalar_subquery()
        db.session.execute(update(OAuthToken).where(OAuthToken.id == old)
                           .values(refresh_expires_at=utcnow() - timedelta(seconds=1)))  # fmt: skip
        db.session.execute(update(OAuthCode).values(expires_at=utcnow() - timedelta(days=1, seconds=1)))
        db.session.commit()
        assert oauth_server.purge() == (2, 1)
    assert "oauth-purge" in {entry.name for entry in _periodic}  # the workers' scheduler runs it every hour
    assert phone_app.get("/api/v1/me", headers=bearer(kept["access_token"])).status_code == 200


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_refresh_token_sent_twice_at_once_gives_one_new_pair(
    make_app: AppFactory, request: pytest.FixtureRequest, tmp_path: Path, database: str
) -> None:
    settings: dict[str, str | bool] = {"WTF_CSRF_ENABLED": False, "UPLOAD_FOLDER": str(tmp_path / "uploads")}
    if database == "postgresql":
        settings["SQLALCHEMY_DATABASE_URI"] = request.getfixturevalue("postgres_url")
    app = make_app(**settings)
    browser = app.test_client()
    create_account(app, browser, ME)
    flow = Flow(register_app(app))
    tokens = flow.tokens(browser, app.test_client())
    start, answers = threading.Barrier(2), []

    def send() -> None:
        start.wait()
        answers.append(refresh(app.test_client(), flow.client_id, tokens["refresh_token"]).status_code)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(answers) == [200, 400]


def test_only_the_consent_page_lets_its_form_lead_to_the_app(portal_app: Flask) -> None:
    """Browsers hold a form's redirect to form-action: the consent page names the app's scheme there, once."""
    browser = portal_app.test_client()
    create_account(portal_app, browser, ME)
    consent = browser.get(Flow(register_app(portal_app)).authorize_path())
    [policy] = consent.headers.getlist("Content-Security-Policy")
    assert "form-action 'self' dz.cnac.ecnac:;" in policy and "frame-ancestors 'none'" in policy
    [elsewhere] = browser.get("/fr/my/").headers.getlist("Content-Security-Policy")
    assert "form-action 'self';" in elsewhere
