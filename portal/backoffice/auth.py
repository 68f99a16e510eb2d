"""Passwords (scrypt, by Werkzeug), TOTP second factor (pyotp) and one-time recovery codes.

A TOTP code and a recovery code are each spent by one conditional UPDATE whose row count decides, so two
requests carrying the same code can never both succeed, on SQLite as on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any, cast

import pyotp
from sqlalchemy import CursorResult, Update, func, or_, select, update

from portal.database import utcnow
from portal.extensions import db
from portal.passwords import password_matches
from portal.staff.models import RecoveryCode, User

RECOVERY_CODES = 10
RECOVERY_CODE_BYTES = 10  # 80 random bits: out of reach of guessing, even from a stolen digest
ISSUER = "MTESS e-services"


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, else None (one answer for every failure)."""
    user: User | None = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if not password_matches(user.password_hash if user is not None else None, password):
        return None
    return user if user is not None and user.active else None


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def totp_step(secret: str, code: str) -> int | None:
    """The time step whose code this is (the current one or a neighbour, for clock drift), else None."""
    totp, typed = pyotp.TOTP(secret), code.replace(" ", "")
    now = int(time.time()) // totp.interval
    return next((step for step in (now - 1, now, now + 1) if hmac.compare_digest(totp.generate_otp(step), typed)), None)


def claim_totp_step(user: User, step: int) -> bool:
    """Record ``step`` as the user's last; refused when it or a later one was already used (a replayed code)."""
    unused = or_(User.totp_last_step.is_(None), User.totp_last_step < step)
    return _changed(update(User).where(User.id == user.id, unused).values(totp_last_step=step))


def recovery_digest(code: str) -> str:
    """The stored form of a recovery code: SHA-256 of its hexadecimal digits, whatever the case or dashes."""
    typed = "".join(code.split()).replace("-", "").lower()
    return hashlib.sha256(typed.encode()).hexdigest()


def issue_recovery_codes(user: User) -> list[str]:
    """New codes replace the old ones; they are shown once and stored as digests."""
    codes = [_grouped(secrets.token_hex(RECOVERY_CODE_BYTES)) for _ in range(RECOVERY_CODES)]
    user.recovery_codes = [RecoveryCode(code_digest=recovery_digest(code)) for code in codes]
    return codes


def _grouped(digits: str, size: int = 5) -> str:
    """``3fa9c-0b1d2-...``: easier to copy by hand."""
    return "-".join(digits[start : start + size] for start in range(0, len(digits), size))


def has_recovery_codes(user: User) -> bool:
    unused = select(RecoveryCode.id).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    return db.session.scalar(unused.limit(1)) is not None


def use_recovery_code(user: User, code: str) -> bool:
    """Spend an unused code of this user, found by its digest."""
    mine = (RecoveryCode.user_id == user.id, RecoveryCode.code_digest == recovery_digest(code))
    return _changed(update(RecoveryCode).where(*mine, RecoveryCode.used_at.is_(None)).values(used_at=utcnow()))


def second_factor_ok(user: User, code: str) -> bool:
    """A TOTP code of a step not used yet, or an unused recovery code (then spent)."""
    step = totp_step(user.totp_secret, code) if user.totp_secret else None
    return claim_totp_step(user, step) if step is not None else use_recovery_code(user, code)


def _changed(statement: Update) -> bool:
    """Run a conditional UPDATE of one row: whether it matched (the database decides, atomically)."""
    result = cast(CursorResult[Any], db.session.execute(statement, execution_options={"synchronize_session": False}))
    return result.rowcount == 1
