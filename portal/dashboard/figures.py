"""Every figure of a programme, computed from the services and their status history; nothing is typed in.

A service counts towards a programme on a day when, that day, its last recorded status is ``live``, it
belongs to one of the programme's domains and reaches its maturity level (or it is included by hand),
it is not excluded by hand, and it has been published (drafts never count).
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import bindparam, func, select, text

from portal.catalogue.models import Body, Channel, Service
from portal.dashboard.models import Programme, StatusChange
from portal.extensions import db

RECENT = 15


@dataclass(frozen=True)
class Forecast:
    pace: float  # services that went live a month, over the programme so far
    reached_on: date | None  # at this pace; None when the pace is nil
    needed_pace: float | None  # a month, to reach the target by the deadline; None once reached or past


@dataclass(frozen=True)
class Scoped:
    """A service as the figures need it: plain values, no ORM object (10,000 of them load in milliseconds)."""

    id: int
    slug: str
    body: str
    domain: str
    maturity: int
    status: str
    planned_live_on: date | None
    public: bool  # published and not withdrawn


@dataclass
class Figures:
    programme: Programme
    today: date
    live: int
    in_scope: list[Scoped]
    counted: list[Scoped]
    timeline: list[tuple[date, int]]
    forecast: Forecast
    late: list[Scoped]
    breakdown: dict[str, Counter[str]] = field(default_factory=dict)
    recent: list[StatusChange] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.live / self.programme.target if self.programme.target else 0.0


def month_ends(start: date, end: date) -> list[date]:
    """The last day of each month from ``start``'s month to ``end``'s, the last one cut at ``end``."""
    ends, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        last = date(year, month, calendar.monthrange(year, month)[1])
        ends.append(min(last, end))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ends


def _published(bodies: Iterable[str]) -> Any:
    return (Body.code.in_(list(bodies))) & Service.published_at.is_not(None)


# The two reads that touch every service and every live period go through text(): plain tuples, without
# the per-row type processing of the ORM, which tripled their cost on 10,000 services.
SCOPE = text(
    "SELECT service.id, service.slug, body.code, term.code, service.maturity, service.status, "
    "service.planned_live_on, service.withdrawn_at IS NULL FROM service "
    "JOIN body ON body.id = service.body_id JOIN term ON term.id = service.domain_id "
    "WHERE body.code IN :bodies AND service.published_at IS NOT NULL"
).bindparams(bindparam("bodies", expanding=True))
PERIODS = text('SELECT service_id, start, "end" FROM live_period')


def in_scope(programme: Programme, bodies: Iterable[str]) -> list[Scoped]:
    """Published services of enabled bodies that the programme's rule or a hand adjustment concerns."""
    adjustments = {adjustment.service_id: adjustment.include for adjustment in programme.adjustments}
    domains, level = set(programme.domains), programme.min_maturity
    found = []
    for row in db.session.execute(SCOPE, {"bodies": list(bodies)}).all():
        service_id, domain, maturity = row[0], row[3], row[4]
        if adjustments.get(service_id, domain in domains and maturity >= level):
            planned = row[6] if row[6] is None or isinstance(row[6], date) else date.fromisoformat(str(row[6])[:10])
            found.append(Scoped(service_id, row[1], row[2], domain, maturity, row[5], planned, bool(row[7])))
    return found


Interval = tuple[int, float, float | None]  # service, live from, live until (None: still live), epoch seconds


def live_intervals() -> list[Interval]:
    """Every period a service spent live (kept up to date as statuses are recorded)."""
    return [(service_id, start, end) for service_id, start, end in db.session.execute(PERIODS).all()]


def _end_of(day: date) -> float:
    return datetime.combine(day, time.max, tzinfo=UTC).timestamp()


def live_on(intervals: list[Interval], day: date) -> set[int]:
    """Services live at the end of ``day``."""
    end = _end_of(day)
    return {service_id for service_id, start, until in intervals if start <= end and (until is None or until > end)}


def timeline(intervals: list[Interval], days: list[date]) -> list[tuple[date, int]]:
    """Services live at each day's end. A service's live periods never overlap, so counting the periods that
    started and subtracting those that ended gives the count, with two sorted lists and bisection."""
    starts = sorted(start for _service, start, _until in intervals)
    ends = sorted(until for _service, _start, until in intervals if until is not None)
    return [(day, bisect_right(starts, _end_of(day)) - bisect_right(ends, _end_of(day))) for day in days]


def forecast(programme: Programme, live: int, today: date) -> Forecast:
    months_so_far = max((today - programme.start).days / 30.4375, 1.0)
    pace = live / months_so_far
    remaining = max(programme.target - live, 0)
    reached_on = today if remaining == 0 else (
        date.fromordinal(today.toordinal() + round(remaining / pace * 30.4375)) if pace > 0 else None
    )  # fmt: skip
    months_left = (programme.deadline - today).days / 30.4375
    needed = remaining / months_left if remaining and months_left > 0 else None
    return Forecast(round(pace, 2), reached_on, round(needed, 2) if needed is not None else None)


def compute(programme: Programme, bodies: Iterable[str], today: date) -> Figures:
    bodies = list(bodies)
    scope = in_scope(programme, bodies)
    scope_ids = {service.id for service in scope}
    intervals = [interval for interval in live_intervals() if interval[0] in scope_ids]
    live_ids = live_on(intervals, today)
    counted = [service for service in scope if service.id in live_ids]
    late = sorted((service for service in scope
                   if service.planned_live_on and service.planned_live_on < today and service.id not in live_ids),
                  key=lambda service: (service.planned_live_on, service.slug))  # fmt: skip
    days = month_ends(programme.start, min(today, programme.deadline))
    figures = Figures(programme, today, len(counted), scope, counted, timeline(intervals, days),
                      forecast(programme, len(counted), today), late)  # fmt: skip
    figures.breakdown = {
        "domain": Counter(service.domain for service in counted),
        "body": Counter(service.body for service in counted),
        "status": Counter(service.status for service in scope),
        "maturity": Counter(str(service.maturity) for service in scope),
    }
    figures.recent = list(
        db.session.scalars(
            select(StatusChange)
            .join(Service, Service.id == StatusChange.service_id)
            .join(Body, Body.id == Service.body_id)
            .where(_published(bodies))
            .order_by(StatusChange.changed_at.desc(), StatusChange.id.desc())
            .limit(RECENT * 4)
        )
    )
    figures.recent = [change for change in figures.recent if change.service_id in scope_ids][:RECENT]  # fmt: skip
    return figures


def services_of(rows: Iterable[Scoped]) -> list[Service]:
    """The ORM services behind some scoped rows, in the same order, for pages that show their texts."""
    ids = [row.id for row in rows]
    found = {service.id: service for service in db.session.scalars(select(Service).where(Service.id.in_(ids)))}
    return [found[service_id] for service_id in ids if service_id in found]


@dataclass(frozen=True)
class SectorRow:
    body: Body
    platforms: int  # channels of kind web or mobile
    eservices: int  # published services, not withdrawn


def sector(bodies: Iterable[str]) -> list[SectorRow]:
    """The figures the ministry quotes: digital platforms and e-services, per body."""
    codes = list(bodies)
    platforms: dict[int, int] = {body_id: count for body_id, count in db.session.execute(
        select(Channel.body_id, func.count(Channel.id)).where(Channel.kind.in_(("web", "mobile")))
        .group_by(Channel.body_id))}  # fmt: skip
    services: dict[int, int] = {body_id: count for body_id, count in db.session.execute(
        select(Service.body_id, func.count(Service.id))
        .where(Service.published_at.is_not(None), Service.withdrawn_at.is_(None), Service.status != "retired")
        .group_by(Service.body_id))}  # fmt: skip
    found = db.session.scalars(select(Body).where(Body.code.in_(codes)).order_by(Body.position))
    return [SectorRow(body, platforms.get(body.id, 0), services.get(body.id, 0)) for body in found]
