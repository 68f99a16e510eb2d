"""The full-text index of services: one row per service and locale, on normalised text.

SQLite: an FTS5 table ranked by bm25 with the title weighted above the summary and the rest.
PostgreSQL: a weighted tsvector (title A, summary B, the rest C) with a GIN index; and, when the
full-text search finds nothing, each typed word is replaced by the closest word of the titles and
summaries (a dictionary of the same normalised words, with a trigram index), so that a near spelling
("maternitee") still finds its service.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session, scoped_session

from portal.search.query import ParsedQuery, Term

# Relative weights of the title, the summary and the rest of the text.
WEIGHTS = (10.0, 4.0, 1.0)
AnySession = Session | scoped_session[Any]

# The statements interpolate only the WEIGHTS constants; everything typed is a bound parameter.
_BM25 = f"bm25(service_search, {', '.join(map(str, WEIGHTS))})"
SQLITE_SEARCH = text(
    f"SELECT service_id FROM service_search WHERE service_search MATCH :match ORDER BY {_BM25}, service_id LIMIT :rows"  # noqa: S608
)
_TS_WEIGHTS = "{" + ",".join(str(weight / 10) for weight in (WEIGHTS[2], WEIGHTS[2], WEIGHTS[1], WEIGHTS[0])) + "}"
_RANK = f"max(ts_rank('{_TS_WEIGHTS}'::float4[], document, q))"
# A near spelling shares about half of its letter triples with the word meant ("maternitee": 0.75).
CORRECTION_THRESHOLD = text("SELECT set_config('pg_trgm.similarity_threshold', '0.5', true)")
CLOSEST_WORD = text(
    "SELECT word FROM search_word WHERE word % :word ORDER BY similarity(word, :word) DESC, word LIMIT 1"
)
POSTGRESQL_SEARCH = text(
    "SELECT service_id FROM service_search, to_tsquery('simple', :tsquery) AS q WHERE document @@ q "  # noqa: S608
    f"GROUP BY service_id ORDER BY {_RANK} DESC, service_id LIMIT :limit"
)


@dataclass(frozen=True)
class IndexRow:
    service_id: int
    locale: str
    title: str
    summary: str
    body: str


def replace_rows(session: AnySession, service_ids: Sequence[int], rows: Iterable[IndexRow]) -> None:
    """Replace the index rows of these services (in the caller's transaction)."""
    ids = list(service_ids)
    if ids:
        delete = text("DELETE FROM service_search WHERE service_id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        )
        session.execute(delete, {"ids": ids})
    values = [row.__dict__ for row in rows]
    if not values:
        return
    if _dialect(session) == "postgresql":
        session.execute(
            text(
                "INSERT INTO service_search (service_id, locale, title, summary, body, document) VALUES "
                "(:service_id, :locale, :title, :summary, :body, "
                "setweight(to_tsvector('simple', :title), 'A') || setweight(to_tsvector('simple', :summary), 'B')"
                " || setweight(to_tsvector('simple', :body), 'C'))"
            ),
            values,
        )
        words = sorted({word for row in values for part in ("title", "summary") for word in row[part].split()})
        session.execute(
            text("INSERT INTO search_word (word) VALUES (:word) ON CONFLICT DO NOTHING"),
            [{"word": word} for word in words],
        )
    else:
        session.execute(
            text(
                "INSERT INTO service_search (service_id, locale, title, summary, body) "
                "VALUES (:service_id, :locale, :title, :summary, :body)"
            ),
            values,
        )


def ranked_ids(session: AnySession, query: ParsedQuery, limit: int = 1000) -> list[int]:
    """Service ids that match every term of the query, best first."""
    if not query:
        return []
    if _dialect(session) == "postgresql":
        return _postgresql(session, query, limit)
    return _sqlite(session, query, limit)


def _dialect(session: AnySession) -> str:
    return session.get_bind().dialect.name


def fts5_expression(query: ParsedQuery) -> str:
    """``("امومه"* OR "ولاده") AND ("cnas" OR "كناس")``: every word quoted, so nothing typed is syntax."""
    return " AND ".join(_fts5_term(term) for term in query.terms)


def _fts5_term(term: Term) -> str:
    typed = f'"{term.word}"' + ("*" if term.prefix else "")
    synonyms = [f'"{synonym}"' + ("*" if _is_word(synonym) else "") for synonym in term.synonyms]
    return "(" + " OR ".join([typed, *synonyms]) + ")"


def _is_word(synonym: str) -> bool:
    """A synonym of one word also matches its longer forms (plurals); a phrase matches as it is."""
    return " " not in synonym and len(synonym) >= 4


def _sqlite(session: AnySession, query: ParsedQuery, limit: int) -> list[int]:
    # bm25() cannot stand inside an aggregate, so the rows come best first and the best row of
    # each service (one row per locale) is kept here.
    rows = session.scalars(SQLITE_SEARCH, {"match": fts5_expression(query), "rows": limit * 4})
    return list(dict.fromkeys(rows))[:limit]


def tsquery_expression(query: ParsedQuery) -> str:
    """``(امومه:* | ولاده) & (cnas | كناس)``; a phrase synonym becomes ``(وضع <-> حمل)``."""
    return " & ".join(_tsquery_term(term) for term in query.terms)


def _tsquery_term(term: Term) -> str:
    typed = term.word + (":*" if term.prefix else "")
    synonyms = [
        synonym + ":*" if _is_word(synonym) else f"({' <-> '.join(synonym.split())})" for synonym in term.synonyms
    ]
    return "(" + " | ".join([typed, *synonyms]) + ")"


def _postgresql(session: AnySession, query: ParsedQuery, limit: int, correct: bool = True) -> list[int]:
    found = list(session.scalars(POSTGRESQL_SEARCH, {"tsquery": tsquery_expression(query), "limit": limit}))
    if found or not correct:
        return found
    corrected = _corrected(session, query)
    return _postgresql(session, corrected, limit, correct=False) if corrected != query else []


def _corrected(session: AnySession, query: ParsedQuery) -> ParsedQuery:
    """Each typed word replaced by the closest word of the titles and summaries (pg_trgm, indexed)."""
    terms = []
    session.execute(CORRECTION_THRESHOLD)
    for term in query.terms:
        closest = session.scalar(CLOSEST_WORD, {"word": term.word})
        terms.append(replace(term, word=closest) if closest else term)
    return ParsedQuery(tuple(terms))


def outside_models(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """For Alembic: the search tables (and FTS5's shadow tables) are made by hand-written DDL, not by models."""
    table = getattr(obj, "table", None)
    owner = getattr(table, "name", name) if type_ == "index" else name
    return not str(owner).startswith(("service_search", "search_word"))
