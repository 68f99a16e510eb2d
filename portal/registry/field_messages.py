"""Error messages that name their field and say how to fix it, as GOV.UK's do ("Enter your date of birth"), read in
the applicant's language when shown. A field is named by the plugin's phrase for it (``named``: "votre numéro de
sécurité sociale"), else by its label, quoted where the language wants it."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from portal.i18n import Translated, current_locale
from portal.registry.hosted_form import Localised


class FieldName:
    """How a message names a field in the current language: the plugin's phrase, else the quoted label."""

    def __init__(self, label: Localised, named: Localised | None = None) -> None:
        self.label = label if isinstance(label, Translated) else dict(label)
        self.named = named if isinstance(named, Translated) else dict(named or {})

    def __str__(self) -> str:
        locale = current_locale()
        if self.named.get(locale):
            return self.named[locale]
        label = self.label.get(locale) or next(iter(self.named.values()), "")
        return gettext("“%(label)s”", label=label)


class FieldMessage:
    """A message that names its field, made in the current language when shown from ``text`` (a lazy gettext
    call whose ``field`` is a :class:`FieldName`); its first letter is a capital, as the name may open it."""

    def __init__(self, text: Any, values: dict[str, Any] | None = None) -> None:
        self.text = text
        self.values = values or {}

    def format(self, **values: Any) -> list[FieldMessage]:
        """The message with a validator's values (``{max}``), still made when shown: marshmallow's validators
        call ``format`` on their ``error`` and raise what it returns, which must be a list (not one object)."""
        return [FieldMessage(self.text, {**self.values, **values})]

    def __str__(self) -> str:
        shown = str(self.text).format(**self.values) if self.values else str(self.text)
        return shown[:1].upper() + shown[1:]

    def __repr__(self) -> str:
        return f"FieldMessage({self.text!r})"


def names_its_field(message: Any) -> bool:
    """Whether ``message`` names its field already, so that it needs no label in front of it."""
    return isinstance(message, FieldMessage)
