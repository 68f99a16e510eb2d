"""What the forms of organisations and mandates accept: an organisation's names (Arabic and Latin letters, with their
diacritics, and the digits and signs of a company's name), its numbers (NIF: 15 digits; employer numbers at CNAS and
at CACOBATPH: 10 digits, an assumption: see the README), an invitation, a mandate. Every message names its field and
says what to do, in the reader's language."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, validates_schema

from portal.accounts.models import DECLARANT, OWNER, VIEWER
from portal.accounts.schemas import IdentifierField, PersonName
from portal.clock import today
from portal.i18n import Translated
from portal.registry import fields as form_fields
from portal.registry.digits import ARABIC_DIGITS
from portal.registry.field_messages import FieldName

NIF_DIGITS = 15  # the tax identification number (numéro d'identification fiscale)
EMPLOYER_DIGITS = 10  # the employer's number at CNAS and at CACOBATPH (assumed: the funds publish no format)
COMPANY_SIGNS = str.maketrans("", "", "0123456789&,()/+\u066b\u066c")  # what a company's name may add to a person's


class OrganisationName(PersonName):
    """A company's name in one script: a person's name's letters and marks, with digits and the signs of legal
    forms (``SARL Bâti & Fils``, ``مؤسسة البناء 2000``)."""

    def fits(self, name: str) -> bool:
        bare = name.translate(ARABIC_DIGITS).translate(COMPANY_SIGNS).strip()
        return super().fits(bare or name)


def _name(label: str, script: str) -> OrganisationName:
    named = FieldName(Translated(label), Translated("the name of the organisation"))
    if script == "ARABIC":
        message = _l("Write %(field)s in Arabic letters, as in the commercial register; harakat and digits are "
                     "accepted.", field=named)  # fmt: skip
    else:
        message = _l("Write %(field)s in Latin letters, as in the commercial register; accents such as é and digits "
                     "are accepted.", field=named)  # fmt: skip
    return OrganisationName(script, named, message, required=False,
                            metadata={"label": Translated(label), "help": {}, "widget": "text", "max_length": 100,
                                      "autocomplete": "organization"})  # fmt: skip


class OrganisationSchema(Schema):
    name_ar = _name("Name in Arabic", "ARABIC")
    name_latin = _name("Name in Latin letters", "LATIN")
    nif = form_fields.digits(
        Translated("Tax identification number (NIF)"),
        NIF_DIGITS,
        named=Translated("the tax identification number (NIF)"),
    )
    cnas_number = form_fields.digits(
        Translated("Employer number at CNAS"),
        EMPLOYER_DIGITS,
        required=False,
        named=Translated("the employer number at CNAS"),
    )
    cacobatph_number = form_fields.digits(
        Translated("Employer number at CACOBATPH"),
        EMPLOYER_DIGITS,
        required=False,
        named=Translated("the employer number at CACOBATPH"),
    )

    @validates_schema
    def named(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data.get("name_ar") and not data.get("name_latin"):
            message = _l("Write the name of the organisation in Arabic letters, in Latin letters, or both.")
            raise ValidationError(str(message), "name_latin")


ROLE_NAMES = {OWNER: Translated("Owner"), DECLARANT: Translated("Declarant"), VIEWER: Translated("Viewer")}


def invitation_schema() -> Schema:
    """Whom to invite (an email address), in which role."""
    return Schema.from_dict({
        "email": form_fields.email(Translated("Email address"), named=Translated("the email address of the person")),
        "role": form_fields.choice(Translated("Role"), ROLE_NAMES, named=Translated("a role")),
    })()  # fmt: skip


def mandate_schema(parties: dict[str, Translated | dict[str, str]]) -> Schema:
    """The form of a new mandate: to whom, for whom (``parties``: ``me`` or an organisation's number), until when."""

    class MandateSchema(Schema):
        to = IdentifierField(required=True, metadata={
            "label": Translated("Email address or mobile number of the representative"), "help": {},
            "widget": "text", "autocomplete": "off"},
            error_messages={"required": _l("Enter the email address or the mobile number of the representative, "
                                           "as they sign in with it.")})  # fmt: skip
        party = form_fields.choice(Translated("Acting for"), parties, named=Translated("for whom the representative "
                                                                                       "acts"))  # fmt: skip
        ends_on = form_fields.date(Translated("Last day of the mandate"), named=Translated("the last day of the "
                                                                                          "mandate"))  # fmt: skip

        @validates_schema
        def not_past(self, data: dict[str, Any], **_kwargs: Any) -> None:
            if data.get("ends_on") and data["ends_on"] < today():
                raise ValidationError(str(_l("The last day of the mandate must be today or later.")), "ends_on")

    return MandateSchema()
