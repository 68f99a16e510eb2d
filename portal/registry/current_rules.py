"""The rule book of the current request, read once from the table (rules change rarely; a request is short).

The table belongs to the rules module, which sits above this contract: at start-up it installs the function
that reads the table (``install_reader``), and plugins ask for the book through ``rules()`` in the toolkit.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, g

from portal.registry.rule_book import RuleBook

READER_KEY = "portal.rule_book_reader"
RuleBookReader = Callable[[], RuleBook]


def install_reader(app: Flask, reader: RuleBookReader) -> None:
    """Tell the contract how to read the rule table (called once, by the rules module's ``init_app``)."""
    app.extensions[READER_KEY] = reader


def rules() -> RuleBook:
    book: RuleBook | None = g.get("_rule_book")
    if book is None:
        reader: RuleBookReader = current_app.extensions[READER_KEY]
        book = g._rule_book = reader()
    return book
