"""My space's apps: the apps I let act for me (those holding a live token of mine), what each may do, and
taking that back. Only the account's own tokens are read or revoked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from portal.accounts.models_oauth import OAuthToken
from portal.accounts.oauth_scopes import SCOPES, Scope
from portal.database import utcnow
from portal.extensions import db


@dataclass(frozen=True)
class AppLine:
    """An app as my space lists it."""

    id: int  # the client's row
    name: str
    publisher: str
    scopes: list[Scope]
    since: datetime  # the oldest live token's issue


def _live(account_id: int) -> list[OAuthToken]:
    statement = (
        select(OAuthToken)
        .where(OAuthToken.account_id == account_id, OAuthToken.revoked_at.is_(None),
               OAuthToken.refresh_expires_at > utcnow())
        .options(selectinload(OAuthToken.client))
        .order_by(OAuthToken.issued_at, OAuthToken.id)
    )  # fmt: skip
    return [token for token in db.session.scalars(statement) if token.client.active]


def apps_of(account_id: int) -> list[AppLine]:
    """Every app with a live token of the account, the first authorised first."""
    lines: dict[int, AppLine] = {}
    for token in _live(account_id):
        seen = lines.get(token.client_id)
        names = {*(scope.name for scope in seen.scopes), *token.scope.split()} if seen else set(token.scope.split())
        lines[token.client_id] = AppLine(token.client_id, token.client.name, token.client.publisher,
                                         [SCOPES[name] for name in SCOPES if name in names],
                                         seen.since if seen else token.issued_at)  # fmt: skip
    return list(lines.values())


def revoke_app(account_id: int, client_row_id: int) -> bool:
    """Every token of the account held by this app stops now (committed); False when it held none."""
    statement = (update(OAuthToken).where(OAuthToken.account_id == account_id, OAuthToken.client_id == client_row_id,
                                          OAuthToken.revoked_at.is_(None)).values(revoked_at=utcnow()))  # fmt: skip
    revoked = db.session.execute(statement, execution_options={"synchronize_session": False}).rowcount  # type: ignore[attr-defined]
    db.session.commit()
    return bool(revoked)
