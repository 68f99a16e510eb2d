"""Every figure of a programme, computed from the services and their status history; nothing is typed in.

A service counts towards a programme on a day when, that day, its last recorded status is ``live``, it
belongs to one of the programme's domains and reaches its maturity level (or it is included by hand),
it is not excluded by hand, and it has been published (drafts never count).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select

from portal.catalogue.models import Body, Channel, Service, Term, UTCDateTime
from portal.dashboard.models import Programme, StatusChange
from portal.extensions import db

RECENT = 15


@dataclass(frozen=True)
class Forecast:
    pace: float  # services that went live a month, over the programme so far
    reached_on: date | None  # at this pace; None when the pace is nil
    needed_pace: float | None  # a month, to reach the target by the deadline; None once reached or past


@dataclass
class Figures:
    programme: Programme
    today: date
    live: int
    in_scope: list[Service]
    counted: list[Service]
    timeline: list[tuple[date, int]]
    forecast: Forecast
    late: list[Service]
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


def in_scope(programme: Programme, bodies: Iterable[str]) -> list[Service]:
    """Published services of enabled bodies that the programme's rule or a hand adjustment concerns."""
    adjustments = {adjustment.service_id: adjustment.include for adjustment in programme.adjustments}
    statement = (
        select(Service)
        .join(Body, Body.id == Service.body_id)
        .join(Term, Term.id == Service.domain_id)
        .where(Body.code.in_(list(bodies)), Service.published_at.is_not(None))
    )
    found = []
    for service in db.session.scalars(statement):
        by_rule = service.domain.code in programme.domains and service.maturity >= programme.min_maturity
        if adjustments.get(service.id, by_rule):
            found.append(service)
    return found


def live_intervals(service_ids: list[int]) -> list[tuple[int, datetime, datetime | None]]:
    """(service, from, until) for every period a service spent live; until is None while it still is."""
    following = func.lead(StatusChange.changed_at, type_=UTCDateTime()).over(
        partition_by=StatusChange.service_id, order_by=(StatusChange.changed_at, StatusChange.id)
    )
    periods = (
        select(StatusChange.service_id, StatusChange.status, StatusChange.changed_at, following.label("until"))
        .where(StatusChange.service_id.in_(service_ids))
        .subquery()
    )
    rows = db.session.execute(select(periods.c.service_id, periods.c.changed_at, periods.c.until)
                              .where(periods.c.status == "live"))  # fmt: skip
    return [(service_id, start, until) for service_id, start, until in rows]


def live_on(intervals: list[tuple[int, datetime, datetime | None]], day: date) -> set[int]:
    """Services live at the end of ``day``."""
    end = datetime.combine(day, time.max, tzinfo=UTC)
    return {service_id for service_id, start, until in intervals if start <= end and (until is None or until > end)}


def timeline(intervals: list[tuple[int, datetime, datetime | None]], days: list[date]) -> list[tuple[date, int]]:
    return [(day, len(live_on(intervals, day))) for day in days]


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
    scope = in_scope(programme, bodies)
    intervals = live_intervals([service.id for service in scope])
    live_ids = live_on(intervals, today)
    counted = [service for service in scope if service.id in live_ids]
    late = [service for service in scope
            if service.planned_live_on and service.planned_live_on < today and service.id not in live_ids]  # fmt: skip
    days = month_ends(programme.start, min(today, programme.deadline))
    figures = Figures(programme, today, len(counted), scope, counted, timeline(intervals, days),
                      forecast(programme, len(counted), today), sorted(late, key=lambda s: s.planned_live_on))  # type: ignore[arg-type,return-value]  # fmt: skip
    figures.breakdown = {
        "domain": Counter(service.domain.code for service in counted),
        "body": Counter(service.body.code for service in counted),
        "status": Counter(service.status for service in scope),
        "maturity": Counter(str(service.maturity) for service in scope),
    }
    figures.recent = list(db.session.scalars(
        select(StatusChange).where(StatusChange.service_id.in_([service.id for service in scope]))
        .order_by(StatusChange.changed_at.desc(), StatusChange.id.desc()).limit(RECENT)))  # fmt: skip
    return figures


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
