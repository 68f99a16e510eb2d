"""The mobile apps a citizen lets act for them (OAuth 2): the apps registered by staff, the one-time codes of an
authorisation under way, and the tokens issued. Codes and tokens are kept as digests only: whoever reads the
database cannot use them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Account
from portal.database import UTCDateTime, utcnow
from portal.extensions import db


class OAuthClient(db.Model):  # type: ignore[name-defined]
    """An app registered by staff (``flask accounts oauth-client add``): a public client (a mobile app keeps no
    secret), so the code it asks for is bound to its PKCE challenge; it is sent back only to the addresses
    registered, compared exactly."""

    __tablename__ = "oauth_client"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(48), unique=True)
    name: Mapped[str] = mapped_column(String(120))  # as the consent page names it: "e-CNAC"
    publisher: Mapped[str] = mapped_column(String(120), default="")  # who publishes it: "CNAC"
    redirect_uris: Mapped[list[str]] = mapped_column(JSON, default=list)
    scope: Mapped[str] = mapped_column(String(255))  # the scopes it may ask for, separated by spaces
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    # What Authlib asks of a client (authlib.oauth2.rfc6749.ClientMixin).
    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None  # the app names its redirect URI in every request

    def get_allowed_scope(self, scope: str | None) -> str | None:
        """The scopes asked that this app may have; None (refused) when none is left."""
        allowed = set(self.scope.split())
        kept = [name for name in (scope or "").split() if name in allowed]
        return " ".join(dict.fromkeys(kept)) or None

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris  # exactly: no prefix, no pattern

    def check_client_secret(self, client_secret: str) -> bool:
        return False  # a public client has none

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "none"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in ("authorization_code", "refresh_token")


class OAuthCode(db.Model):  # type: ignore[name-defined]
    """An authorisation code given to an app after its owner's consent: used once, within minutes, with the PKCE
    verifier of its challenge. ``family`` names every token that descends from it: a code used twice revokes
    them all."""

    __tablename__ = "oauth_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("oauth_client.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    family: Mapped[str] = mapped_column(String(32))
    redirect_uri: Mapped[str] = mapped_column(String(500))
    scope: Mapped[str] = mapped_column(String(255))
    code_challenge: Mapped[str] = mapped_column(String(128))
    code_challenge_method: Mapped[str] = mapped_column(String(8))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    client: Mapped[OAuthClient] = relationship()
    account: Mapped[Account] = relationship()

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope


class OAuthToken(db.Model):  # type: ignore[name-defined]
    """An access token (minutes) and its refresh token (days), given to an app for an account. A refresh gives a
    new pair and revokes this one; a revoked refresh token sent again revokes its whole family."""

    __tablename__ = "oauth_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("oauth_client.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    family: Mapped[str] = mapped_column(String(32), index=True)
    scope: Mapped[str] = mapped_column(String(255))
    access_digest: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    access_expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    refresh_expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    client: Mapped[OAuthClient] = relationship()
    account: Mapped[Account] = relationship()

    # What Authlib asks of a token (authlib.oauth2.rfc6749.TokenMixin).
    def check_client(self, client: Any) -> bool:
        return bool(client is not None and client.id == self.client_id)

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return int((self.access_expires_at - self.issued_at).total_seconds())

    def is_expired(self) -> bool:
        return self.access_expires_at <= utcnow()

    def is_revoked(self) -> bool:
        return self.revoked_at is not None or not self.client.active or not self.account.active
