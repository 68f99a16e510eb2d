"""Signing in with the national identity provider: its claims read into the profile's attributes, each checked as a
typed value is (a NIN of 18 digits, a name in its script, a date of birth in the past...), and the one account of the
person found or made. One person, one account: the provider's identity already known, a NIN verified on an account,
or an address or number that signs in to one, leads to that account; two different accounts, or a NIN that is not
the account's, is a mismatch, and nothing is saved. Only the issuer, the subject and the claims the platform uses are
kept."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.accounts import profile
from portal.accounts.enrolment import account_with
from portal.accounts.identifiers import read_email, read_phone
from portal.accounts.models import EMAIL, IDENTITY, PHONE, VERIFIED, Account, AccountAttribute, AccountIdentity
from portal.accounts.schemas import written_in
from portal.clock import today
from portal.extensions import db
from portal.inputs import UNREADABLE

NIN = re.compile(r"[0-9]{18}")


class ClaimError(Exception):
    """The provider's answer cannot be taken: a claim in a form the platform refuses (``attribute`` names it), or
    claims that point to two accounts or contradict the account's (``attribute`` is None)."""

    def __init__(self, attribute: str | None = None) -> None:
        super().__init__(attribute)
        self.attribute = attribute


def _name(script: str) -> Callable[[str], str | None]:
    def read(text: str) -> str | None:
        name = " ".join(unicodedata.normalize("NFC", text).split())
        return name if len(name) <= 100 and written_in(name, script) else None

    return read


def _birth_date(text: str) -> str | None:
    try:
        born = date.fromisoformat(text)
    except ValueError:
        return None
    return born.isoformat() if len(text) == 10 and born < today() else None


READERS: dict[str, Callable[[str], str | None]] = {
    "nin": lambda text: text if NIN.fullmatch(text) else None,
    "family_name_ar": _name("ARABIC"),
    "given_names_ar": _name("ARABIC"),
    "family_name_latin": _name("LATIN"),
    "given_names_latin": _name("LATIN"),
    "birth_date": _birth_date,
    "email": read_email,
    "phone": read_phone,
}
# A contact is taken only when the provider says it verified it.
VERIFIED_FLAGS = {"email": "email_verified", "phone": "phone_number_verified"}
# The attributes as a refusal names them, in the reader's language.
ATTRIBUTE_NAMES = {
    "nin": _l("your national identification number (NIN)"),
    "family_name_ar": _l("your family name in Arabic"),
    "given_names_ar": _l("your given names in Arabic"),
    "family_name_latin": _l("your family name in Latin letters"),
    "given_names_latin": _l("your given names in Latin letters"),
    "birth_date": _l("your date of birth"),
    "email": _l("your email address"),
    "phone": _l("your telephone number"),
    "sub": _l("the identifier it knows you by"),
}


def read_claims(claims: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, str]:
    """The profile's attributes from the provider's ``claims``, by ``mapping`` (attribute: claim); a claim that is
    absent is left out; one in a form the platform refuses raises :class:`ClaimError`."""
    values: dict[str, str] = {}
    for attribute, claim in mapping.items():
        raw = claims.get(claim)
        reader = READERS.get(attribute)
        if raw in (None, "") or reader is None:
            continue
        if attribute in VERIFIED_FLAGS and claims.get(VERIFIED_FLAGS[attribute]) is not True:
            continue
        value = reader(raw) if isinstance(raw, str) and not UNREADABLE.search(raw) else None
        if value is None:
            raise ClaimError(attribute)
        values[attribute] = value
    return values


def read_subject(claims: Mapping[str, Any]) -> str:
    """The subject the provider knows the person by: a readable text of 255 characters at most (the column's)."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject or len(subject) > 255 or UNREADABLE.search(subject):
        raise ClaimError("sub")
    return subject


def verifier(issuer: str) -> str:
    """How an attribute verified by the provider at ``issuer`` records it."""
    return (profile.BY_PROVIDER + (urlsplit(issuer).netloc or issuer))[:120]


def _with_verified_nin(nin: str | None) -> Account | None:
    if not nin:
        return None
    statement = (
        select(Account)
        .join(AccountAttribute, AccountAttribute.account_id == Account.id)
        .where(AccountAttribute.name == "nin", AccountAttribute.value == nin, AccountAttribute.source == VERIFIED)
    )
    found: Account | None = db.session.scalars(statement).first()
    return found


def _known(issuer: str, subject: str) -> AccountIdentity | None:
    statement = select(AccountIdentity).where(AccountIdentity.issuer == issuer, AccountIdentity.subject == subject)
    found: AccountIdentity | None = db.session.scalar(statement)
    return found


def _new_account(issuer: str, subject: str, values: Mapping[str, str]) -> Account:
    """An account that signs in with the provider (no password: one can be chosen with a code sent to it)."""
    if values.get("email"):
        identifier, channel = values["email"], EMAIL
    elif values.get("phone"):
        identifier, channel = values["phone"], PHONE
    else:
        identifier, channel = f"{urlsplit(issuer).netloc}:{subject}"[:254], IDENTITY
    account = Account(identifier=identifier, channel=channel, password_hash="")
    db.session.add(account)
    return account


def _contradicts(known: AccountAttribute | None, nin: str | None) -> bool:
    """Whether the provider's NIN is not the one verified on the account already."""
    return known is not None and known.source == VERIFIED and nin is not None and known.value != nin


def sign_in_with(issuer: str, subject: str, values: Mapping[str, str], locale: str) -> Account:
    """The one account of the person the provider at ``issuer`` names ``subject`` (found, linked or made), with the
    provider's ``values`` recorded as verified by it (committed); :class:`ClaimError` when the claims point to
    two accounts or contradict the account's verified NIN, or when the account is closed (nothing is saved)."""
    identity = _known(issuer, subject)
    candidates = [
        identity.account if identity is not None else None,
        _with_verified_nin(values.get("nin")),
        account_with(values["email"]) if values.get("email") else None,
        account_with(values["phone"]) if values.get("phone") else None,
    ]
    accounts = {account.id: account for account in candidates if account is not None}
    if len(accounts) > 1:
        raise ClaimError()
    account = next(iter(accounts.values()), None)
    if account is not None:
        nin = profile.attributes_of(account).get("nin")
        if not account.active or _contradicts(nin, values.get("nin")):
            raise ClaimError()
    else:
        account = _new_account(issuer, subject, values)
        profile.record(account, "language", locale)
    if identity is None:
        db.session.add(AccountIdentity(account=account, issuer=issuer, subject=subject))
    for name, value in values.items():
        profile.record(account, name, value, verified_by=verifier(issuer))
    db.session.commit()
    return account
