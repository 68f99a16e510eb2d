"""The profile: attributes of an account, each with where its value comes from (declared by the person, or verified,
by whom or by what, and when). A value changed by the person is declared again; one left as it was keeps its
provenance."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.accounts.identifiers import shown
from portal.accounts.models import DECLARED, EMAIL, VERIFIED, Account, AccountAttribute
from portal.database import utcnow
from portal.extensions import db

ATTRIBUTES = ("family_name_ar", "given_names_ar", "family_name_latin", "given_names_latin", "nin", "nss",
              "birth_date", "phone", "email", "language")  # fmt: skip
BY_CODE = "code"  # verified by a one-time code sent to the address or the number
BY_PROVIDER = "identity:"  # verified by the national identity provider: "identity:<its host>"
# Who or what verified a value, in the reader's language; another verifier (a member of staff, a fund's system) shows
# as it is stored.
VERIFIERS = {BY_CODE: _l("a one-time code sent to it")}


def attributes_of(account: Account) -> dict[str, AccountAttribute]:
    return {attribute.name: attribute for attribute in account.attributes}


def record(account: Account, name: str, value: str, verified_by: str = "") -> None:
    """Set an attribute (in the caller's transaction): verified by ``verified_by`` when given, else declared if
    the value changed; an empty value removes it."""
    found = attributes_of(account).get(name)
    if not value:
        if found is not None:
            account.attributes.remove(found)
        return
    if found is None:
        found = AccountAttribute(name=name, value=value)
        account.attributes.append(found)
    elif found.value == value and not verified_by:
        return
    found.value = value
    found.source, found.verified_by = (VERIFIED, verified_by) if verified_by else (DECLARED, "")
    found.verified_at = utcnow() if verified_by else None


def save(account: Account, values: Mapping[str, str]) -> None:
    """The profile as the person sent it, every attribute of ``ATTRIBUTES`` (one left empty is removed)."""
    for name in ATTRIBUTES:
        record(account, name, values.get(name, ""))


def record_identifier(account: Account) -> None:
    """What the account signs in with, verified by the code that was just typed."""
    record(account, EMAIL if account.channel == EMAIL else "phone", account.identifier, verified_by=BY_CODE)


def language_for(identifier: str) -> str | None:
    """The preferred language of the account that signs in with ``identifier``, if there is one: one statement,
    asked whether or not the account exists, so that both cases do the same work."""
    statement = (
        select(AccountAttribute.value)
        .join(Account, Account.id == AccountAttribute.account_id)
        .where(Account.identifier == identifier, AccountAttribute.name == "language")
    )
    found: str | None = db.session.scalar(statement)
    return found


def verifier_label(verified_by: str) -> str:
    if verified_by.startswith(BY_PROVIDER):
        return str(_l("the national identity service (%(host)s)", host=verified_by.removeprefix(BY_PROVIDER)))
    label = VERIFIERS.get(verified_by)
    return str(label) if label is not None else verified_by


def prefill_values(account: Account | None) -> dict[str, str]:
    """What a hosted form may be prefilled with: the profile's attributes, and the full names they make (given names
    then family name, in each script)."""
    if account is None:
        return {}
    values = {name: attribute.value for name, attribute in attributes_of(account).items()}
    for script in ("ar", "latin"):
        names = [values.get(f"given_names_{script}", ""), values.get(f"family_name_{script}", "")]
        if all(names):
            values[f"full_name_{script}"] = " ".join(names)
    return values


def verified_emails(account: Account) -> set[str]:
    """The email addresses the account proved its own: the one it signs in with, a verified one in its profile."""
    emails = {account.identifier} if account.channel == EMAIL else set()
    found = attributes_of(account).get("email")
    if found is not None and found.source == VERIFIED:
        emails.add(found.value.lower())
    return emails


def proven_identifiers(account: Account) -> set[str]:
    """What the account proved its own: what it signs in with, its verified email address and telephone number."""
    phone = attributes_of(account).get("phone")
    return verified_emails(account) | {account.identifier} | ({phone.value} if phone and phone.source == VERIFIED
                                                              else set())  # fmt: skip


def person_name(account: Account, locale: str) -> str:
    """A person's name from their profile in the reader's script (else the other), else what they sign in with."""
    values = prefill_values(account)
    first, other = ("ar", "latin") if locale == "ar" else ("latin", "ar")
    return values.get(f"full_name_{first}") or values.get(f"full_name_{other}") or shown(account.identifier)


def verified_by_provider(account: Account, name: str) -> str | None:
    """The value of attribute ``name`` when the national identity provider verified it, else None."""
    found = attributes_of(account).get(name)
    if found is None or found.source != VERIFIED or not found.verified_by.startswith(BY_PROVIDER):
        return None
    return found.value
