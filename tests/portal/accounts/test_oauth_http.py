"""The whole dance over real HTTP, with a real OAuth 2 client: Authlib's requests client plays the mobile app
(authorization URL with PKCE S256 and state, the code from the redirect, the token, the API, a refresh, the
revocation), a requests session plays the person's browser (sign-in and consent, with their CSRF tokens), against the
platform served on a free port of 127.0.0.1."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from flask import Flask

from portal.accounts.models import EMAIL, Account
from portal.extensions import db
from portal.passwords import hash_password
from tests.browser.conftest import serve
from tests.conftest import AppFactory
from tests.portal.accounts.oauth_helpers import ALL_SCOPES, REDIRECT, register_app

PASSWORD = "une phrase assez longue"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def served(make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Flask, str]]:
    """The platform, CSRF checked, on a real HTTP server at its canonical address (plain http on the loopback)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = make_app(BASE_URL=f"http://127.0.0.1:{port}")
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the loopback address: no TLS to ask for
    for url in serve(app):
        yield app, url


def make_account(app: Flask, identifier: str) -> None:
    with app.app_context():
        db.session.add(Account(identifier=identifier, channel=EMAIL, password_hash=hash_password(PASSWORD)))
        db.session.commit()


def post_form(browser: requests.Session, url: str, **data: str) -> requests.Response:
    """A form of the page at ``url``, sent as a browser sends it: with the page's CSRF token."""
    token = CSRF.search(browser.get(url).text)
    assert token is not None, url
    return browser.post(url, data={"csrf_token": token.group(1), **data}, allow_redirects=False,
                        headers={"Referer": url})  # fmt: skip


def test_a_real_oauth_client_goes_through_the_whole_flow(served: tuple[Flask, str]) -> None:
    app, url = served
    make_account(app, "nadia@example.dz")
    client_id = register_app(app)
    browser = requests.Session()
    assert post_form(browser, f"{url}/fr/account/sign-in", identifier="nadia@example.dz",
                     password=PASSWORD).status_code == 302  # fmt: skip

    mobile = OAuth2Session(client_id, redirect_uri=REDIRECT, scope=" ".join(ALL_SCOPES),
                           token_endpoint_auth_method="none", code_challenge_method="S256")  # fmt: skip
    verifier = generate_token(48)
    authorize_url, state = mobile.create_authorization_url(f"{url}/ar/account/apps/authorize", code_verifier=verifier)
    consent = browser.get(authorize_url, allow_redirects=False)
    assert consent.status_code == 200 and "هل تسمحون لتطبيق e-CNAC باستعمال حسابكم؟" in consent.text
    answered = post_form(browser, authorize_url, decision="allow")
    assert answered.status_code == 302 and answered.headers["Location"].startswith(REDIRECT + "?")

    token: dict[str, Any] = mobile.fetch_token(f"{url}/api/v1/oauth/token", code_verifier=verifier,
                                               authorization_response=answered.headers["Location"])  # fmt: skip
    assert token["expires_in"] == 600 and state in answered.headers["Location"]
    assert mobile.get(f"{url}/api/v1/me").json()["identifier"] == "nadia@example.dz"

    renewed = mobile.refresh_token(f"{url}/api/v1/oauth/token")
    assert renewed["access_token"] != token["access_token"]
    assert mobile.get(f"{url}/api/v1/me/dossiers").status_code == 200
    assert mobile.revoke_token(f"{url}/api/v1/oauth/revoke", token=renewed["refresh_token"],
                               token_type_hint="refresh_token").status_code == 200  # fmt: skip
    refused = mobile.get(f"{url}/api/v1/me")
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].startswith("Bearer")
