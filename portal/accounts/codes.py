"""The one-time codes of sign-up and password reset: one row per request, found by the token its browser holds; a
code expires after ``CODE_MINUTES`` and allows ``CODE_TRIES`` tries, each counted by one conditional UPDATE (two
requests at once cannot both take the last try)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from enum import Enum
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update

from portal.accounts.models import AccountCode
from portal.database import utcnow
from portal.extensions import db
from portal.jobs import queue
from portal.one_time_codes import code_digest, code_matches, code_of, new_seed

CODE_MINUTES = 15
CODE_TRIES = 5


class Check(Enum):
    RIGHT = "right"
    WRONG = "wrong"  # tries are left
    SPENT = "spent"  # expired, tried too often, or never asked on this browser: ask for a new code


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(purpose: str, identifier: str, locale: str, account_id: int | None = None,
          password_hash: str = "") -> tuple[str, AccountCode]:  # fmt: skip
    """A new code for ``identifier`` (not committed): the token for the browser that asked, and the row (its seed
    gives the code to send)."""
    token, seed = secrets.token_urlsafe(24), new_seed()
    row = AccountCode(token_digest=_digest(token), purpose=purpose, identifier=identifier, account_id=account_id,
                      seed=seed, code_digest=code_digest(seed, code_of(seed)), password_hash=password_hash,
                      locale=locale, expires_at=utcnow() + timedelta(minutes=CODE_MINUTES))  # fmt: skip
    db.session.add(row)
    return token, row


def pending(token: str, purpose: str) -> AccountCode | None:
    """The code this browser asked for, while it may still be typed."""
    if not token:
        return None
    row: AccountCode | None = db.session.scalar(
        select(AccountCode).where(AccountCode.token_digest == _digest(token), AccountCode.purpose == purpose)
    )
    if row is None or row.expires_at <= utcnow() or row.attempts >= CODE_TRIES:
        return None
    return row


def check(row: AccountCode | None, typed: str) -> Check:
    """Spend a try of ``row`` on ``typed`` (committed at once, whatever the caller does next)."""
    if row is None or not _took_a_try(row):
        return Check.SPENT
    db.session.commit()
    if code_matches(row.seed, typed, row.code_digest):
        return Check.RIGHT
    db.session.refresh(row)
    return Check.WRONG if row.attempts < CODE_TRIES else Check.SPENT


def _took_a_try(row: AccountCode) -> bool:
    statement = (
        update(AccountCode)
        .where(AccountCode.id == row.id, AccountCode.attempts < CODE_TRIES, AccountCode.expires_at > utcnow())
        .values(attempts=AccountCode.attempts + 1)
    )
    result = cast(CursorResult[Any], db.session.execute(statement, execution_options={"synchronize_session": False}))
    return result.rowcount == 1


def spend(row: AccountCode) -> None:
    """The code did its work: it cannot be typed again (in the caller's transaction)."""
    db.session.delete(row)


@queue.every(30, "account-codes-purge")
def purge_expired() -> int:
    """Delete the codes that can no longer be typed; how many."""
    result = cast(CursorResult[Any], db.session.execute(delete(AccountCode).where(AccountCode.expires_at <= utcnow())))
    db.session.commit()
    return result.rowcount
