"""Dates typed as three numbers, day, month and year (GOV.UK's date input): each part is read as people type it
(Arabic-Indic digits, spaces), and a wrong date says what is wrong with it. A form sends the parts as one value,
``year-month-day`` as typed (:func:`joined`); the API sends an ISO 8601 date, the same shape."""

from __future__ import annotations

import calendar
from datetime import MINYEAR, date
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields

from portal.clock import today
from portal.i18n.formats import format_day
from portal.inputs import readable
from portal.registry.digits import normalise_digits
from portal.registry.field_messages import FieldMessage, FieldName

PARTS = ("day", "month", "year")


def _number(typed: str | None, highest: int) -> int | None:
    """The number the digits typed make, when it is at most ``highest``; thousands of digits (leading zeros or
    not) are never converted, as Python refuses to convert such strings."""
    if typed is None:
        return None
    significant = typed.lstrip("0") or "0"
    return int(significant) if len(significant) <= len(str(highest)) and int(significant) <= highest else None


def joined(day: str, month: str, year: str) -> str:
    """The three parts typed, as one value (``1990-5-12``); empty when none was typed."""
    parts = [part.strip().replace("-", "") for part in (year, month, day)]
    return "-".join(parts) if any(parts) else ""


def split(value: str) -> dict[str, str]:
    """A value back into its parts, to show them in the three boxes (an ISO date gives its parts too)."""
    pieces = value.split("-") if value.count("-") == 2 else ["", "", ""]
    return dict(zip(("year", "month", "day"), pieces, strict=True))


class DayMonthYear(fields.Date):
    """A date from its three parts; ``past`` refuses today and later days (a date of birth)."""

    def __init__(self, name: FieldName, *, past: bool = False, **kwargs: Any) -> None:
        self.named = name
        self.past = past
        required = FieldMessage(_l("Enter %(field)s.", field=name))
        messages: dict[str, Any] = {"required": required, "null": required, "invalid": self._real()}
        super().__init__(error_messages=messages, **kwargs)

    def _real(self, detail: str = "") -> FieldMessage:
        if detail:
            return FieldMessage(_l("Enter a real date for %(field)s: %(detail)s", field=self.named, detail=detail))
        return FieldMessage(_l("Enter a real date for %(field)s, for example 27 3 2007.", field=self.named))

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        if isinstance(value, date):
            return value
        if not isinstance(value, str) or value.count("-") != 2:
            raise ValidationError([self._real()])
        readable(value)
        year, month, day = (normalise_digits(part) for part in value.split("-"))
        found = self._real_date(*self._checked_parts(day, month, year))
        if self.past and found >= today():
            raise ValidationError([FieldMessage(_l("%(field)s must be in the past.", field=self.named))])
        return found

    def _checked_parts(self, day: str | None, month: str | None, year: str | None) -> tuple[int, int, int]:
        """Year, month and day, each present, a number, and in its range; the first wrong one says what is wrong."""
        for part, typed in zip(PARTS, (day, month, year), strict=True):
            if typed == "":
                raise ValidationError([self._missing(part)])
        day_number, month_number = _number(day, 31), _number(month, 12)
        if not day_number:
            raise ValidationError(
                [FieldMessage(_l("The day of %(field)s must be between 1 and 31.", field=self.named))]
            )
        if not month_number:
            raise ValidationError(
                [FieldMessage(_l("The month of %(field)s must be between 1 and 12.", field=self.named))]
            )
        if year is None or len(year) != 4:
            raise ValidationError([FieldMessage(_l("The year of %(field)s must have 4 digits.", field=self.named))])
        if int(year) < MINYEAR:  # year 0: four digits, but no date has it
            raise ValidationError([self._real()])
        return int(year), month_number, day_number

    def _missing(self, part: str) -> FieldMessage:
        texts = {
            "day": _l("%(field)s must include a day.", field=self.named),
            "month": _l("%(field)s must include a month.", field=self.named),
            "year": _l("%(field)s must include a year.", field=self.named),
        }
        return FieldMessage(texts[part])

    def _real_date(self, year: int, month: int, day: int) -> date:
        try:
            return date(year, month, day)
        except ValueError:
            days = calendar.monthrange(year, month)[1]
            month_name = format_day(date(year, month, 1), width="MMMM y")
            raise ValidationError(
                [self._real(str(_l("%(month)s has %(days)s days.", month=month_name, days=days)))]
            ) from None
