"""Signing up: an address (or a number) and a password; the account is made only when the code sent there is typed
on the same browser, with the password chosen on it. An address that has an account gets a word instead of a code,
and the page answers the same: nobody learns from it whether an address has an account."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts import codes, notices, profile
from portal.accounts.codes import Check
from portal.accounts.identifiers import Identifier
from portal.accounts.models import EMAIL, PHONE, SIGN_UP, Account
from portal.extensions import db
from portal.passwords import hash_password


def account_with(identifier: str) -> Account | None:
    found: Account | None = db.session.scalar(select(Account).where(Account.identifier == identifier))
    return found


def sign_up(to: Identifier, password: str, locale: str) -> str:
    """Ask for an account for ``to``: the token of the code for this browser (committed). The same work is done
    whether or not the address has an account (the password is hashed, a code row written, a message sent)."""
    hashed = hash_password(password)
    existing, language = account_with(to.value), profile.language_for(to.value)
    token, row = codes.issue(SIGN_UP, to.value, locale, password_hash=hashed if existing is None else "")
    if existing is None:
        notices.tell(to, notices.SIGN_UP_CODE, locale, row.seed)
    else:
        notices.tell(to, notices.ALREADY_REGISTERED, language or locale)
    db.session.commit()
    return token


def verify(token: str, typed: str) -> Account | Check:
    """The account made from the sign-up this browser asked for, once its code is typed right (committed); else
    whether the code was wrong or can no longer be typed."""
    row = codes.pending(token, SIGN_UP)
    result = codes.check(row, typed)
    if result is not Check.RIGHT or row is None:
        return result
    if not row.password_hash or account_with(row.identifier) is not None:
        codes.spend(row)
        db.session.commit()
        return Check.SPENT
    account = Account(identifier=row.identifier, channel=EMAIL if "@" in row.identifier else PHONE,
                      password_hash=row.password_hash)  # fmt: skip
    db.session.add(account)
    profile.record_identifier(account)
    profile.record(account, "language", row.locale)
    codes.spend(row)
    db.session.commit()
    return account
