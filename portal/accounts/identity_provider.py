"""The national identity provider as the platform's OpenID Connect client (Authlib), made at start-up from the
settings (``OIDC_*``) when an issuer is set: discovery, the authorization code with PKCE (S256), ``state`` and
``nonce``, the ID token checked (signature by the provider's keys, issuer, audience, expiry, nonce), and the logout
at the provider. The ID token kept for that logout is sealed in the session (encrypted with a key of the secret):
the browser cannot read it.

Authlib (with joserfc and cryptography, some 17 MB of a worker's memory: bench/memory.py) is imported by the first
request that signs in with the provider or ends such a session, not when a worker starts."""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app, session, url_for

from portal.accounts.sessions import IDENTITY_TOKEN as ID_TOKEN
from portal.addresses import canonical

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

NAME = "identity"
EXTENSION = "portal.identity_provider"


def init_app(app: Flask) -> None:
    """Nothing is made at start-up: the client is made by :func:`client` on first use."""
    app.extensions[EXTENSION] = None


def configured() -> bool:
    """Whether a provider is configured (``OIDC_ISSUER``): the sign-in with it is offered."""
    return bool(current_app.config.get("OIDC_ISSUER"))


def client() -> Any:
    """The provider's client (Authlib's ``FlaskOAuth2App``), made on first use, or None when none is configured."""
    if not configured():
        return None
    oauth = current_app.extensions.get(EXTENSION)
    if oauth is None:
        oauth = current_app.extensions[EXTENSION] = _registry(current_app._get_current_object())  # type: ignore[attr-defined]
    return oauth.create_client(NAME)


def _registry(app: Flask) -> Any:
    from authlib.integrations.flask_client import OAuth  # here: see the module's docstring

    oauth = OAuth(app)
    oauth.register(
        NAME,
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=str(app.config["OIDC_ISSUER"]).rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={
            "scope": app.config["OIDC_SCOPES"],
            "code_challenge_method": "S256",
            "default_timeout": app.config["OIDC_TIMEOUT"],
        },
    )
    return oauth


def forget_pending() -> None:
    """Forget the sign-ins this browser started and did not finish: one waits at a time (each would else stay in the
    session cookie, until it passes what a browser keeps)."""
    for key in [key for key in session if key.startswith(f"_state_{NAME}_")]:
        session.pop(key)


def issuer() -> str:
    return str(current_app.config["OIDC_ISSUER"])


def _sealer() -> Fernet:
    from cryptography.fernet import Fernet  # here: see the module's docstring

    secret = str(current_app.config["SECRET_KEY"]).encode()
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"identity-id-token:" + secret).digest()))


def keep_id_token(id_token: str) -> None:
    session[ID_TOKEN] = _sealer().encrypt(id_token.encode()).decode()


def take_id_token() -> str | None:
    """The ID token of this browser's sign-in with the provider, taken out of the session; None without one."""
    sealed = session.pop(ID_TOKEN, None)
    if not sealed:
        return None
    from cryptography.fernet import InvalidToken

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
    import requests  # here: see the module's docstring

    back = canonical(url_for("accounts.sign_in"))
    try:
        found: str = provider.create_logout_url(post_logout_redirect_uri=back, id_token_hint=id_token)["url"]
    except (requests.RequestException, RuntimeError, ValueError):
        return None
    return found
