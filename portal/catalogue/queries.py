"""Read queries of the catalogue, shared by the pages, the API and the exports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.catalogue.browse import LISTED_STATUSES, is_public
from portal.catalogue.models import Body, Service, Term, service_term
from portal.extensions import db
from portal.registry.vocabulary import LIFE_EVENTS


@dataclass(frozen=True)
class BodySummary:
    body: Body
    service_count: int


def bodies_with_counts(codes: Iterable[str]) -> list[BodySummary]:
    """The enabled bodies, in display order, with the number of their listed services."""
    count = func.count(Service.id)
    query = (
        select(Body, count)
        .outerjoin(Service, (Service.body_id == Body.id) & Service.status.in_(LISTED_STATUSES) & is_public())
        .where(Body.code.in_(list(codes)))
        .group_by(Body.id)
        .order_by(Body.position, Body.code)
    )
    return [BodySummary(body, total) for body, total in db.session.execute(query).all()]


def life_event_counts(codes: Iterable[str]) -> list[tuple[str, int]]:
    """Every life event, in the vocabulary's order, with the number of listed services it groups."""
    query = (
        select(Term.code, func.count(Service.id))
        .join(service_term, service_term.c.term_id == Term.id)
        .join(Service, Service.id == service_term.c.service_id)
        .join(Body, Body.id == Service.body_id)
        .where(Term.vocabulary == "life_event", Service.status.in_(LISTED_STATUSES), Body.code.in_(list(codes)))
        .where(is_public())
        .group_by(Term.code)
    )
    counts: dict[str, int] = {code: count for code, count in db.session.execute(query).all()}
    return [(code, counts.get(code, 0)) for code in LIFE_EVENTS]


def service_by_slug(slug: str, codes: Iterable[str]) -> Service | None:
    """One service of an enabled body, with everything its page shows."""
    query = (
        select(Service)
        .join(Body, Body.id == Service.body_id)
        .where(Service.slug == slug, Body.code.in_(list(codes)), is_public())
        .options(
            selectinload(Service.texts),
            selectinload(Service.channels),
            selectinload(Service.terms),
            selectinload(Service.body),
            selectinload(Service.domain),
        )
    )
    return db.session.scalar(query)


def body_by_code(code: str, codes: Iterable[str]) -> Body | None:
    if code not in set(codes):
        return None
    return db.session.scalar(select(Body).where(Body.code == code).options(selectinload(Body.channels)))


def last_update() -> datetime | None:
    """When the catalogue's content last changed."""
    latest: datetime | None = db.session.scalar(select(func.max(Service.updated_at)))
    return latest


def catalogue_version() -> tuple[str, datetime | None]:
    """A string that changes whenever a service or a body changes, and the time of the last change."""
    count, latest = db.session.execute(select(func.count(Service.id), func.max(Service.updated_at))).one()
    bodies = db.session.scalar(select(func.count(Body.id)))
    return f"{count}:{latest}:{bodies}", latest
