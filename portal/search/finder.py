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
from portal.search.index import proclitic_stripper
from portal.search.normalise import ARABIC_LETTER
from portal.search.proclitics import PROCLITICS, all_rests
from portal.search.query import ParsedQuery, Term, lexicon, parse_query, with_words
from portal.search.ranking import Ranking, ranked_ids, ranking
from portal.search.spelling import corrections
from portal.search.vocabulary import AnySession


@dataclass(frozen=True)
class Found:
    ids: list[int]
    query: ParsedQuery  # the query that found them, corrected if it was
    corrected: dict[str, str] = field(default_factory=dict)  # typed word (normalised) -> the word searched
    partial: bool = False  # only some of the words match
    complete: bool = True  # these are every service that matches (see portal.search.ranking)

    @property
    def words(self) -> tuple[str, ...]:
        return self.query.words if self.query else ()


def find(session: AnySession, typed: str, limit: int = 1000) -> Found:
    query = parse_query(typed)
    if not query:
        return Found([], query)
    query = without_proclitics(session, query)
    found = ranking(session, query, limit)
    if found.ids:
        return Found(found.ids, query, complete=found.complete)
    corrected = corrections(session, query)
    if corrected:
        query = with_words(query, lambda word: corrected.get(word, word))
        found = ranking(session, query, limit)
        if found.ids:
            return Found(found.ids, query, corrected, complete=found.complete)
    some = some_words(session, query, limit) if len(query.terms) > 1 else Ranking([])
    return Found(some.ids, query, corrected if some.ids else {}, partial=bool(some.ids), complete=some.complete)


def some_words(session: AnySession, query: ParsedQuery, limit: int) -> Ranking:
    """Services that match some of the words: those that match more words first, then by relevance (when more
    services match than the search reads, by relevance alone, which already weighs each word found)."""
    some = ranking(session, query, limit, any_word=True)
    if not some.complete:
        return some
    matched = Counter(found for term in query.terms for found in ranked_ids(session, ParsedQuery((term,)), limit))
    return Ranking(sorted(some.ids, key=lambda service_id: -matched[service_id]))


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
