"""Read queries of the catalogue, shared by the pages, the API and the exports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, func, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from portal.catalogue.browse import LISTED_STATUSES, is_public
from portal.catalogue.models import Body, Service, Term, localised, service_term
from portal.database import Prepared, one_of
from portal.extensions import db
from portal.registry.vocabulary import LIFE_EVENTS


@dataclass(frozen=True)
class BodyRow:
    """A body as the home page lists it, with the number of its listed services."""

    code: str
    acronym: str
    names: dict[str, str]
    kind: str
    service_count: int

    def name(self, locale: str) -> str:
        return localised(self.names, locale, self.code)


@dataclass(frozen=True)
class BodySummary:
    body: Body
    service_count: int


def body_rows(codes: Iterable[str]) -> list[BodyRow]:
    """The enabled bodies, in display order, with the number of their listed services, as rows."""
    return [BodyRow(*row) for row in db.session.execute(STATEMENTS["bodies"], {"codes": list(codes)})]


def bodies_with_counts(codes: Iterable[str]) -> list[BodySummary]:
    """The enabled bodies, in display order, with their channels and the number of their listed services."""
    counts = {row.code: row.service_count for row in body_rows(codes)}
    query = select(Body).where(Body.code.in_(list(counts))).options(selectinload(Body.channels))
    bodies = {body.code: body for body in db.session.scalars(query)}
    return [BodySummary(bodies[code], count) for code, count in counts.items()]


def life_event_counts(codes: Iterable[str]) -> list[tuple[str, int]]:
    """Every life event, in the vocabulary's order, with the number of listed services it groups."""
    rows = db.session.execute(STATEMENTS["life events"], {"codes": list(codes)})
    counts: dict[str, int] = {code: count for code, count in rows}
    return [(code, counts.get(code, 0)) for code in LIFE_EVENTS]


def _listed() -> ColumnElement[bool]:
    return Service.status.in_(LISTED_STATUSES) & is_public()


# The home page's and the caches' statements, the enabled bodies as a parameter (``Prepared``).
STATEMENTS = Prepared(
    {
        "bodies": lambda: (
            select(Body.code, Body.acronym, Body.names, Body.kind, func.count(Service.id))
            .outerjoin(Service, (Service.body_id == Body.id) & _listed())
            .where(Body.code.in_(one_of("codes")))
            .group_by(Body.id)
            .order_by(Body.position, Body.code)
        ),
        "life events": lambda: (
            select(Term.code, func.count(Service.id))
            .join(service_term, service_term.c.term_id == Term.id)
            .join(Service, Service.id == service_term.c.service_id)
            .join(Body, Body.id == Service.body_id)
            .where(Term.vocabulary == "life_event", Body.code.in_(one_of("codes")), _listed())
            .group_by(Term.code)
        ),
        "service": lambda: (
            select(Service)
            .join(Body, Body.id == Service.body_id)
            .where(Service.slug == bindparam("slug"), Body.code.in_(one_of("codes")), is_public())
            .options(
                joinedload(Service.texts),
                joinedload(Service.channels),
                joinedload(Service.terms),
                contains_eager(Service.body),
                joinedload(Service.domain),
            )
        ),
        "version": lambda: select(
            func.count(Service.id), func.max(Service.updated_at), select(func.count(Body.id)).scalar_subquery()
        ),
    }
)


def service_by_slug(slug: str, codes: Iterable[str]) -> Service | None:
    """One service of an enabled body, with everything its page shows."""
    found = db.session.execute(STATEMENTS["service"], {"slug": slug, "codes": list(codes)}).unique().scalars()
    return found.first()


def body_by_code(code: str, codes: Iterable[str]) -> Body | None:
    if code not in set(codes):
        return None
    return db.session.scalar(select(Body).where(Body.code == code).options(selectinload(Body.channels)))


def catalogue_version() -> tuple[str, datetime | None]:
    """A string that changes whenever a service or a body changes, and the time of the last change."""
    count, latest, bodies = db.session.execute(STATEMENTS["version"]).one()
    return f"{count}:{latest}:{bodies}", latest
