"""What the account's forms accept (marshmallow): sign-up, codes, new passwords, the profile, a dossier to add. Every
message names its field and says what to do, in the reader's language."""

from __future__ import annotations

import unicodedata
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validates_schema

from portal.accounts.identifiers import read_identifier, read_phone
from portal.i18n import Translated, locale_name
from portal.inputs import readable
from portal.passwords import MIN_PASSWORD
from portal.registry import fields as form_fields
from portal.registry.digits import ARABIC_DIGITS
from portal.registry.field_messages import FieldMessage, FieldName

ADDRESS_OR_NUMBER = _l("Enter your email address or your mobile number, for example nom@exemple.dz or 0550 12 34 56 "
                       "(from abroad, with the country code: +33 6 12 34 56 78).")  # fmt: skip


class ReadField(fields.String):
    """A text read by ``read`` (None when it cannot be), refused with ``message`` when it cannot."""

    message: Any = ""

    def read(self, text: str) -> Any:
        raise NotImplementedError

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        readable(text)
        found = self.read(text)
        if found is None:
            raise ValidationError(str(self.message))
        return found


class IdentifierField(ReadField):
    """An email address or a telephone number of any country, read into an ``Identifier``."""

    message = ADDRESS_OR_NUMBER

    def read(self, text: str) -> Any:
        return read_identifier(text)


def _new_password() -> fields.String:
    return fields.String(required=True, load_only=True,
                         error_messages={"required": _l("Choose a password of at least %(count)s characters.",
                                                        count=MIN_PASSWORD)})  # fmt: skip


class NewPassword(Schema):
    """A new password, typed twice."""

    password = _new_password()
    again = fields.String(load_default="", load_only=True)

    @validates_schema
    def long_enough_and_the_same(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if len(data["password"]) < MIN_PASSWORD:
            message = _l("Choose a password of at least %(count)s characters.", count=MIN_PASSWORD)
            raise ValidationError(str(message), "password")
        if data["password"] != data.get("again"):
            raise ValidationError(str(_l("Type the same password twice.")), "again")


class SignUpSchema(NewPassword):
    identifier = IdentifierField(required=True, error_messages={"required": ADDRESS_OR_NUMBER})


class AddressSchema(Schema):
    """Where to send a code to choose a new password."""

    identifier = IdentifierField(required=True, error_messages={"required": ADDRESS_OR_NUMBER})


CODE = form_fields.digits(Translated("Code"), 6, named=Translated("the six-digit code you received"),
                          autocomplete="one-time-code")  # fmt: skip


class CodeSchema(Schema):
    code = CODE


class ResetSchema(NewPassword):
    code = CODE


class AttachSchema(Schema):
    """A dossier to add to my space: its reference and its private tracking code."""

    reference = fields.String(required=True, validate=readable,
                              error_messages={"required": _l("Enter the reference of the dossier.")})  # fmt: skip
    code = fields.String(
        required=True,
        validate=readable,
        error_messages={"required": _l("Enter the private tracking code of the dossier.")},
    )


# Letters of a name's script, the marks written over or under them (harakat, accents), and what joins a name's parts.
NAME_PUNCTUATION = frozenset(" -'’.")
SCRIPTS = {"ar": "ARABIC", "latin": "LATIN"}


def written_in(text: str, script: str) -> bool:
    """Whether ``text`` is a name written in ``script`` only (``ARABIC`` or ``LATIN``): its letters, their marks,
    spaces, hyphens and apostrophes; no digit, no letter of another script."""
    for character in text:
        category = unicodedata.category(character)
        if character in NAME_PUNCTUATION or category == "Mn":
            continue
        if not (category.startswith("L") and unicodedata.name(character, "").startswith(script)):
            return False
    return any(unicodedata.category(character).startswith("L") for character in text)


class PersonName(fields.String):
    """A name in one script, with its diacritics (composed, NFC), its spaces collapsed."""

    def __init__(self, script: str, name: FieldName, message: Any, **kwargs: Any) -> None:
        super().__init__(validate=readable, **kwargs)
        self.script, self.message, self.too_long = (
            script,
            FieldMessage(message),
            FieldMessage(_l("%(field)s must be 100 characters or fewer.", field=name)),
        )

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        readable(text)
        name = " ".join(unicodedata.normalize("NFC", text).split())
        if len(name) > 100:
            raise ValidationError([self.too_long])
        if not self.fits(name):
            raise ValidationError([self.message])
        return name

    def fits(self, name: str) -> bool:
        return written_in(name, self.script)


def _name(label: Translated, named: Translated, script: str) -> PersonName:
    name = FieldName(label, named)
    if script == "ARABIC":
        message = _l("Write %(field)s in Arabic letters, as on your birth certificate; harakat are accepted.",
                     field=name)  # fmt: skip
    else:
        message = _l("Write %(field)s in Latin letters, as on your passport; accents such as é or ï are accepted.",
                     field=name)  # fmt: skip
    return PersonName(script, name, message, required=False,
                      metadata={"label": label, "help": {}, "widget": "text", "max_length": 100,
                                "autocomplete": "off"})  # fmt: skip


ANY_PHONE = _l("Enter a telephone number: an Algerian one, for example 0550 12 34 56, or one from abroad with its "
               "country code, for example +33 6 12 34 56 78.")  # fmt: skip


class PhoneField(ReadField):
    """A telephone number of any country, stored in E.164."""

    message = ANY_PHONE

    def read(self, text: str) -> Any:
        return read_phone(text.translate(ARABIC_DIGITS))


def profile_schema() -> Schema:
    """The profile's form, with the platform's languages to choose from (each named in itself)."""
    locales = current_app.config["LOCALES"]
    languages = {code: dict.fromkeys(locales, locale_name(code)) for code in locales}
    return Schema.from_dict({
        "family_name_ar": _name(Translated("Family name in Arabic"), Translated("your family name"), "ARABIC"),
        "given_names_ar": _name(Translated("Given names in Arabic"), Translated("your given names"), "ARABIC"),
        "family_name_latin": _name(Translated("Family name in Latin letters"), Translated("your family name"),
                                   "LATIN"),
        "given_names_latin": _name(Translated("Given names in Latin letters"), Translated("your given names"),
                                   "LATIN"),
        "nin": form_fields.digits(Translated("National identification number (NIN)"), 18, required=False,
                                  named=Translated("your national identification number (NIN)")),
        "nss": nss_field(required=False),
        "birth_date": birth_date_field(required=False),
        "phone": PhoneField(required=False, metadata={"label": Translated("Telephone number"), "help": {},
                                                      "widget": "tel", "autocomplete": "tel"}),
        "email": form_fields.email(Translated("Email address"), required=False, named=Translated("your email address")),
        "language": form_fields.choice(Translated("Preferred language"), languages, widget="radio",
                                       named=Translated("the language of the messages you receive")),
    })()  # fmt: skip


def nss_field(required: bool) -> Any:
    return form_fields.digits(Translated("Social security number (NSS)"), 12, required=required,
                              named=Translated("your social security number (NSS)"))  # fmt: skip


def birth_date_field(required: bool) -> Any:
    return form_fields.date(Translated("Date of birth"), required=required, past=True, autocomplete="bday",
                            named=Translated("your date of birth"))  # fmt: skip


def fund_link_schema() -> Schema:
    """What a fund's system needs to find the person's records: the NSS and the date of birth."""
    return Schema.from_dict({"nss": nss_field(required=True), "birth_date": birth_date_field(required=True)})()
