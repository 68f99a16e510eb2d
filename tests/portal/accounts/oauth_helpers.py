"""An app registered by the staff's command, and the OAuth 2 dance a mobile app does, through the test client: the
consent page (the person's browser), then the token endpoint with the PKCE verifier (the app)."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

REDIRECT = "dz.cnac.ecnac:/oauth/callback"
ALL_SCOPES = ("profile", "dossiers:read", "dossiers:write")
TOKEN_URL, REVOKE_URL = "/api/v1/oauth/token", "/api/v1/oauth/revoke"


def register_app(app: Flask, scopes: tuple[str, ...] = ALL_SCOPES, name: str = "e-CNAC",
                 redirect_uri: str = REDIRECT) -> str:  # fmt: skip
    """``flask accounts oauth-client add``: the client id it prints."""
    args = ["accounts", "oauth-client", "add", "--name", name, "--publisher", "CNAC", "--redirect-uri", redirect_uri]
    for scope in scopes:
        args += ["--scope", scope]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    return result.output.strip()


def pkce() -> tuple[str, str]:
    """A verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


@dataclass
class Flow:
    """One authorisation asked by an app: its parameters, as the app sends them."""

    client_id: str
    scope: str = " ".join(ALL_SCOPES)
    redirect_uri: str = REDIRECT
    locale: str = "fr"

    def __post_init__(self) -> None:
        self.verifier, self.challenge = pkce()
        self.state = secrets.token_urlsafe(16)

    def authorize_path(self, **changes: str) -> str:
        query = {"response_type": "code", "client_id": self.client_id, "redirect_uri": self.redirect_uri,
                 "scope": self.scope, "state": self.state, "code_challenge": self.challenge,
                 "code_challenge_method": "S256", **changes}  # fmt: skip
        return f"/{self.locale}/account/apps/authorize?{urlencode({k: v for k, v in query.items() if v})}"

    def consent(self, browser: FlaskClient, decision: str = "allow", **changes: str) -> TestResponse:
        """The person's answer on the consent page (the page opened first, as a browser does)."""
        path = self.authorize_path(**changes)
        page = browser.get(path)
        assert page.status_code == 200, page.get_data(as_text=True)[:500]
        return browser.post(path, data={"decision": decision})

    def code(self, browser: FlaskClient) -> str:
        answer = self.consent(browser)
        assert answer.status_code == 302, answer.get_data(as_text=True)
        back = redirected(answer)
        assert back["state"] == self.state
        return back["code"]

    def exchange(self, app_client: FlaskClient, code: str, **changes: str) -> TestResponse:
        data = {"grant_type": "authorization_code", "code": code, "client_id": self.client_id,
                "redirect_uri": self.redirect_uri, "code_verifier": self.verifier, **changes}  # fmt: skip
        return app_client.post(TOKEN_URL, data=data)

    def tokens(self, browser: FlaskClient, app_client: FlaskClient) -> dict[str, Any]:
        answer = self.exchange(app_client, self.code(browser))
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return dict(answer.get_json())


def redirected(answer: TestResponse) -> dict[str, str]:
    """The parameters the app receives at its redirect URI."""
    location = urlsplit(answer.headers["Location"])
    return {name: values[0] for name, values in parse_qs(location.query).items()}


def refresh(app_client: FlaskClient, client_id: str, refresh_token: str) -> TestResponse:
    data = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}
    return app_client.post(TOKEN_URL, data=data)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
