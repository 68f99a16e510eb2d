"""Signing in with a password, and choosing a new one with a code sent to the address. Every answer is the same
whether or not the address has an account, and takes as long: a password is hashed or checked either way."""

from __future__ import annotations

from portal.accounts import codes, notices, profile, sessions
from portal.accounts.codes import Check
from portal.accounts.enrolment import account_with
from portal.accounts.identifiers import Identifier, read_identifier
from portal.accounts.models import RESET, Account
from portal.extensions import db
from portal.passwords import hash_password, password_matches


def authenticate(typed: str, password: str) -> Account | None:
    """The active account that signs in with ``typed`` (an address or a number as typed) and ``password``."""
    identifier = read_identifier(typed)
    account = account_with(identifier.value) if identifier is not None else None
    if not password_matches(account.password_hash if account is not None else None, password):
        return None
    return account if account is not None and account.active else None


def request_reset(to: Identifier, locale: str) -> str:
    """Send a code to choose a new password, or, without an account, a word saying so (to the address only): the
    token of the code for this browser (committed)."""
    account, language = account_with(to.value), profile.language_for(to.value)
    token, row = codes.issue(RESET, to.value, locale, account_id=account.id if account is not None else None)
    if account is not None:
        notices.tell(to, notices.RESET_CODE, language or locale, row.seed)
    else:
        notices.tell(to, notices.NO_ACCOUNT, language or locale)
    db.session.commit()
    return token


def reset_password(token: str, typed: str, password: str) -> Account | Check:
    """The new password set, once the code is typed right (committed): every session of the account ends, and the
    address is verified (the code reached it). Else whether the code was wrong or can no longer be typed."""
    hashed = hash_password(password)  # before the code is checked: a right code and a wrong one take as long
    row = codes.pending(token, RESET)
    result = codes.check(row, typed)
    if result is not Check.RIGHT or row is None:
        return result
    account = db.session.get(Account, row.account_id) if row.account_id is not None else None
    codes.spend(row)
    if account is None or not account.active:
        db.session.commit()
        return Check.SPENT
    account.password_hash = hashed
    sessions.end_everywhere(account)
    profile.record_identifier(account)
    db.session.commit()
    return account
