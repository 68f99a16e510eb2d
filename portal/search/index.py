"""The full-text index of services: one row per service and locale, on normalised text.

SQLite: an FTS5 table (title, summary, body) and another of the headings (title, summary). PostgreSQL: a weighted
tsvector (title A, summary B, the rest C) with a GIN index, and a narrow table of the title's vector and the
heading's, each with its GIN index. ``portal.search.ranking`` searches them. On both, the index's vocabulary
(``portal.search.vocabulary``) is updated with the rows, and Arabic proclitics are stripped from the words whose
rest is a known word (``portal.search.proclitics``) before they are stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import bindparam, text

from portal.search import vocabulary
from portal.search.proclitics import all_rests, stripper
from portal.search.query import lexicon
from portal.search.vocabulary import AnySession

# SQLite: a row's rowid (in both FTS5 tables) is its service's id times this plus its number among the service's
# rows, so that a search reads a row's service without reading its text, and a service's rows go by a range.
ROWS_PER_SERVICE = 16


@dataclass(frozen=True)
class IndexRow:
    service_id: int
    locale: str
    title: str
    summary: str
    body: str


def replace_rows(session: AnySession, service_ids: Sequence[int], rows: Iterable[IndexRow]) -> None:
    """Replace the index rows of these services (in the caller's transaction). ``rows`` holds every row of each
    service it holds rows of (one per locale), and those services have no rows left: they are in ``service_ids``,
    or new to the index."""
    ids = list(service_ids)
    postgresql = _dialect(session) == "postgresql"
    removed = vocabulary.document_frequencies(_stored_texts(session, ids, postgresql) if ids else [])
    if ids:
        _delete(session, ids, postgresql)
    values = [row.__dict__ for row in _without_proclitics(session, list(rows))]
    added = vocabulary.document_frequencies(" ".join((row["title"], row["summary"], row["body"])) for row in values)
    vocabulary.update(session, removed, added)
    if values:
        for statement in _POSTGRESQL_INSERTS if postgresql else _SQLITE_INSERTS:
            session.execute(statement, values if postgresql else _numbered(values))


# PostgreSQL: the document (title A, summary B, the rest C); apart, the title's vector and the heading's.
_POSTGRESQL_INSERTS = (
    text(
        "INSERT INTO service_search (service_id, locale, title, summary, body, document) VALUES "
        "(:service_id, :locale, :title, :summary, :body, "
        "setweight(to_tsvector('simple', :title), 'A') || setweight(to_tsvector('simple', :summary), 'B')"
        " || setweight(to_tsvector('simple', :body), 'C'))"
    ),
    text(
        "INSERT INTO service_search_heading (service_id, locale, title, heading) VALUES "
        "(:service_id, :locale, to_tsvector('simple', :title),"
        " setweight(to_tsvector('simple', :title), 'A') || setweight(to_tsvector('simple', :summary), 'B'))"
    ),
)
# SQLite: the rows of both FTS5 tables numbered after their service (see ROWS_PER_SERVICE).
_SQLITE_INSERTS = (
    text(
        "INSERT INTO service_search (rowid, service_id, locale, title, summary, body) "
        "VALUES (:rowid, :service_id, :locale, :title, :summary, :body)"
    ),
    text("INSERT INTO service_search_heading (rowid, title, summary) VALUES (:rowid, :title, :summary)"),
)


def _numbered(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with their SQLite rowids: the service's id times ROWS_PER_SERVICE plus the row's number among the
    service's rows."""
    numbers: Counter[int] = Counter()
    numbered = []
    for row in values:
        number = numbers[row["service_id"]]
        if number >= ROWS_PER_SERVICE:
            raise ValueError(f"service {row['service_id']} has more than {ROWS_PER_SERVICE} index rows")
        numbers[row["service_id"]] += 1
        numbered.append({**row, "rowid": row["service_id"] * ROWS_PER_SERVICE + number})
    return numbered


def _delete(session: AnySession, ids: list[int], postgresql: bool) -> None:
    if postgresql:
        for table in ("service_search", "service_search_heading"):
            delete = text(f"DELETE FROM {table} WHERE service_id IN :ids")  # noqa: S608 (a constant)
            session.execute(delete.bindparams(bindparam("ids", expanding=True)), {"ids": ids})
        return
    for table in ("service_search", "service_search_heading"):
        delete = text(f"DELETE FROM {table} WHERE rowid >= :low AND rowid < :high")  # noqa: S608 (a constant)
        session.execute(delete, [_rowids(service_id) for service_id in ids])


def _rowids(service_id: int) -> dict[str, int]:
    """The range of SQLite rowids of a service's rows."""
    return {"low": service_id * ROWS_PER_SERVICE, "high": (service_id + 1) * ROWS_PER_SERVICE}


def _stored_texts(session: AnySession, ids: list[int], postgresql: bool) -> list[str]:
    if postgresql:
        select = text("SELECT title, summary, body FROM service_search WHERE service_id IN :ids")
        rows = session.execute(select.bindparams(bindparam("ids", expanding=True)), {"ids": ids})
        return [" ".join(row) for row in rows]
    select = text("SELECT title, summary, body FROM service_search WHERE rowid >= :low AND rowid < :high")
    return [" ".join(row) for service_id in ids for row in session.execute(select, _rowids(service_id))]


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
    session.execute(text("DELETE FROM service_search_heading"))
    vocabulary.clear(session)


def _dialect(session: AnySession) -> str:
    return session.get_bind().dialect.name


def outside_models(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """For Alembic: the search tables (and FTS5's shadow tables) are made by hand-written DDL, not by models; the
    jobs' broker makes its own tables (``huey_*``) when it lives in the platform's PostgreSQL."""
    table = getattr(obj, "table", None)
    owner = getattr(table, "name", name) if type_ == "index" else name
    return not str(owner).startswith(("service_search", "search_", "huey_"))
