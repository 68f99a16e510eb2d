"""What the search index holds for each service: its text in every locale, normalised."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.catalogue.models import Service
from portal.extensions import db
from portal.registry.vocabulary import AUDIENCES, DOMAINS, LIFE_EVENTS
from portal.search.index import IndexRow, clear, replace_rows
from portal.search.normalise import normalise_text

LABELS = {vocabulary.name: vocabulary for vocabulary in (AUDIENCES, LIFE_EVENTS)}


def index_rows(service: Service) -> Iterator[IndexRow]:
    """One row per locale: title, summary, and the rest (who, conditions, documents, steps, body, labels)."""
    for locale, content in service.texts.items():
        with force_locale(locale):
            labels = [DOMAINS.label(service.domain.code)] + [
                LABELS[term.vocabulary].label(term.code) for term in service.terms if term.vocabulary in LABELS
            ]
        rest = [
            content.audience,
            content.eligibility,
            *content.documents,
            *content.steps,
            content.legal_basis,
            service.body.acronym,
            service.body.name(locale),
            *(channel.name(locale) for channel in service.channels),
            *labels,
        ]
        yield IndexRow(
            service.id, locale, normalise_text(content.title), normalise_text(content.summary),
            normalise_text(" ".join(rest)),
        )  # fmt: skip


def reindex(services: Iterable[Service]) -> int:
    """Rebuild the index rows of these services in the current transaction; returns how many services."""
    services = list(services)
    rows = [row for service in services for row in index_rows(service)]
    replace_rows(db.session, [service.id for service in services], rows)
    return len(services)


def reindex_all() -> int:
    """Rebuild the whole index (``flask search reindex``)."""
    query = select(Service).options(
        selectinload(Service.texts), selectinload(Service.terms), selectinload(Service.channels),
        selectinload(Service.body), selectinload(Service.domain),
    )  # fmt: skip
    clear(db.session)
    count = reindex(db.session.scalars(query))
    db.session.commit()
    return count
