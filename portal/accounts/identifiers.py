"""What a citizen signs in with: an email address, or a telephone number of any country, read as people type them
and kept in one form (the address in lower case; the number in E.164, ``+213550123456``)."""

from __future__ import annotations

from typing import NamedTuple

import phonenumbers
from marshmallow import ValidationError, validate

from portal.accounts.models import EMAIL, PHONE
from portal.registry.digits import ARABIC_DIGITS, SEPARATORS

HOME_REGION = "DZ"  # a number typed without its country code is Algerian: 0550 12 34 56
_email = validate.Email()


class Identifier(NamedTuple):
    channel: str  # email | phone
    value: str


def read_phone(text: str) -> str | None:
    """A telephone number in E.164, from a number typed with its country code (``+33 6 12 34 56 78``,
    ``0033 6...``) or an Algerian one (``0550 12 34 56``), with any separators and Arabic-Indic digits; None when
    it is no valid number of any country."""
    typed = SEPARATORS.sub("", text.translate(ARABIC_DIGITS)).replace("(", "").replace(")", "").replace(".", "")
    if not typed or len(typed) > 20:
        return None
    try:
        number = phonenumbers.parse(typed, HOME_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def read_email(text: str) -> str | None:
    """An email address in lower case, or None when it is not one."""
    typed = text.strip()
    if len(typed) > 254:
        return None
    try:
        _email(typed)
    except ValidationError:
        return None
    return typed.lower()


def read_identifier(text: str) -> Identifier | None:
    """An email address (it has an @), else a telephone number; None when it is neither."""
    if "@" in text:
        email = read_email(text)
        return Identifier(EMAIL, email) if email else None
    phone = read_phone(text)
    return Identifier(PHONE, phone) if phone else None


def shown(value: str) -> str:
    """An identifier as a person reads it: a number in the international format (``+213 550 12 34 56``)."""
    if not value.startswith("+"):
        return value
    try:
        number = phonenumbers.parse(value)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
