"""The national identity provider as the platform's OpenID Connect client (Authlib), made at start-up from the
settings (``OIDC_*``) when an issuer is set: discovery, the authorization code with PKCE (S256), ``state`` and
``nonce``, the ID token checked (signature by the provider's keys, issuer, audience, expiry, nonce), and the logout
at the provider. The ID token kept for that logout is sealed in the session (encrypted with a key of the secret):
the browser cannot read it."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import requests
from authlib.integrations.flask_client import OAuth
from cryptography.fernet import Fernet, InvalidToken
from flask import Flask, current_app, session, url_for

from portal.accounts.sessions import IDENTITY_TOKEN as ID_TOKEN
from portal.addresses import canonical

NAME = "identity"
EXTENSION = "portal.identity_provider"


def init_app(app: Flask) -> None:
    """The provider's client, when ``OIDC_ISSUER`` is set (else the sign-in with it is not offered)."""
    issuer = app.config.get("OIDC_ISSUER")
    if not issuer:
        return
    oauth = OAuth(app)
    oauth.register(
        NAME,
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={
            "scope": app.config["OIDC_SCOPES"],
            "code_challenge_method": "S256",
            "default_timeout": app.config["OIDC_TIMEOUT"],
        },
    )
    app.extensions[EXTENSION] = oauth


def client() -> Any:
    """The provider's client (Authlib's ``FlaskOAuth2App``), or None when none is configured."""
    oauth: OAuth | None = current_app.extensions.get(EXTENSION)
    return oauth.create_client(NAME) if oauth is not None else None


def forget_pending() -> None:
    """Forget the sign-ins this browser started and did not finish: one waits at a time (each would else stay in the
    session cookie, until it passes what a browser keeps)."""
    for key in [key for key in session if key.startswith(f"_state_{NAME}_")]:
        session.pop(key)


def issuer() -> str:
    return str(current_app.config["OIDC_ISSUER"])


def _sealer() -> Fernet:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"identity-id-token:" + secret).digest()))


def keep_id_token(id_token: str) -> None:
    session[ID_TOKEN] = _sealer().encrypt(id_token.encode()).decode()


def take_id_token() -> str | None:
    """The ID token of this browser's sign-in with the provider, taken out of the session; None without one."""
    sealed = session.pop(ID_TOKEN, None)
    if not sealed:
        return None
    try:
        return _sealer().decrypt(str(sealed).encode()).decode()
    except InvalidToken:
        return None


def logout_url(id_token: str | None) -> str | None:
    """Where the browser ends its session at the provider (its ``end_session_endpoint``, with the ID token as a
    hint), then comes back to the sign-in page; None without a sign-in by the provider, or when it cannot be
    reached (the session here is ended all the same)."""
    provider = client()
    if provider is None or not id_token:
        return None
    back = canonical(url_for("accounts.sign_in"))
    try:
        found: str = provider.create_logout_url(post_logout_redirect_uri=back, id_token_hint=id_token)["url"]
    except (requests.RequestException, RuntimeError, ValueError):
        return None
    return found
