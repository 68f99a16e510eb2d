"""Numbers of a fixed count of digits (a social security number, a NIN) as people type them: in groups separated by
spaces or dashes, with Latin, Arabic-Indic (٠-٩) or Eastern Arabic-Indic (۰-۹) digits, pasted with direction marks.
They are read into Latin digits only, and stored so."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_ngettext
from marshmallow import ValidationError, fields

from portal.inputs import readable
from portal.registry.field_messages import FieldMessage, FieldName

ARABIC_DIGITS = {ord("٠") + value: str(value) for value in range(10)} | {
    ord("۰") + value: str(value) for value in range(10)
}
# Spaces of every width, dashes, and the marks that set text direction (copied with the number from Arabic text).
SEPARATORS = re.compile(r"[\s\u2010-\u2015\u2212\ufe63\uff0d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069-]+")
LATIN_DIGITS = re.compile(r"^[0-9]*$")


def normalise_digits(text: str) -> str | None:
    """``text``'s digits as Latin digits, separators dropped; ``None`` when anything else is in it (a letter, a
    digit of another script, a character that cannot be read)."""
    found = SEPARATORS.sub("", text.translate(ARABIC_DIGITS))
    return found if LATIN_DIGITS.match(found) else None


def grouped_example(count: int) -> str:
    """An example of ``count`` digits in groups of four, as a person writes them (``1234 5678 9012``)."""
    return grouped("".join(str((index + 1) % 10) for index in range(count)))


def grouped(digits: str) -> str:
    """Digits in groups of four, as a person reads them back (``1234 5678 9012``); in Arabic text the groups keep
    their order only in a left-to-right isolate (what a form's hint and an answer read back put them in)."""
    return " ".join(digits[start : start + 4] for start in range(0, len(digits), 4))


class Digits(fields.String):
    """Exactly ``count`` digits, read as people type them (see :func:`normalise_digits`)."""

    def __init__(self, count: int, name: FieldName, **kwargs: Any) -> None:
        message = FieldMessage(lazy_ngettext("Enter %(field)s, %(num)s digit.", "Enter %(field)s, %(num)s digits.",
                                             count, field=name))  # fmt: skip
        messages: dict[str, Any] = {"required": message, "null": message, "invalid": message}
        super().__init__(error_messages=messages, **kwargs)
        self.count = count
        self.message = message

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        readable(text)
        digits = normalise_digits(text)
        if digits is None or len(digits) != self.count:
            raise ValidationError([self.message])
        return digits
