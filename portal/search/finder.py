"""What the pages and the API call: the services that match what a person typed, best first.

Arabic words are read as the index reads them: a proclitic is stripped when the rest is a word of the
vocabulary, and a word the index holds only behind a proclitic ("عطلة" in "لعطلة", "بعطلة") also matches those
forms. Every word must match; when nothing does, the unknown words are corrected to the closest words of the
index ("did you mean"), and when even then nothing matches every word, the services that match some of
them come, those with more of the words first (the page says so).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from portal.search import vocabulary
from portal.search.index import proclitic_stripper, ranked_ids
from portal.search.normalise import ARABIC_LETTER
from portal.search.proclitics import PROCLITICS, all_rests
from portal.search.query import ParsedQuery, Term, lexicon, parse_query, with_words
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


def without_proclitics(session: AnySession, query: ParsedQuery) -> ParsedQuery:
    """The query with the proclitics stripped as the index strips them (a word indexed whole stays whole), and
    each word the index does not hold alone completed with the forms it holds it in behind a proclitic."""
    words = [term.word for term in query.terms if ARABIC_LETTER.match(term.word)]
    if not words:
        return query
    indexed = set(vocabulary.frequencies(session, words))
    strip = proclitic_stripper(session, all_rests(words))
    stripped = with_words(query, lambda word: word if word in indexed or not ARABIC_LETTER.match(word) else strip(word))
    unknown = {term.word for term in stripped.terms if term.word in words and term.word not in indexed}
    forms = {word: [proclitic + word for proclitic in PROCLITICS] for word in unknown}
    held = set(vocabulary.frequencies(session, [form for each in forms.values() for form in each]))
    return ParsedQuery(tuple(_with_forms(term, forms.get(term.word, []), held) for term in stripped.terms))


def _with_forms(term: Term, forms: list[str], held: set[str]) -> Term:
    kept = tuple(form for form in forms if form in held and form not in lexicon().whole_words)
    return replace(term, synonyms=(*term.synonyms, *kept)) if kept else term
