"""The rule book the plugins seed, for computations tested without a database (and a law change on top)."""

from __future__ import annotations

from datetime import date

from portal.registry.rule_book import RuleBook, RuleDefinition
from services.cacobatph.declaration import RULES as DECLARATION_RULES
from services.cnas.abroad import RULES as ABROAD_RULES
from services.cnas.maternity import RULES as MATERNITY_RULES
from services.mtess import SNMG

SEEDED: tuple[RuleDefinition, ...] = (*MATERNITY_RULES, *ABROAD_RULES, *DECLARATION_RULES, SNMG)
BOOK = RuleBook.from_definitions(SEEDED)


def with_rows(*rows: tuple[str, date, str]) -> RuleBook:
    """The seeded book with more rows, as a ministry administrator would add them when a law changes."""
    seeded = [(item.code, *row) for item in SEEDED for row in item.seed_rows()]
    return RuleBook([*seeded, *((code, day, value, {"fr": "Nouveau texte"}) for code, day, value in rows)])
