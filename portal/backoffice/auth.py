"""Passwords (scrypt, by Werkzeug), TOTP second factor (pyotp) and one-time recovery codes."""

from __future__ import annotations

import secrets

import pyotp
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from portal.backoffice.models import RecoveryCode, User
from portal.catalogue.models import utcnow
from portal.extensions import db

MIN_PASSWORD = 12
RECOVERY_CODES = 10
ISSUER = "MTESS e-services"
# Compared against when the email is unknown, so that both failures take the same time.
_UNKNOWN = generate_password_hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, else None (one answer for every failure)."""
    user: User | None = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        check_password_hash(_UNKNOWN, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    return user


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def verify_totp(secret: str, code: str) -> bool:
    return pyotp.TOTP(secret).verify(code.replace(" ", ""), valid_window=1)


def issue_recovery_codes(user: User) -> list[str]:
    """New codes replace the old ones; they are shown once and stored hashed."""
    codes = [f"{secrets.token_hex(2)}-{secrets.token_hex(2)}-{secrets.token_hex(2)}" for _ in range(RECOVERY_CODES)]
    user.recovery_codes = [RecoveryCode(code_hash=generate_password_hash(code)) for code in codes]
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    typed = code.strip().lower()
    for recovery in user.recovery_codes:
        if recovery.used_at is None and check_password_hash(recovery.code_hash, typed):
            recovery.used_at = utcnow()
            return True
    return False


def second_factor_ok(user: User, code: str) -> bool:
    """A current TOTP code, or an unused recovery code (then spent)."""
    return bool(user.totp_secret and verify_totp(user.totp_secret, code)) or use_recovery_code(user, code)
