"""Turn what a person typed into normalised words, each with its synonyms, the last one a prefix."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from flask import current_app, has_app_context

from portal.registry import get_registry
from portal.search.normalise import normalise_text, normalise_words

LEXICON = Path(__file__).with_name("lexicon.json")
SYNONYMS_KEY = "portal.search.synonyms"
MAX_WORDS = 8  # a longer query is cut: no one types more, and each word costs a join


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str]
    synonyms: Mapping[str, tuple[str, ...]]  # normalised word -> its group, the word included
    whole_words: frozenset[str]  # words never split into a proclitic and a rest


@lru_cache(maxsize=1)
def lexicon(path: Path = LEXICON) -> Lexicon:
    data = json.loads(path.read_text(encoding="utf-8"))
    stopwords = frozenset(word for entry in data["stopwords"] for word in normalise_words(entry))
    whole_words = frozenset(word for entry in data["whole_words"] for word in normalise_words(entry))
    return Lexicon(stopwords, grouped(data["synonyms"]), whole_words)


def grouped(
    groups: Iterable[Iterable[str]], into: Mapping[str, tuple[str, ...]] | None = None
) -> Mapping[str, tuple[str, ...]]:
    """Each normalised word of ``groups`` with every word it finds (its own groups', itself included), added to
    ``into``'s."""
    synonyms = dict(into or {})
    for group in groups:
        words = tuple(dict.fromkeys(word for word in map(normalise_text, group) if word))  # never an empty word
        if len(words) < 2:
            continue
        for word in words:
            synonyms[word] = tuple(dict.fromkeys((*synonyms.get(word, ()), *words)))
    return MappingProxyType(synonyms)


def synonyms() -> Mapping[str, tuple[str, ...]]:
    """The lexicon's groups with the enabled bodies' own (``BodyPlugin.synonyms``), made once per app; outside an
    app, the lexicon's alone."""
    if not has_app_context():
        return lexicon().synonyms
    made: Mapping[str, tuple[str, ...]] | None = current_app.extensions.get(SYNONYMS_KEY)
    if made is None:
        bodies = (group for body in get_registry() for group in body.synonyms)
        made = current_app.extensions[SYNONYMS_KEY] = grouped(bodies, lexicon().synonyms)
    return made


@dataclass(frozen=True)
class Term:
    """One typed word (a prefix when it is the last, being typed) and its synonyms (whole words or phrases)."""

    word: str
    synonyms: tuple[str, ...] = ()
    prefix: bool = False

    @property
    def alternatives(self) -> tuple[str, ...]:
        return (self.word, *self.synonyms)


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def words(self) -> tuple[str, ...]:
        """Every normalised word that may match, for highlighting."""
        return tuple(dict.fromkeys(word for term in self.terms for alt in term.alternatives for word in alt.split()))


def parse_query(text: str) -> ParsedQuery:
    """Normalise, drop stopwords (unless nothing else is left), add synonyms; the last word is a prefix."""
    words = normalise_words(text)[:MAX_WORDS]
    meaningful = [word for word in words if word not in lexicon().stopwords] or words
    last = len(meaningful) - 1
    return ParsedQuery(tuple(make_term(word, prefix=position == last) for position, word in enumerate(meaningful)))


def make_term(word: str, prefix: bool = False) -> Term:
    """A term for a normalised word, with its synonyms; a prefix only from two letters on."""
    found = tuple(other for other in synonyms().get(word, ()) if other != word)
    return Term(word, found, prefix=prefix and len(word) >= 2)


def with_words(query: ParsedQuery, replace: Callable[[str], str]) -> ParsedQuery:
    """The query with each term's word replaced (a proclitic stripped, a spelling corrected), synonyms anew."""
    return ParsedQuery(tuple(make_term(replace(term.word), term.prefix) for term in query.terms))
