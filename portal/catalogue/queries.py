"""Read queries of the catalogue, shared by the pages and the API."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from portal.catalogue.models import Body, Service
from portal.extensions import db

# Services a citizen can be shown in the catalogue.
LISTED_STATUSES = ("planned", "in_development", "pilot", "live")


@dataclass(frozen=True)
class BodySummary:
    body: Body
    service_count: int


def bodies_with_counts(codes: Iterable[str]) -> list[BodySummary]:
    """The enabled bodies, in display order, with the number of their listed services."""
    count = func.count(Service.id)
    query = (
        select(Body, count)
        .outerjoin(Service, (Service.body_id == Body.id) & Service.status.in_(LISTED_STATUSES))
        .where(Body.code.in_(list(codes)))
        .group_by(Body.id)
        .order_by(Body.position, Body.code)
    )
    return [BodySummary(body, total) for body, total in db.session.execute(query).all()]


def last_update() -> datetime | None:
    """When the catalogue's content last changed."""
    latest: datetime | None = db.session.scalar(select(func.max(Service.updated_at)))
    return latest
