"""The heavy half of the apps' OAuth 2 (see :mod:`portal.accounts.oauth_server`): Authlib's authorisation server,
its grants and the bearer tokens' protector. Imported on the first request that needs them, not when a worker
starts: Authlib, joserfc and cryptography weigh some 17 MB of a worker's memory (bench/memory.py), and most workers
answer only the catalogue."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2 import OAuth2Error, OAuth2Request
from authlib.oauth2.rfc6749 import InvalidRequestError, MissingAuthorizationError, grants
from authlib.oauth2.rfc6750 import BearerTokenValidator, InsufficientScopeError
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Flask, current_app
from sqlalchemy import select, update

from portal.accounts.models import Account
from portal.accounts.models_oauth import OAuthClient, OAuthCode, OAuthToken
from portal.accounts.oauth_server import BAD_TOKEN, CODE_SECONDS, NO_TOKEN, claimed, digest, revoke_family
from portal.database import utcnow
from portal.extensions import db


class S256Challenge(CodeChallenge):
    """PKCE is required of every app, with S256 only: a code asked without a challenge is refused at once."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]  # noqa: RUF012 - Authlib's class attribute

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE is required: send code_challenge with code_challenge_method=S256.")
        super().validate_code_challenge(grant, redirect_uri)


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]  # noqa: RUF012 - public clients only

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        db.session.add(OAuthCode(
            code_digest=digest(code), client_id=request.client.id, account_id=request.user.id,
            family=secrets.token_hex(16), redirect_uri=request.payload.redirect_uri, scope=request.scope,
            code_challenge=data["code_challenge"], code_challenge_method=data["code_challenge_method"],
            expires_at=utcnow() + timedelta(seconds=CODE_SECONDS),
        ))  # fmt: skip
        db.session.commit()

    def query_authorization_code(self, code: str, client: OAuthClient) -> OAuthCode | None:
        """The code, claimed by this request; a code used before revokes the tokens it gave (it was stolen)."""
        found: OAuthCode | None = db.session.scalar(
            select(OAuthCode).where(OAuthCode.code_digest == digest(code), OAuthCode.client_id == client.id)
        )
        if found is None:
            return None
        if not claimed(update(OAuthCode).where(OAuthCode.id == found.id, OAuthCode.used_at.is_(None))
                        .values(used_at=utcnow())):  # fmt: skip
            revoke_family(found.family)
            db.session.commit()
            return None
        db.session.refresh(found)
        return found if found.expires_at > utcnow() else None

    def delete_authorization_code(self, authorization_code: OAuthCode) -> None:
        """Kept, marked used (when it was claimed), so that its replay is recognised."""

    def authenticate_user(self, authorization_code: OAuthCode) -> Account | None:
        account = authorization_code.account
        return account if account.active else None


class RefreshGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]  # noqa: RUF012 - public clients only
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotated: each refresh token is used once

    def authenticate_refresh_token(self, refresh_token: str) -> OAuthToken | None:
        """The token, claimed (revoked) by this request; one used before revokes its whole family."""
        found: OAuthToken | None = db.session.scalar(
            select(OAuthToken).where(OAuthToken.refresh_digest == digest(refresh_token))
        )
        if found is None:
            return None
        if not claimed(update(OAuthToken).where(OAuthToken.id == found.id, OAuthToken.revoked_at.is_(None))
                        .values(revoked_at=utcnow())):  # fmt: skip
            revoke_family(found.family)
            db.session.commit()
            return None
        db.session.refresh(found)
        live = found.refresh_expires_at > utcnow() and found.client.active and found.account.active
        return found if live else None

    def authenticate_user(self, refresh_token: OAuthToken) -> Account:
        return refresh_token.account

    def revoke_old_credential(self, refresh_token: OAuthToken) -> None:
        """Revoked already, when it was claimed."""


class Revocation(RevocationEndpoint):
    CLIENT_AUTH_METHODS = ["none"]  # noqa: RUF012 - public clients only

    def query_token(self, token_string: str, token_type_hint: str | None) -> OAuthToken | None:
        found = digest(token_string)
        return db.session.scalar(
            select(OAuthToken).where((OAuthToken.access_digest == found) | (OAuthToken.refresh_digest == found))
        )

    def revoke_token(self, token: OAuthToken, request: OAuth2Request) -> None:
        """The app signs out: its access and refresh tokens of this consent stop, whichever was sent."""
        revoke_family(token.family)
        db.session.commit()


def _query_client(client_id: str) -> OAuthClient | None:
    return db.session.scalar(select(OAuthClient).where(OAuthClient.client_id == client_id, OAuthClient.active))


def _save_token(token: dict[str, Any], request: OAuth2Request) -> None:
    origin = request.authorization_code or request.refresh_token
    now = utcnow()
    db.session.add(OAuthToken(
        client_id=request.client.id, account_id=request.user.id, family=origin.family, scope=token.get("scope", ""),
        access_digest=digest(token["access_token"]), refresh_digest=digest(token["refresh_token"]),
        issued_at=now, access_expires_at=now + timedelta(seconds=token["expires_in"]),
        refresh_expires_at=now + timedelta(days=current_app.config["OAUTH_REFRESH_TOKEN_DAYS"]),
    ))  # fmt: skip
    db.session.commit()


def build(app: Flask) -> AuthorizationServer:
    """The authorisation server of this app (its settings were set by ``oauth_server.init_app``)."""
    server = AuthorizationServer(app, query_client=_query_client, save_token=_save_token)
    server.register_grant(CodeGrant, [S256Challenge(required=True)])
    server.register_grant(RefreshGrant)
    server.register_endpoint(Revocation)
    return server


class _AccessTokens(BearerTokenValidator):
    def authenticate_token(self, token_string: str) -> OAuthToken | None:
        return db.session.scalar(select(OAuthToken).where(OAuthToken.access_digest == digest(token_string)))


protector = ResourceProtector()
protector.register_token_validator(_AccessTokens())


def _refusal(error: OAuth2Error, scope: str) -> str:
    if isinstance(error, MissingAuthorizationError):
        return NO_TOKEN
    if isinstance(error, InsufficientScopeError):
        return f"This operation needs the scope {scope}, which the person did not allow this app."
    return BAD_TOKEN if error.status_code == 401 else str(error.description or error.error)


def _challenge(error: OAuth2Error, scope: str) -> dict[str, str]:
    """RFC 6750's WWW-Authenticate: what went wrong, and the scope an insufficient token lacks."""
    if isinstance(error, MissingAuthorizationError):
        return {"WWW-Authenticate": 'Bearer realm="api"'}
    extra = f', scope="{scope}"' if isinstance(error, InsufficientScopeError) else ""
    return {"WWW-Authenticate": f'Bearer realm="api", error="{error.error}"{extra}'}


def acquire(scope: str) -> tuple[OAuthToken | None, int, str, dict[str, str]]:
    """The request's token if it is valid and carries ``scope``; else None with the status, message and headers of
    the refusal."""
    try:
        return protector.acquire_token([scope]), 200, "", {}
    except OAuth2Error as error:
        return None, error.status_code, _refusal(error, scope), _challenge(error, scope)
