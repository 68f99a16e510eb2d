"""OAuth 2 for the funds' mobile apps, with Authlib's Flask server: the authorization code grant with PKCE (S256,
required: a mobile app is a public client, it keeps no secret), refresh tokens rotated at each use, revocation
(RFC 7009), and the bearer tokens the API's citizen endpoints check. Codes and tokens are stored as SHA-256 digests
(they are random, 256 bits and more: a digest cannot be reversed to one). Authlib's server and protector are in
:mod:`portal.accounts.oauth_engine`, imported by the first request that needs them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from flask import Flask, current_app, g
from flask_smorest import abort
from sqlalchemy import CursorResult, delete, update

from portal.accounts.models_oauth import OAuthCode, OAuthToken
from portal.accounts.oauth_scopes import SCOPES
from portal.database import utcnow
from portal.extensions import db
from portal.jobs import queue

if TYPE_CHECKING:
    from authlib.integrations.flask_oauth2 import AuthorizationServer

SERVER_KEY = "portal.oauth_server"
CODE_SECONDS = 120  # an authorisation code is exchanged at once by the app that asked for it
P = ParamSpec("P")
R = TypeVar("R")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def claimed(statement: Any) -> bool:
    """Run an UPDATE that claims one row (``... WHERE <still free>``) and commit: whether this request got it."""
    result = cast(CursorResult[Any], db.session.execute(statement, execution_options={"synchronize_session": False}))
    db.session.commit()
    return result.rowcount == 1


def revoke_family(family: str) -> None:
    """Revoke every token descending from one consent (when the caller commits)."""
    db.session.execute(update(OAuthToken).where(OAuthToken.family == family, OAuthToken.revoked_at.is_(None))
                       .values(revoked_at=utcnow()), execution_options={"synchronize_session": False})  # fmt: skip


@queue.every(60, "oauth-purge")
def purge() -> tuple[int, int]:
    """Delete the codes a day past their expiry (kept that long to recognise a replay) and the tokens whose refresh
    token has expired (a revoked one is kept until then, to recognise its replay); how many of each."""
    codes = cast(
        CursorResult[Any],
        db.session.execute(delete(OAuthCode).where(OAuthCode.expires_at <= utcnow() - timedelta(days=1))),
    )
    tokens = cast(
        CursorResult[Any], db.session.execute(delete(OAuthToken).where(OAuthToken.refresh_expires_at <= utcnow()))
    )
    db.session.commit()
    return codes.rowcount, tokens.rowcount  # fmt: skip


NO_TOKEN = "Send an access token in the Authorization header: Bearer <token>."  # noqa: S105 - a message
BAD_TOKEN = "The access token is not valid: it has expired, was revoked or is unknown. Refresh it, or ask again."  # noqa: S105


def init_app(app: Flask) -> None:
    """The authorisation server's settings; the server itself is made by the first request that needs it."""
    seconds = app.config["OAUTH_ACCESS_TOKEN_SECONDS"]
    app.config.update(OAUTH2_REFRESH_TOKEN_GENERATOR=True, OAUTH2_SCOPES_SUPPORTED=list(SCOPES),
                      OAUTH2_TOKEN_EXPIRES_IN={"authorization_code": seconds, "refresh_token": seconds})  # fmt: skip
    app.extensions[SERVER_KEY] = None


def server() -> AuthorizationServer:
    """This app's authorisation server, made on first use (under the import lock, so once)."""
    found: AuthorizationServer | None = current_app.extensions.get(SERVER_KEY)
    if found is None:
        from portal.accounts import oauth_engine  # here: see oauth_engine

        found = current_app.extensions[SERVER_KEY] = oauth_engine.build(current_app._get_current_object())  # type: ignore[attr-defined]
    return found


def require(scope: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """An API operation for a bearer token of ``scope``: 401 without a valid token, 403 without the scope."""

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            from portal.accounts import oauth_engine  # here: see oauth_engine

            token, status, message, headers = oauth_engine.acquire(scope)
            if token is None:
                abort(status, message=message, headers=headers)
            g.oauth_token = token
            return view(*args, **kwargs)

        return guarded

    return decorate


def token_account_id() -> int:
    """The account whose token the current API request carries (after :func:`require`)."""
    token: OAuthToken = g.oauth_token
    return token.account_id
