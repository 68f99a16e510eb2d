"""The index's vocabulary: each distinct indexed word with the number of index rows that hold it, and the
words it becomes with one letter deleted (a deletion neighbourhood, for the spelling corrector).

Kept up to date in the transaction that writes the index rows, on SQLite and PostgreSQL alike; every lookup
is by key on an indexed column, never a scan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session, scoped_session

AnySession = Session | scoped_session[Any]
CHUNK = 500  # keys per IN (...) list, well under SQLite's limit of bound parameters
SHORTEST_CORRECTED = 3  # shorter words are not in the deletion table: too many neighbours, too little meaning
# Above every code point, in SQLite's and PostgreSQL's "C" order: ``word <= term < word + END`` is a prefix.
END = "\U0010ffff"

_KNOWN = text("SELECT term, frequency FROM search_term WHERE term IN :terms").bindparams(
    bindparam("terms", expanding=True)
)
_NEIGHBOURS = text(
    "SELECT DISTINCT t.term, t.frequency FROM search_deletion d JOIN search_term t ON t.term = d.term "
    "WHERE d.deletion IN :keys"
).bindparams(bindparam("keys", expanding=True))
_PREFIXED = text("SELECT 1 FROM search_term WHERE term >= :low AND term < :high LIMIT 1")


def document_frequencies(texts: Iterable[str]) -> Counter[str]:
    """How many of these (normalised) texts hold each word."""
    counts: Counter[str] = Counter()
    for one in texts:
        counts.update(set(one.split()))
    return counts


def frequencies(session: AnySession, terms: Iterable[str]) -> dict[str, int]:
    """The frequency of each of these terms that the vocabulary holds."""
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(terms))):
        found.update((term, frequency) for term, frequency in session.execute(_KNOWN, {"terms": chunk}))
    return found


def has_prefix(session: AnySession, word: str) -> bool:
    """Whether some indexed word begins with ``word`` (the word being typed)."""
    return session.scalar(_PREFIXED, {"low": word, "high": word + END}) is not None


def rows_holding(session: AnySession, words: Iterable[str], prefixes: Iterable[str]) -> int:
    """How many index rows hold each of these words, or a word that begins with each of these prefixes, summed: what
    a search for them reads of the index, and at least as many as the rows that match it."""
    parts = ["SELECT frequency FROM search_term WHERE term IN :words"]
    parameters: dict[str, Any] = {"words": sorted(set(words)) or [""]}
    for number, prefix in enumerate(sorted(set(prefixes))):
        parts.append(f"SELECT frequency FROM search_term WHERE term >= :low{number} AND term < :high{number}")  # noqa: S608
        parameters |= {f"low{number}": prefix, f"high{number}": prefix + END}
    held = " UNION ALL ".join(parts)  # bound parameters only
    statement = text(f"SELECT coalesce(sum(frequency), 0) FROM ({held}) AS held")  # noqa: S608
    return int(session.scalar(statement.bindparams(bindparam("words", expanding=True)), parameters) or 0)


def neighbours(session: AnySession, keys: Iterable[str]) -> list[tuple[str, int]]:
    """Terms (with their frequency) that share one of ``keys`` as a deletion, or are one of them."""
    found: list[tuple[str, int]] = []
    for chunk in _chunks(sorted(set(keys))):
        found.extend((term, frequency) for term, frequency in session.execute(_NEIGHBOURS, {"keys": chunk}))
    return found


def deletions(word: str) -> set[str]:
    """The word with one letter deleted, each way."""
    return {word[:position] + word[position + 1 :] for position in range(len(word))}


def update(session: AnySession, removed: Counter[str], added: Counter[str]) -> None:
    """Apply the rows removed from the index and the rows added to it to the vocabulary. Each change is an
    increment in the database, so that two transactions indexing the same new word do not collide."""
    delta = Counter(added)
    delta.subtract(removed)
    changes = [{"term": term, "change": change} for term, change in delta.items() if change]
    if not changes:
        return
    grown = [term for term, change in delta.items() if change > 0]
    new = sorted(set(grown) - set(frequencies(session, grown)))
    session.execute(_UPSERT, changes)
    rows = [{"deletion": key, "term": term} for term in new for key in _keys(term)]
    if rows:
        session.execute(_INSERT_DELETION, rows)
    for chunk in _chunks(sorted(term for term, change in delta.items() if change < 0)):
        session.execute(_DELETE_GONE_DELETIONS, {"terms": chunk})
        session.execute(_DELETE_GONE, {"terms": chunk})


_UPSERT = text(
    "INSERT INTO search_term (term, frequency) VALUES (:term, :change) "
    "ON CONFLICT (term) DO UPDATE SET frequency = search_term.frequency + excluded.frequency"
)
_INSERT_DELETION = text(
    "INSERT INTO search_deletion (deletion, term) VALUES (:deletion, :term) ON CONFLICT (deletion, term) DO NOTHING"
)
_DELETE_GONE_DELETIONS = text(
    "DELETE FROM search_deletion WHERE term IN (SELECT term FROM search_term WHERE term IN :terms AND frequency <= 0)"
).bindparams(bindparam("terms", expanding=True))
_DELETE_GONE = text("DELETE FROM search_term WHERE term IN :terms AND frequency <= 0").bindparams(
    bindparam("terms", expanding=True)
)


def _keys(term: str) -> set[str]:
    """What a term is found by: itself and its deletions (none for short words and numbers)."""
    if len(term) < SHORTEST_CORRECTED or term.isdigit():
        return set()
    return {term} | deletions(term)


def clear(session: AnySession) -> None:
    session.execute(text("DELETE FROM search_deletion"))
    session.execute(text("DELETE FROM search_term"))


def _chunks(items: Sequence[str] | Iterable[str]) -> Iterator[list[str]]:
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
