"""Steps of the tests of the sign-in with the national identity: the demo provider running (Node and
sandbox/oidc), an app configured for it, and a sign-in taken to the provider and back over HTTP."""

from __future__ import annotations

from typing import Any

import requests
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests import oidc_provider

PORTAL = "http://localhost"  # the test apps' canonical address, where the provider sends the browser back


def settings(issuer: str) -> dict[str, Any]:
    return {"OIDC_ISSUER": issuer, "OIDC_CLIENT_ID": oidc_provider.CLIENT_ID,
            "OIDC_CLIENT_SECRET": oidc_provider.CLIENT_SECRET, "OIDC_TIMEOUT": 3.0}  # fmt: skip


def back_from_provider(client: FlaskClient, login: str, locale: str = "fr") -> str:
    """The platform's return address with a code and a state, after ``login`` signed in at the provider."""
    started = client.get(f"/{locale}/account/identity/sign-in")
    assert started.status_code == 302, started.get_data(as_text=True)
    return oidc_provider.sign_in_at_provider(requests.Session(), started.headers["Location"], login, PORTAL)


def sign_in_with_identity(client: FlaskClient, login: str, locale: str = "fr") -> TestResponse:
    return client.get(back_from_provider(client, login, locale).removeprefix(PORTAL))
