"""A citizen's optional second factor: a TOTP app enrolled from the profile (the secret offered is kept on the
server until a code confirms it), ten recovery codes shown once and kept as digests, each TOTP step and each
recovery code accepted once; turned off with the password and a code."""

from __future__ import annotations

from sqlalchemy import delete, or_, update

from portal.accounts.models import Account, AccountRecoveryCode
from portal.database import utcnow
from portal.extensions import db
from portal.second_factor import changed, new_recovery_codes, new_totp_secret, recovery_digest, totp_step


def offered_secret(account: Account) -> str:
    """The secret offered for enrolment, the same until it is confirmed (the caller commits)."""
    if account.totp_pending is None:
        account.totp_pending = new_totp_secret()
    return account.totp_pending


def _claim(account: Account, step: int) -> bool:
    """Record ``step`` as the account's last; refused when it or a later one was already used (a replayed code)."""
    unused = or_(Account.totp_last_step.is_(None), Account.totp_last_step < step)
    return changed(update(Account).where(Account.id == account.id, unused).values(totp_last_step=step))


def confirm(account: Account, code: str) -> list[str] | None:
    """Turn the second factor on if ``code`` is the offered secret's: the recovery codes, to show once."""
    step = totp_step(account.totp_pending, code) if account.totp_pending else None
    if step is None or not _claim(account, step):
        return None
    account.totp_secret, account.totp_pending = account.totp_pending, None
    return issue_recovery_codes(account)


def issue_recovery_codes(account: Account) -> list[str]:
    """New codes replace the old ones (the caller commits)."""
    db.session.execute(delete(AccountRecoveryCode).where(AccountRecoveryCode.account_id == account.id))
    codes = new_recovery_codes()
    db.session.add_all(AccountRecoveryCode(account_id=account.id, code_digest=recovery_digest(code)) for code in codes)
    return codes


def _use_recovery_code(account: Account, code: str) -> bool:
    mine = (AccountRecoveryCode.account_id == account.id, AccountRecoveryCode.code_digest == recovery_digest(code))
    unused = AccountRecoveryCode.used_at.is_(None)
    return changed(update(AccountRecoveryCode).where(*mine, unused).values(used_at=utcnow()))


def code_ok(account: Account, code: str) -> bool:
    """A TOTP code of a step not used yet, or an unused recovery code (then spent)."""
    if not account.totp_secret or not code.strip():
        return False
    step = totp_step(account.totp_secret, code)
    return _claim(account, step) if step is not None else _use_recovery_code(account, code)


def turn_off(account: Account) -> None:
    """No second factor any more, nor recovery codes (the caller commits)."""
    account.totp_secret = account.totp_pending = None
    db.session.execute(delete(AccountRecoveryCode).where(AccountRecoveryCode.account_id == account.id))
