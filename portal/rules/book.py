"""The rules in force at a date, read from rows (the database's, or a test's): pure and fast."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

Localised = Mapping[str, str]


@dataclass(frozen=True)
class RuleDefinition:
    """A rule a plugin uses: its code, what it is in every locale, its unit, and its first values
    (``(valid from, value, legal reference in every locale)``), seeded once into the rule table."""

    code: str
    labels: Localised
    unit: str  # percent | days | hours | dinars | years | quarters | number
    seed: tuple[tuple[date, str, Localised], ...] = ()


@dataclass(frozen=True)
class AppliedRule:
    """One row of a rule: its value from ``valid_from`` until ``valid_to`` (None: still in force)."""

    code: str
    value: Decimal
    valid_from: date
    valid_to: date | None
    reference: Localised = field(default_factory=dict)

    def cites(self, locale: str) -> str:
        return self.reference.get(locale) or next(iter(self.reference.values()), "")


class NoRuleError(LookupError):
    """No row of the rule is in force on that day (before its first row, or an unknown code)."""

    def __init__(self, code: str, day: date) -> None:
        super().__init__(f"no rule {code!r} in force on {day.isoformat()}")
        self.code, self.day = code, day


class RuleBook:
    """Rows of every rule, ordered by date: ``at(code, day)`` is the row in force on ``day``."""

    def __init__(self, rows: Iterable[tuple[str, date, Decimal | str, Localised]]) -> None:
        by_code: dict[str, list[tuple[date, Decimal, Localised]]] = {}
        for code, valid_from, value, reference in rows:
            by_code.setdefault(code, []).append((valid_from, Decimal(value), reference))
        self._rows = {code: sorted(found, key=lambda row: row[0]) for code, found in by_code.items()}
        self._starts = {code: [row[0] for row in found] for code, found in self._rows.items()}

    @classmethod
    def from_definitions(cls, definitions: Iterable[RuleDefinition]) -> RuleBook:
        """The first values the plugins declare, as the sync seeds them (for tests and benchmarks)."""
        return cls((item.code, day, value, reference) for item in definitions for day, value, reference in item.seed)

    def at(self, code: str, day: date) -> AppliedRule:
        starts = self._starts.get(code, [])
        index = bisect.bisect_right(starts, day) - 1
        if index < 0:
            raise NoRuleError(code, day)
        valid_from, value, reference = self._rows[code][index]
        following = starts[index + 1] if index + 1 < len(starts) else None
        return AppliedRule(code, value, valid_from, following - timedelta(days=1) if following else None, reference)

    def value(self, code: str, day: date) -> Decimal:
        return self.at(code, day).value
