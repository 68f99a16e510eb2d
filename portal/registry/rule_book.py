"""The rules in force at a date, read from rows (the database's, or a test's): pure and fast."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import NamedTuple, Self

Localised = Mapping[str, str]
MAX_VALUE_LENGTH = 40  # characters of a value as stored (the column is String(40))
# The values a rule of each unit may take when its plugin says nothing narrower (a percentage as a fraction).
UNIT_BOUNDS: Mapping[str, tuple[Decimal, Decimal]] = {
    "percent": (Decimal(0), Decimal(1)),
    "days": (Decimal(0), Decimal(3650)),
    "hours": (Decimal(0), Decimal(87_600)),
    "dinars": (Decimal(0), Decimal(10_000_000)),
    "years": (Decimal(0), Decimal(100)),
    "quarters": (Decimal(0), Decimal(400)),
    "number": (Decimal(0), Decimal(1_000_000)),
}


# A first value as a plugin declares it: (valid from, value, legal reference in every locale), and, for a value
# no published official text confirms yet, a fourth item: where it comes from, in every locale (the back office's
# note; citizens read the legal reference and a plain "indicative estimate").
Seed = tuple[date, str, Localised] | tuple[date, str, Localised, Localised]


class SeedRow(NamedTuple):
    valid_from: date
    value: str
    reference: Localised
    unconfirmed: Localised  # empty: an official text confirms the value


@dataclass(frozen=True)
class RuleDefinition:
    """A rule a plugin uses: its code, what it is in every locale, its unit, its first values (``Seed``), seeded
    once into the rule table, and the smallest and largest values it may take (decimal text; None: the unit's
    bounds, ``UNIT_BOUNDS``)."""

    code: str
    labels: Localised
    unit: str  # percent | days | hours | dinars | years | quarters | number
    seed: tuple[Seed, ...] = ()
    minimum: str | None = None
    maximum: str | None = None

    def seed_rows(self) -> tuple[SeedRow, ...]:
        """The first values, each with its note (empty when an official text confirms it)."""
        return tuple(SeedRow(row[0], row[1], row[2], row[3] if len(row) > 3 else {}) for row in self.seed)

    def bounds(self) -> tuple[Decimal, Decimal]:
        """The smallest and the largest value this rule may take, as stored (a percentage as a fraction)."""
        low, high = UNIT_BOUNDS.get(self.unit, UNIT_BOUNDS["number"])
        return (Decimal(self.minimum) if self.minimum is not None else low,
                Decimal(self.maximum) if self.maximum is not None else high)  # fmt: skip


def rule(code: str, *seed: Seed, labels: Localised, unit: str, bounds: tuple[str, str] | None = None) -> RuleDefinition:
    """A rule as a plugin declares it: its first rows ``(valid from, value, legal reference[, unconfirmed])``
    (``Seed``), then by keyword
    what it is in every locale, its unit and the smallest and largest value a person may record (decimal text;
    None: the unit's bounds). Keywords, so that a label cannot be taken for another locale's or a reference."""
    minimum, maximum = bounds if bounds is not None else (None, None)
    return RuleDefinition(code, dict(labels), unit, tuple(seed), minimum, maximum)


class RuleValueError(ValueError):
    """A value a rule cannot take: not a finite number (``reason`` "number"), more than MAX_VALUE_LENGTH
    characters ("length"), or outside the rule's bounds ("bounds")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def readable(value: str) -> Decimal | None:
    """A stored value as a number, or None when it is not a finite decimal of at most MAX_VALUE_LENGTH characters
    (a row written before values were checked): who shows it shows the text instead."""
    if len(value) > MAX_VALUE_LENGTH:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    # 1E+999999 is short text for a million digits, which no format should be asked to write out
    return number if number.is_finite() and abs(number.adjusted()) <= MAX_VALUE_LENGTH else None


def stored_value(definition: RuleDefinition, number: Decimal) -> str:
    """The decimal text to store for ``number`` (as stored: a percentage as a fraction), if the rule may take it."""
    if not number.is_finite():
        raise RuleValueError("number")
    low, high = definition.bounds()
    if not low <= number <= high:
        raise RuleValueError("bounds")
    text = format(number.normalize(), "f")
    if len(text) > MAX_VALUE_LENGTH:
        raise RuleValueError("length")
    return text


@dataclass(frozen=True)
class AppliedRule:
    """One row of a rule: its value from ``valid_from`` until ``valid_to`` (None: still in force)."""

    code: str
    value: Decimal
    valid_from: date
    valid_to: date | None
    reference: Localised = field(default_factory=dict)
    unconfirmed: Localised = field(default_factory=dict)  # the back office's note on a value not yet official

    def cites(self, locale: str) -> str:
        return self.reference.get(locale) or next(iter(self.reference.values()), "")

    @property
    def confirmed(self) -> bool:
        """An official text confirms the value: an estimate that reads it is more than indicative."""
        return not any(self.unconfirmed.values())


class NoRuleError(LookupError):
    """No row of the rule is in force on that day (before its first row, or an unknown code)."""

    def __init__(self, code: str, day: date) -> None:
        super().__init__(f"no rule {code!r} in force on {day.isoformat()}")
        self.code, self.day = code, day


BookRow = tuple[str, date, Decimal | str, Localised] | tuple[str, date, Decimal | str, Localised, Localised]


class RuleBook:
    """Rows of every rule, ordered by date: ``at(code, day)`` is the row in force on ``day``. A row is
    ``(code, valid from, value, legal reference)``, with the note of an unconfirmed value as a fifth item."""

    def __init__(self, rows: Iterable[BookRow]) -> None:
        by_code: dict[str, list[tuple[date, Decimal, Localised, Localised]]] = {}
        for row in rows:
            code, valid_from, value, reference = row[:4]
            unconfirmed = row[4] if len(row) > 4 else {}
            by_code.setdefault(code, []).append((valid_from, Decimal(value), reference, unconfirmed))
        self._rows = {code: sorted(found, key=lambda row: row[0]) for code, found in by_code.items()}
        self._starts = {code: [row[0] for row in found] for code, found in self._rows.items()}

    @classmethod
    def from_definitions(cls, definitions: Iterable[RuleDefinition]) -> Self:
        """The first values the plugins declare, as the sync seeds them (for tests and benchmarks)."""
        return cls((item.code, *row) for item in definitions for row in item.seed_rows())

    def at(self, code: str, day: date) -> AppliedRule:
        starts = self._starts.get(code, [])
        index = bisect.bisect_right(starts, day) - 1
        if index < 0:
            raise NoRuleError(code, day)
        valid_from, value, reference, unconfirmed = self._rows[code][index]
        following = starts[index + 1] if index + 1 < len(starts) else None
        valid_to = following - timedelta(days=1) if following else None
        return AppliedRule(code, value, valid_from, valid_to, reference, unconfirmed)

    def value(self, code: str, day: date) -> Decimal:
        return self.at(code, day).value
