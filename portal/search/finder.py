"""What the pages and the API call: the services that match what a person typed, best first.

Every word must match; when nothing does, the unknown words are corrected to the closest words of the
index ("did you mean"), and when even then nothing matches every word, the services that match some of
them come, those with more of the words first (the page says so).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from portal.search.index import ranked_ids, without_proclitics
from portal.search.query import ParsedQuery, parse_query, with_words
from portal.search.spelling import corrections
from portal.search.vocabulary import AnySession


@dataclass(frozen=True)
class Found:
    ids: list[int]
    query: ParsedQuery  # the query that found them, corrected if it was
    corrected: dict[str, str] = field(default_factory=dict)  # typed word (normalised) -> the word searched
    partial: bool = False  # only some of the words match

    @property
    def words(self) -> tuple[str, ...]:
        return self.query.words if self.query else ()


def find(session: AnySession, typed: str, limit: int = 1000) -> Found:
    query = parse_query(typed)
    if not query:
        return Found([], query)
    query = without_proclitics(session, query)
    found = ranked_ids(session, query, limit)
    if found:
        return Found(found, query)
    corrected = corrections(session, query)
    if corrected:
        query = with_words(query, lambda word: corrected.get(word, word))
        found = ranked_ids(session, query, limit)
        if found:
            return Found(found, query, corrected)
    some = some_words(session, query, limit) if len(query.terms) > 1 else []
    return Found(some, query, corrected if some else {}, partial=bool(some))


def some_words(session: AnySession, query: ParsedQuery, limit: int) -> list[int]:
    """Services that match some of the words: those that match more words first, then by relevance."""
    ranking = ranked_ids(session, query, limit, any_word=True)
    matched = Counter(found for term in query.terms for found in ranked_ids(session, ParsedQuery((term,)), limit))
    return sorted(ranking, key=lambda service_id: -matched[service_id])
