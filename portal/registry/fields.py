"""Fields for hosted forms: marshmallow fields that carry their label and help in every locale, and whose
error messages are the core's, in the applicant's language. Plugins build their schemas from these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate

from portal.i18n import Translated, current_locale
from portal.inputs import readable
from portal.registry.dates import DayMonthYear
from portal.registry.digits import Digits
from portal.registry.field_messages import FieldMessage, FieldName, names_its_field
from portal.registry.hosted_form import Localised

# marshmallow's own messages, for fields a plugin builds by hand: the catalogues translate them.
MARSHMALLOW_MESSAGES = {
    "Missing data for required field.": _l("This field is required."),
    "Field may not be null.": _l("This field is required."),
    "Not a valid string.": _l("Enter text."),
    "Not a valid integer.": _l("Enter a whole number."),
    "Not a valid number.": _l("Enter a number."),
    "Not a valid boolean.": _l("Choose yes or no."),
    "Not a valid date.": _l("Enter a valid date."),
    "Not a valid email address.": _l("Enter a valid email address, for example nom@exemple.dz."),
    "Unknown field.": _l("This field is not part of the form."),
}


class Message:
    """A validation message a plugin writes in every locale; it reads in the applicant's language."""

    def __init__(self, texts: Localised) -> None:
        self.texts = dict(texts)

    def __str__(self) -> str:
        return self.texts.get(current_locale()) or next(iter(self.texts.values()), "")


def refuse(texts: Localised, field: str) -> ValidationError:
    """The error a plugin's cross-field rule raises: ``raise refuse({"ar": ..., "fr": ...}, "field")``."""
    return ValidationError([Message(texts)], field_name=field)


def localise(message: Any, label: Localised | None = None) -> str:
    """A validation message in the current language: the core's and the plugins' are lazy strings already;
    marshmallow's own English messages are looked up in the table above. The core's fields' messages name their
    field, and a plugin's rule says what it is about; any other message (marshmallow's, an unreadable text) gets
    the field's ``label`` in front, with the colon as the language writes it ("Code : ..." in French)."""
    if isinstance(message, str) and message in MARSHMALLOW_MESSAGES:
        text = str(MARSHMALLOW_MESSAGES[message])
    else:
        text = gettext(message) if isinstance(message, str) else str(message)
    named = names_its_field(message) or isinstance(message, Message)  # a plugin's rule names what it is about
    shown_label = label.get(current_locale()) if label and not named else None
    return gettext("%(label)s: %(message)s", label=shown_label, message=text) if shown_label else text


def _required(label: Localised, named: Localised | None, *, choose: bool = False) -> dict[str, Any]:
    """The message of a field left empty, naming it: "Enter your date of birth.", "Choose the type of message." """
    name = FieldName(label, named)
    message = FieldMessage(_l("Choose %(field)s.", field=name) if choose else _l("Enter %(field)s.", field=name))
    return {"required": message, "null": message}


def _too_long(label: Localised, named: Localised | None) -> Any:  # a FieldMessage, which validators format
    return FieldMessage(_l("%(field)s must be {max} characters or fewer.", field=FieldName(label, named)))


def _between(label: Localised, named: Localised | None) -> Any:  # as _too_long
    return FieldMessage(_l("%(field)s must be a whole number from {min} to {max}.", field=FieldName(label, named)))


def _metadata(label: Localised, hint: Localised | None, widget: str, **more: Any) -> dict[str, Any]:
    return {"label": _kept(label), "help": _kept(hint or {}), "widget": widget, **more}


def _kept(texts: Localised) -> Localised:
    """A plugin's texts, copied; the core's (``Translated``) as they are, read in each locale when shown."""
    return texts if isinstance(texts, Translated) else dict(texts)


def text(
    label: Localised, hint: Localised | None = None, *, required: bool = True, max_length: int = 200,
    multiline: bool = False, autocomplete: str | None = None, named: Localised | None = None,
) -> fields.String:  # fmt: skip
    """A line of text, or a paragraph when ``multiline``. ``named``, for every field, is how its error messages
    name it in a sentence ("votre adresse"); without it, they quote its label."""
    messages = _required(label, named)
    return fields.String(
        required=required,
        validate=[validate.Length(max=max_length, error=_too_long(label, named)), readable],
        error_messages={**messages, "invalid": messages["required"]},
        metadata=_metadata(
            label, hint, "textarea" if multiline else "text", max_length=max_length, autocomplete=autocomplete
        ),
    )


def choice(
    label: Localised, choices: Mapping[str, Localised], hint: Localised | None = None, *, required: bool = True,
    widget: str = "radio", named: Localised | None = None,
) -> fields.String:  # fmt: skip
    """One of ``choices`` (code -> label in every locale), as radio buttons or a list."""
    return fields.String(
        required=required,
        validate=validate.OneOf(list(choices), error=_required(label, named, choose=True)["required"]),
        error_messages=_required(label, named, choose=True),
        metadata=_metadata(label, hint, widget, choices={code: dict(names) for code, names in choices.items()}),
    )


def integer(
    label: Localised, hint: Localised | None = None, *, required: bool = True, minimum: int = 0,
    maximum: int = 10_000_000, grouping: bool = True, named: Localised | None = None,
) -> fields.Integer:  # fmt: skip
    """A whole number between ``minimum`` and ``maximum``; a year or a code is shown without ``grouping``."""
    return fields.Integer(
        required=required, strict=False,
        validate=validate.Range(min=minimum, max=maximum, error=_between(label, named)),
        error_messages={**_required(label, named), "invalid": _between(label, named).format(min=minimum, max=maximum)},
        metadata=_metadata(label, hint, "number", minimum=minimum, maximum=maximum, grouping=grouping),
    )  # fmt: skip


def table(
    label: Localised, columns: Mapping[str, Localised], hint: Localised | None = None, *,
    example: tuple[str, ...] = (), max_length: int = 4_000_000, named: Localised | None = None,
    entries: Mapping[str, Mapping[str, str]] | None = None,
) -> fields.String:  # fmt: skip
    """A list typed as lines of ``;``-separated values, or loaded from a CSV file (a template is offered, its
    header made of ``columns``' labels, with an ``example`` line). The plugin's schema checks each line
    (``portal.registry.tables.table_lines`` gives them, without blank lines and header). ``entries`` says how
    the count of entries reads in each locale, by CLDR plural category, ``{count}`` standing for the number
    (``{"fr": {"one": "{count} travailleur", "other": "{count} travailleurs"}, ...}``); "N lines" otherwise."""
    return fields.String(
        required=True,
        validate=[validate.Length(max=max_length, error=_too_long(label, named)), readable],
        error_messages=_required(label, named),
        metadata=_metadata(
            label,
            hint,
            "table",
            columns={code: dict(names) for code, names in columns.items()},
            example=list(example),
            entries={locale: dict(forms) for locale, forms in (entries or {}).items()},
        ),
    )


def digits(
    label: Localised, count: int, hint: Localised | None = None, *, required: bool = True,
    named: Localised | None = None, autocomplete: str = "off",
) -> Digits:  # fmt: skip
    """A number of exactly ``count`` digits, such as a social-security number (12) or a NIN (18), typed as people
    type it (groups, dashes, Arabic-Indic digits) and stored as Latin digits; the page says the expected format."""
    return Digits(count, FieldName(label, named), required=required,
                  metadata=_metadata(label, hint, "digits", digits=count, autocomplete=autocomplete))  # fmt: skip


def boolean(label: Localised, hint: Localised | None = None) -> fields.Boolean:
    """A box to tick; left unticked, it is false."""
    return fields.Boolean(
        load_default=False, error_messages={"invalid": _l("Choose yes or no.")},
        metadata=_metadata(label, hint, "checkbox"),
    )  # fmt: skip


def date(
    label: Localised, hint: Localised | None = None, *, required: bool = True, named: Localised | None = None,
    past: bool = False, autocomplete: str | None = None,
) -> DayMonthYear:  # fmt: skip
    """A calendar date typed as day, month and year in three boxes (an ISO 8601 date through the API); ``past``
    for a date that must be before today (a date of birth, with ``autocomplete="bday"``)."""
    return DayMonthYear(FieldName(label, named), past=past, required=required,
                        metadata=_metadata(label, hint, "date", past=past, autocomplete=autocomplete))  # fmt: skip


def email(
    label: Localised, hint: Localised | None = None, *, required: bool = True, named: Localised | None = None
) -> fields.String:
    return fields.String(
        required=required, error_messages=_required(label, named),
        validate=[validate.Length(max=254, error=_l("Write at most {max} characters.")),
                  validate.Email(error=_l("Enter a valid email address, for example nom@exemple.dz.")), readable],
        metadata=_metadata(label, hint, "email", autocomplete="email"),
    )  # fmt: skip


# Isolated left to right (Unicode's LRI ... PDI): in an Arabic sentence the groups would otherwise read 56 34 12 0550.
PHONE_EXAMPLE = "\u20660550 12 34 56\u2069"


def phone(
    label: Localised, hint: Localised | None = None, *, required: bool = False, named: Localised | None = None
) -> fields.String:
    """A telephone number: digits, spaces and a leading +, 9 to 15 digits."""
    return fields.String(
        required=required,
        validate=validate.Regexp(r"^\+?[0-9 ]{9,20}$", error=_l("Enter a telephone number, e.g. %(example)s.",
                                                                 example=PHONE_EXAMPLE)),
        error_messages=_required(label, named),
        metadata=_metadata(label, hint, "tel", autocomplete="tel"),
    )  # fmt: skip
