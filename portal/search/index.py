"""The full-text index of services: one row per service and locale, on normalised text.

SQLite: an FTS5 table ranked by bm25 with the title weighted above the summary and the rest.
PostgreSQL: a weighted tsvector (title A, summary B, the rest C) with a GIN index. On both, the index's
vocabulary (``portal.search.vocabulary``) is updated with the rows, and Arabic proclitics are stripped
from the words whose rest is a known word (``portal.search.proclitics``) before they are stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import bindparam, text

from portal.search import vocabulary
from portal.search.proclitics import all_rests, stripper
from portal.search.query import ParsedQuery, Term, lexicon
from portal.search.vocabulary import AnySession

# Relative weights of the title, the summary and the rest of the text.
WEIGHTS = (10.0, 4.0, 1.0)

# The statements interpolate only the WEIGHTS constants; everything typed is a bound parameter.
_BM25 = f"bm25(service_search, {', '.join(map(str, WEIGHTS))})"
SQLITE_SEARCH = text(
    f"SELECT service_id FROM service_search WHERE service_search MATCH :match ORDER BY {_BM25}, service_id LIMIT :rows"  # noqa: S608
)
_TS_WEIGHTS = "{" + ",".join(str(weight / 10) for weight in (WEIGHTS[2], WEIGHTS[2], WEIGHTS[1], WEIGHTS[0])) + "}"
_RANK = f"max(ts_rank('{_TS_WEIGHTS}'::float4[], document, q))"
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
    removed = vocabulary.document_frequencies(_stored_texts(session, ids) if ids else [])
    if ids:
        delete = text("DELETE FROM service_search WHERE service_id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        )
        session.execute(delete, {"ids": ids})
    values = [row.__dict__ for row in _without_proclitics(session, list(rows))]
    added = vocabulary.document_frequencies(" ".join((row["title"], row["summary"], row["body"])) for row in values)
    vocabulary.update(session, removed, added)
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
    else:
        session.execute(
            text(
                "INSERT INTO service_search (service_id, locale, title, summary, body) "
                "VALUES (:service_id, :locale, :title, :summary, :body)"
            ),
            values,
        )


def _stored_texts(session: AnySession, ids: list[int]) -> list[str]:
    select = text("SELECT title, summary, body FROM service_search WHERE service_id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    return [" ".join(row) for row in session.execute(select, {"ids": ids})]


def _without_proclitics(session: AnySession, rows: list[IndexRow]) -> list[IndexRow]:
    """The rows with each proclitic stripped whose rest is a word of the vocabulary or of these rows."""
    words = {word for row in rows for part in (row.title, row.summary, row.body) for word in part.split()}
    rests = all_rests(words)
    strip = proclitic_stripper(session, rests, rests & words)

    def stripped(part: str) -> str:
        return " ".join(map(strip, part.split()))

    return [
        replace(row, title=stripped(row.title), summary=stripped(row.summary), body=stripped(row.body)) for row in rows
    ]


def proclitic_stripper(
    session: AnySession, rests: set[str], also_known: frozenset[str] | set[str] = frozenset()
) -> Callable[[str], str]:
    """Strips a proclitic when the rest is one of ``also_known`` or of the vocabulary (stopwords never)."""
    known = (set(vocabulary.frequencies(session, rests)) | also_known) - lexicon().stopwords
    return stripper(known.__contains__, lexicon().whole_words)


def clear(session: AnySession) -> None:
    """Empty the index and its vocabulary (before indexing everything again)."""
    session.execute(text("DELETE FROM service_search"))
    vocabulary.clear(session)


def ranked_ids(session: AnySession, query: ParsedQuery, limit: int = 1000, any_word: bool = False) -> list[int]:
    """Service ids that match every term of the query (or, with ``any_word``, one at least), best first."""
    if not query:
        return []
    if _dialect(session) == "postgresql":
        return _postgresql(session, query, limit, any_word)
    return _sqlite(session, query, limit, any_word)


def _dialect(session: AnySession) -> str:
    return session.get_bind().dialect.name


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


def _sqlite(session: AnySession, query: ParsedQuery, limit: int, any_word: bool) -> list[int]:
    # bm25() cannot stand inside an aggregate, so the rows come best first and the best row of
    # each service (one row per locale) is kept here.
    rows = session.scalars(SQLITE_SEARCH, {"match": fts5_expression(query, any_word), "rows": limit * 4})
    return list(dict.fromkeys(rows))[:limit]


def tsquery_expression(query: ParsedQuery, any_word: bool = False) -> str:
    """``(امومه:* | ولاده) & (cnas | كناس)``; a phrase synonym becomes ``(وضع <-> حمل)``."""
    return (" | " if any_word else " & ").join(_tsquery_term(term) for term in query.terms)


def _tsquery_term(term: Term) -> str:
    typed = term.word + (":*" if term.prefix else "")
    synonyms = [
        synonym + ":*" if _is_word(synonym) else f"({' <-> '.join(synonym.split())})" for synonym in term.synonyms
    ]
    return "(" + " | ".join([typed, *synonyms]) + ")"


def _postgresql(session: AnySession, query: ParsedQuery, limit: int, any_word: bool) -> list[int]:
    return list(session.scalars(POSTGRESQL_SEARCH, {"tsquery": tsquery_expression(query, any_word), "limit": limit}))


def outside_models(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """For Alembic: the search tables (and FTS5's shadow tables) are made by hand-written DDL, not by models; the
    jobs' broker makes its own tables (``huey_*``) when it lives in the platform's PostgreSQL."""
    table = getattr(obj, "table", None)
    owner = getattr(table, "name", name) if type_ == "index" else name
    return not str(owner).startswith(("service_search", "search_", "huey_"))
