"""The rule book of the current request, read once from the table (rules change rarely; a request is short)."""

from __future__ import annotations

from flask import g

from portal.rules.book import RuleBook
from portal.rules.models import rule_book


def rules() -> RuleBook:
    book: RuleBook | None = g.get("_rule_book")
    if book is None:
        book = g._rule_book = rule_book()
    return book
