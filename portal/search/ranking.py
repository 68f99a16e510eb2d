"""The services that match a parsed query, best first, at a cost that does not grow with the catalogue.

SQLite ranks with FTS5's bm25 (title 10, summary 4, the rest 1), PostgreSQL with ts_rank on the weighted tsvector.
Both score the matching rows one by one, and bm25 also reads, for each word, every row that holds it: a word found in
a fifth of 100,000 services took a fifth of a second. So a search reads at most ``CANDIDATES`` rows at a time:

1. When the vocabulary says that the query's words are held by ``CANDIDATES`` rows or fewer, one reading of the
   whole index ranks every row that matches, as before (a catalogue of a few hundred services is always searched
   so).
2. Otherwise the headings are read first, from their own index: the rows whose title holds every word, then those
   whose title or summary does (the weights rank them above the rest anyway). As soon as they fill a first page
   (``ENOUGH`` services), they are the answer, ranked among themselves, and it is not ``complete``: more services
   may hold the words in the rest of their text.
3. Else the whole index is read: when ``CANDIDATES`` rows or fewer match, they are ranked as before; when more do,
   the answer is the headings found, then the services of the first ``CANDIDATES`` rows in the index's order, not
   ranked (ranking them is what costs), and it is not ``complete``.

A reading of more than ``CANDIDATES`` headings ranks the first ``CANDIDATES`` in the index's order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import TextClause, text

from portal.search import vocabulary
from portal.search.index import ROWS_PER_SERVICE
from portal.search.query import ParsedQuery, Term
from portal.search.vocabulary import AnySession

# Relative weights of the title, the summary and the rest of the text.
WEIGHTS = (10.0, 4.0, 1.0)
CANDIDATES = 500  # index rows read at a time, at most (a few milliseconds on either database)
ENOUGH = 20  # services found in the headings that spare reading the rest: a first page


class Reading(Enum):
    EVERY_ROW = "every row"  # the whole index, where the vocabulary says that few rows hold the words
    TITLE = "title"
    HEADING = "heading"
    ANYWHERE = "anywhere"


# The readings whose first CANDIDATES rows are ranked when more match (the whole index's are not: see above).
RANKED_WHEN_CAPPED = frozenset((Reading.TITLE, Reading.HEADING))


@dataclass(frozen=True)
class Ranking:
    """Service ids, best first; ``complete`` when they are known to be every service that matches."""

    ids: list[int]
    complete: bool = True


@dataclass(frozen=True)
class _Read:
    ids: list[int]  # best first
    capped: bool  # more rows matched than were read and ranked


def ranking(session: AnySession, query: ParsedQuery, limit: int = 1000, any_word: bool = False) -> Ranking:
    """The services that match every term of the query (or, with ``any_word``, one at least), best first."""
    if not query:
        return Ranking([])
    read = _reader(session)
    if _rows_to_read(session, query) <= CANDIDATES:
        every = read(session, query, any_word, limit + 1, Reading.EVERY_ROW)
        return Ranking(every.ids[:limit], complete=not every.capped and len(every.ids) <= limit)
    found: list[int] = []
    for reading in (Reading.TITLE, Reading.HEADING):
        found = list(dict.fromkeys([*found, *read(session, query, any_word, limit, reading).ids]))
        if len(found) >= ENOUGH:
            return Ranking(found[:limit], complete=False)
    anywhere = read(session, query, any_word, limit + 1, Reading.ANYWHERE)
    if not anywhere.capped:
        return Ranking(anywhere.ids[:limit], complete=len(anywhere.ids) <= limit)
    return Ranking(list(dict.fromkeys([*found, *anywhere.ids]))[:limit], complete=False)


def _reader(session: AnySession) -> Callable[[AnySession, ParsedQuery, bool, int, Reading], _Read]:
    if session.get_bind().dialect.name != "postgresql":
        return _sqlite
    session.execute(_CUSTOM_PLANS)
    return _postgresql


def ranked_ids(session: AnySession, query: ParsedQuery, limit: int = 1000, any_word: bool = False) -> list[int]:
    """The ids of ``ranking``."""
    return ranking(session, query, limit, any_word).ids


def _rows_to_read(session: AnySession, query: ParsedQuery) -> int:
    """How many index rows hold the query's words (its prefixes, its synonyms), from the vocabulary."""
    words: list[str] = []
    prefixes: list[str] = []
    for term in query.terms:
        (prefixes if term.prefix else words).append(term.word)
        for synonym in term.synonyms:
            (prefixes if _is_word(synonym) else words).extend(synonym.split())
    return vocabulary.rows_holding(session, words, prefixes)


def fts5_expression(query: ParsedQuery, any_word: bool = False) -> str:
    """``("امومه"* OR "ولاده") AND ("cnas" OR "كناس")``: every word quoted, so nothing typed is syntax."""
    return (" OR " if any_word else " AND ").join(_fts5_term(term) for term in query.terms)


def _fts5_term(term: Term) -> str:
    typed = f'"{term.word}"' + ("*" if term.prefix else "")
    synonyms = [f'"{synonym}"' + ("*" if _is_word(synonym) else "") for synonym in term.synonyms]
    return "(" + " OR ".join([typed, *synonyms]) + ")"


def _is_word(synonym: str) -> bool:
    """A synonym of one word also matches its longer forms (plurals); a phrase matches as it is."""
    return " " not in synonym and len(synonym) >= 4


# The statements interpolate only constants; everything typed is a bound parameter.
def _sqlite_statements(table: str, weights: tuple[float, ...]) -> tuple[TextClause, TextClause]:
    """The first rows that match, in rowid order (FTS5's own); and those before a rowid, best first (every row of a
    service: bm25() cannot stand inside an aggregate)."""
    matching = f"SELECT rowid FROM {table} WHERE {table} MATCH :match ORDER BY rowid LIMIT :rows"  # noqa: S608
    ranked = (
        f"SELECT rowid FROM {table} WHERE {table} MATCH :match AND rowid < :beyond "  # noqa: S608
        f"ORDER BY bm25({table}, {', '.join(map(str, weights))}), rowid"
    )
    return text(matching), text(ranked)


_HEADINGS = _sqlite_statements("service_search_heading", WEIGHTS[:2])
_SQLITE = {  # per reading: its statements, and the form of its FTS5 expression
    Reading.TITLE: (_HEADINGS, "{{title}} : ({})"),
    Reading.HEADING: (_HEADINGS, "{}"),
    Reading.ANYWHERE: (_sqlite_statements("service_search", WEIGHTS), "{}"),
}
_SQLITE[Reading.EVERY_ROW] = _SQLITE[Reading.ANYWHERE]
_NO_ROWID = 2**63 - 1


def _sqlite(session: AnySession, query: ParsedQuery, any_word: bool, limit: int, reading: Reading) -> _Read:
    (matching, ranked), form = _SQLITE[reading]
    match = form.format(fts5_expression(query, any_word))
    if reading is Reading.EVERY_ROW:  # few rows hold the words: no need to count them first
        return _Read(_services(session.scalars(ranked, {"match": match, "beyond": _NO_ROWID}), limit), capped=False)
    rowids = list(session.scalars(matching, {"match": match, "rows": CANDIDATES + 1}))
    capped = len(rowids) > CANDIDATES
    if capped and reading not in RANKED_WHEN_CAPPED:
        return _Read(_services(rowids[:CANDIDATES], limit), capped)
    beyond = rowids[-1] if capped else _NO_ROWID
    ordered: Iterable[int] = session.scalars(ranked, {"match": match, "beyond": beyond}) if rowids else []
    return _Read(_services(ordered, limit), capped)


def _services(rowids: Iterable[int], limit: int) -> list[int]:
    """The services of these rows, each once, in their order."""
    return list(dict.fromkeys(rowid // ROWS_PER_SERVICE for rowid in rowids))[:limit]


def tsquery_expression(query: ParsedQuery, any_word: bool = False) -> str:
    """``(امومه:* | ولاده) & (cnas | كناس)``; a phrase synonym becomes ``(وضع <-> حمل)``."""
    return (" | " if any_word else " & ").join(_tsquery_term(term) for term in query.terms)


def _tsquery_term(term: Term) -> str:
    typed = term.word + (":*" if term.prefix else "")
    synonyms = [
        synonym + ":*" if _is_word(synonym) else f"({' <-> '.join(synonym.split())})" for synonym in term.synonyms
    ]
    return "(" + " | ".join([typed, *synonyms]) + ")"


_TS_WEIGHTS = "{" + ",".join(str(weight / 10) for weight in (WEIGHTS[2], WEIGHTS[2], WEIGHTS[1], WEIGHTS[0])) + "}"


def _postgresql_statement(table: str, matched: str, ranked: str, reading: Reading) -> TextClause:
    """Read at most :read rows whose ``matched`` vector matches, keep the first :kept of them, rank those by their
    ``ranked`` vector (or, when more were read and the reading is not ranked then, by service), and say how many
    were read (a subquery that does not depend on the row: the server counts once)."""
    query = "to_tsquery('simple', :tsquery)"
    read = "(SELECT count(*) FROM candidates)"
    rank = f"ts_rank('{_TS_WEIGHTS}'::float4[], ranked, {query})"
    if reading not in RANKED_WHEN_CAPPED:
        rank = f"CASE WHEN {read} <= :kept THEN {rank} END"
    return text(
        f"WITH candidates AS MATERIALIZED (SELECT service_id, {ranked} AS ranked FROM {table} "  # noqa: S608
        f"WHERE {matched} @@ {query} LIMIT :read) "
        f"SELECT service_id, {read} FROM (SELECT * FROM candidates LIMIT :kept) AS kept "
        f"GROUP BY service_id ORDER BY max({rank}) DESC NULLS LAST, service_id LIMIT :limit"
    )


# From its fifth run psycopg prepares a statement, and PostgreSQL may then plan it once for any values: blind to the
# words and the limits, such a plan scans the whole index (74 ms instead of 1 at 10,000 services). Plans made with
# the values, until the end of the transaction.
_CUSTOM_PLANS = text("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")
_POSTGRESQL = {
    Reading.TITLE: _postgresql_statement("service_search_heading", "title", "heading", Reading.TITLE),
    Reading.HEADING: _postgresql_statement("service_search_heading", "heading", "heading", Reading.HEADING),
    Reading.ANYWHERE: _postgresql_statement("service_search", "document", "document", Reading.ANYWHERE),
}
_POSTGRESQL[Reading.EVERY_ROW] = _POSTGRESQL[Reading.ANYWHERE]  # bounded all the same, should the vocabulary err


def _postgresql(session: AnySession, query: ParsedQuery, any_word: bool, limit: int, reading: Reading) -> _Read:
    parameters = {"tsquery": tsquery_expression(query, any_word), "read": CANDIDATES + 1, "kept": CANDIDATES,
                  "limit": limit}  # fmt: skip
    rows = session.execute(_POSTGRESQL[reading], parameters).all()
    return _Read([row[0] for row in rows], capped=bool(rows) and rows[0][1] > CANDIDATES)
