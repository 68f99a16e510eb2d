"""What a long query costs: the spelling corrector looks up a word's deletions (two edits from six letters on,
about L²/2 of them), so a word of 200 letters (the longest query) asked the vocabulary for 20,000 keys in 40
queries, a tenth of a second of the server per search, for a word that no indexed word is near."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event

from portal.extensions import db
from portal.search.finder import find


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """The statements the database receives meanwhile."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_a_very_long_word_costs_no_more_queries_than_a_typo(app: Flask) -> None:
    with app.app_context():
        with counted_queries() as typo:
            corrected = find(db.session, "maternitee")
        with counted_queries() as long_word:
            nothing = find(db.session, "ab" * 100)
        with counted_queries() as long_words:
            find(db.session, " ".join(f"{letter * 3}ab" * 8 for letter in "cdefghij"))
    assert corrected.corrected == {"maternitee": "maternite"} and corrected.ids  # typos are still corrected
    assert nothing.ids == [] and nothing.corrected == {}
    assert len(long_word) <= len(typo), len(long_word)
    assert len(long_words) <= 8 * len(typo), len(long_words)
