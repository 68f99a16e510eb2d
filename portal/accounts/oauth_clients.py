"""Registering the funds' apps (staff only, by command; no app registers itself): a name, who publishes it, the
redirect URIs it may be sent back to, and the scopes it may ask for."""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from sqlalchemy import select

from portal.accounts.models_oauth import OAuthClient
from portal.accounts.oauth_scopes import SCOPES
from portal.extensions import db

# RFC 8252: a private-use scheme in reverse-domain form (dz.cnac.ecnac:/callback), an https address the app claims,
# or the loopback interface over http (an app on a computer).
PRIVATE_SCHEME = re.compile(r"^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+$")
LOOPBACK = ("127.0.0.1", "[::1]", "localhost")


class ClientError(ValueError):
    """What the staff member typed cannot register an app; the message says why."""


def check_redirect_uri(uri: str) -> str:
    parts = urlsplit(uri)
    if not uri.isprintable() or " " in uri or parts.fragment or len(uri) > 500:
        raise ClientError(f"{uri!r}: a redirect URI has no space, no fragment and at most 500 characters.")
    scheme = parts.scheme.lower()
    if scheme == "https" and parts.hostname:
        return uri
    if scheme == "http" and parts.netloc.split(":")[0] in LOOPBACK:
        return uri
    if PRIVATE_SCHEME.match(scheme) and not parts.netloc.strip():
        return uri
    raise ClientError(f"{uri!r}: use https://, http:// on the loopback address, or a scheme in reverse-domain form "
                      "(dz.cnac.ecnac:/oauth/callback).")  # fmt: skip


def register(name: str, publisher: str, redirect_uris: list[str], scopes: list[str]) -> OAuthClient:
    """A new app (committed), with a client id of its own."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise ClientError(f"Scopes: choose among {', '.join(SCOPES)} (unknown: {', '.join(unknown) or 'none given'}).")
    if not redirect_uris:
        raise ClientError("Give at least one redirect URI.")
    if not name.strip():
        raise ClientError("Give the app's name, as its users know it.")
    client = OAuthClient(client_id=secrets.token_urlsafe(24), name=name.strip(), publisher=publisher.strip(),
                         redirect_uris=[check_redirect_uri(uri) for uri in redirect_uris],
                         scope=" ".join(name for name in SCOPES if name in scopes))  # fmt: skip
    db.session.add(client)
    db.session.commit()
    return client


def registered() -> list[OAuthClient]:
    return list(db.session.scalars(select(OAuthClient).order_by(OAuthClient.id)))


def disable(client_id: str) -> bool:
    """The app can no longer ask, and its tokens stop (committed); False if no app has this client id."""
    client = db.session.scalar(select(OAuthClient).where(OAuthClient.client_id == client_id))
    if client is None:
        return False
    client.active = False
    db.session.commit()
    return True
