"""Passwords (scrypt, by Werkzeug), TOTP second factor and one-time recovery codes of staff (what they share with
citizens' second factor is in ``portal.second_factor``)."""

from __future__ import annotations

from sqlalchemy import func, or_, select, update

from portal.database import utcnow
from portal.extensions import db
from portal.passwords import password_matches
from portal.second_factor import changed, new_recovery_codes, new_totp_secret, recovery_digest, totp_step
from portal.second_factor import provisioning_uri as uri_for
from portal.staff.models import RecoveryCode, User

__all__ = ["new_totp_secret", "totp_step"]


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, else None (one answer for every failure)."""
    user: User | None = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if not password_matches(user.password_hash if user is not None else None, password):
        return None
    return user if user is not None and user.active else None


def provisioning_uri(user: User, secret: str) -> str:
    return uri_for(user.email, secret)


def claim_totp_step(user: User, step: int) -> bool:
    """Record ``step`` as the user's last; refused when it or a later one was already used (a replayed code)."""
    unused = or_(User.totp_last_step.is_(None), User.totp_last_step < step)
    return changed(update(User).where(User.id == user.id, unused).values(totp_last_step=step))


def issue_recovery_codes(user: User) -> list[str]:
    """New codes replace the old ones; they are shown once and stored as digests."""
    codes = new_recovery_codes()
    user.recovery_codes = [RecoveryCode(code_digest=recovery_digest(code)) for code in codes]
    return codes


def has_recovery_codes(user: User) -> bool:
    unused = select(RecoveryCode.id).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    return db.session.scalar(unused.limit(1)) is not None


def use_recovery_code(user: User, code: str) -> bool:
    """Spend an unused code of this user, found by its digest."""
    mine = (RecoveryCode.user_id == user.id, RecoveryCode.code_digest == recovery_digest(code))
    return changed(update(RecoveryCode).where(*mine, RecoveryCode.used_at.is_(None)).values(used_at=utcnow()))


def second_factor_ok(user: User, code: str) -> bool:
    """A TOTP code of a step not used yet, or an unused recovery code (then spent)."""
    step = totp_step(user.totp_secret, code) if user.totp_secret else None
    return claim_totp_step(user, step) if step is not None else use_recovery_code(user, code)
