"""Every figure of a programme, computed from the services and their status history; nothing is typed in.

A service counts towards a programme on a day when, that day, its last recorded status is ``live``, it
belongs to one of the programme's domains and reaches its maturity level (or it is included by hand),
it is not excluded by hand, and it has been published (drafts never count).
"""

from __future__ import annotations

import calendar
import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import selectinload

from portal.catalogue.models import Body, Channel, Service
from portal.dashboard.models import Programme, StatusChange
from portal.extensions import db
from portal.registry.vocabulary import FULLY_ONLINE, PAYMENT_ELSEWHERE

RECENT = 15


LISTED = 200  # services a page names in a list; it counts the others


@dataclass(frozen=True)
class Forecast:
    pace: float  # services that went live a month, over the programme so far
    reached_on: date | None  # at this pace; None when the pace is nil
    needed_pace: float | None  # a month, to reach the target by the deadline; None once reached or past


@dataclass(frozen=True, slots=True)
class Scoped:
    """A service as the figures need it: plain values, no ORM object (10,000 of them load in milliseconds), in
    slots (100,000 of them took 47 MB with a dictionary each)."""

    id: int
    slug: str
    body: str
    domain: str
    maturity: int
    status: str
    planned_live_on: date | None
    public: bool  # published and not withdrawn


@dataclass(frozen=True)
class Missing:
    """What stands between the programme and its target, named where the catalogue knows it (LISTED of each kind
    at most, the others counted)."""

    planned: list[Scoped]  # in the catalogue, not live yet
    below_level: list[Scoped]  # live, below the programme's level of service
    unnamed: int  # asked for by the target, not in the catalogue at all
    more: dict[str, int] = field(default_factory=dict)  # of each kind, those not in its list


@dataclass
class Figures:
    programme: Programme
    today: date
    live: int
    counted: list[Scoped]
    timeline: list[tuple[date, int]]
    forecast: Forecast
    late: list[Scoped]
    breakdown: dict[str, Counter[str]] = field(default_factory=dict)
    recent: list[StatusChange] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.live / self.programme.target if self.programme.target else 0.0

    @property
    def missing(self) -> int:
        """How many e-services the target still asks for."""
        return max(self.programme.target - self.live, 0)

    @property
    def behind(self) -> bool:
        """The programme is late: at the current pace the target is reached after the deadline, or never."""
        reached = self.forecast.reached_on
        return self.missing > 0 and (reached is None or reached > self.programme.deadline)


def month_ends(start: date, end: date) -> list[date]:
    """The last day of each month from ``start``'s month to ``end``'s, the last one cut at ``end``."""
    ends, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        last = date(year, month, calendar.monthrange(year, month)[1])
        ends.append(min(last, end))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ends


# The figures are counted by the database over the programme's scope: a service (s) of an enabled body (b),
# published, of the programme's domains (t) at or above its maturity level, or included by hand, and not
# excluded by hand. A live period (lp) covers a moment when it started before and has not ended by then.
# Written as SQL text: plain tuples come back, without the ORM's per-row work (10,000 services and 26,000
# periods took three times longer through it). Only bound parameters and these fixed fragments are joined.
# The level a service really offers: a claim of a fully online transaction with payment elsewhere counts as an
# online submission (vocabulary.maturity_reached, as SQL; both values are constants of the code).
MATURITY = (
    f"(CASE WHEN s.maturity >= {FULLY_ONLINE} AND s.payment = '{PAYMENT_ELSEWHERE}' "
    f"THEN {FULLY_ONLINE - 1} ELSE s.maturity END)"
)
# The programme's services of any level: its domains, or included by hand; published; not excluded by hand.
CANDIDATES = (
    "FROM service s JOIN body b ON b.id = s.body_id JOIN term t ON t.id = s.domain_id "
    "WHERE b.code IN :bodies AND s.published_at IS NOT NULL AND s.id NOT IN :excluded "
    "AND (t.code IN :domains OR s.id IN :included)"
)
SCOPE = f"{CANDIDATES} AND (s.id IN :included OR {MATURITY} >= :level)"
COLUMNS = f"s.id, s.slug, b.code, t.code, {MATURITY}, s.status, s.planned_live_on, s.withdrawn_at IS NULL"
LIVE_AT = 'lp.start <= {moment} AND (lp."end" IS NULL OR lp."end" > {moment})'
# Live at the end of today. Over the whole scope, as one set the database builds once (an EXISTS per service
# cost three times as much); for a few candidates, such as the late ones, as an EXISTS per candidate.
LIVE_NOW = f"s.id IN (SELECT lp.service_id FROM live_period lp WHERE {LIVE_AT.format(moment=':now')})"  # noqa: S608
IS_LIVE_NOW = f"EXISTS (SELECT 1 FROM live_period lp WHERE lp.service_id = s.id AND {LIVE_AT.format(moment=':now')})"  # noqa: S608
EXPANDING = ("bodies", "excluded", "domains", "included")


def _statement(sql: str) -> Any:
    return text(sql).bindparams(*(bindparam(name, expanding=True) for name in EXPANDING))


def _scope_values(programme: Programme, bodies: Iterable[str], today: date) -> dict[str, Any]:
    return {
        "bodies": list(bodies), "domains": list(programme.domains), "level": programme.min_maturity,
        "included": [a.service_id for a in programme.adjustments if a.include],
        "excluded": [a.service_id for a in programme.adjustments if not a.include],
        "now": _end_of(today), "today": today,
    }  # fmt: skip


def _scoped(rows: Iterable[Any]) -> list[Scoped]:
    found = []
    for row in rows:
        planned = row[6] if row[6] is None or isinstance(row[6], date) else date.fromisoformat(str(row[6])[:10])
        found.append(Scoped(row[0], row[1], row[2], row[3], row[4], row[5], planned, bool(row[7])))
    return found


def counted_services(values: dict[str, Any]) -> list[Scoped]:
    """The services of the scope live at the end of the day."""
    return _scoped(db.session.execute(_statement(f"SELECT {COLUMNS} {SCOPE} AND {LIVE_NOW}"), values).all())


def late_services(values: dict[str, Any]) -> list[Scoped]:
    """Planned go-live date passed, not live."""
    late = f"s.planned_live_on < :today AND NOT {IS_LIVE_NOW}"
    sql = f"SELECT {COLUMNS} {SCOPE} AND {late} ORDER BY s.planned_live_on, s.slug"
    return _scoped(db.session.execute(_statement(sql), values).all())


def missing_services(programme: Programme, bodies: Iterable[str], today: date, public_only: bool = False) -> Missing:
    """The programme's services that do not count yet, named: those planned (not live yet, whatever level they
    plan), and those live below the programme's level; and how many more the target asks for than these. Counted
    by the database, the first LISTED of each kind named (``public_only``: of those published and not withdrawn)."""
    values = _scope_values(programme, bodies, today)
    uncounted = f"{CANDIDATES} AND s.status <> 'retired' AND s.id NOT IN (SELECT s.id {SCOPE} AND {LIVE_NOW})"
    below = f"s.status = 'live' AND {MATURITY} < :level"
    public = " AND s.withdrawn_at IS NULL" if public_only else ""
    order = "ORDER BY s.planned_live_on IS NULL, s.planned_live_on, s.slug"
    named: dict[str, list[Scoped]] = {}
    more: dict[str, int] = {}
    found = 0
    for name, kind in (("planned", f"NOT ({below})"), ("below_level", below)):
        where = f"{uncounted} AND {kind}"
        found += _count(f"SELECT COUNT(*) {where}", values)
        sql = f"SELECT {COLUMNS} {where}{public} {order} LIMIT {LISTED}"
        named[name] = _scoped(db.session.execute(_statement(sql), values))
        more[name] = _count(f"SELECT COUNT(*) {where}{public}", values) - len(named[name])
    live = _count(f"SELECT COUNT(*) {SCOPE} AND {LIVE_NOW}", values)
    return Missing(named["planned"], named["below_level"], max(programme.target - live - found, 0), more)


def _count(sql: str, values: dict[str, Any]) -> int:
    return int(db.session.execute(_statement(sql), values).scalar_one())


def status_and_maturity(values: dict[str, Any]) -> tuple[Counter[str], Counter[str]]:
    """Services of the scope per lifecycle status and per maturity level, counted in one pass."""
    rows = db.session.execute(_statement(f"SELECT s.status, {MATURITY}, COUNT(*) {SCOPE} GROUP BY 1, 2"), values)
    statuses: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    for status, maturity, count in rows:
        statuses[str(status)] += count
        levels[str(maturity)] += count
    return statuses, levels


def timeline(values: dict[str, Any], days: list[date]) -> list[tuple[date, int]]:
    """Services of the scope live at each day's end, counted in one pass over the live periods (a filtered
    count per day: SQLite evaluates it in two thirds of the time of a sum over a CASE)."""
    if not days:
        return []
    sums = ", ".join(f"COUNT(*) FILTER (WHERE {LIVE_AT.format(moment=f':day{index}')})" for index in range(len(days)))
    sql = f"SELECT {sums} FROM live_period lp JOIN (SELECT s.id {SCOPE}) scope ON scope.id = lp.service_id"  # noqa: S608
    moments = {f"day{index}": _end_of(day) for index, day in enumerate(days)}
    counts = db.session.execute(_statement(sql), {**values, **moments}).one()
    return [(day, int(count)) for day, count in zip(days, counts, strict=True)]


def _end_of(day: date) -> float:
    return datetime.combine(day, time.max, tzinfo=UTC).timestamp()


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
    values = _scope_values(programme, bodies, today)
    counted = counted_services(values)
    days = month_ends(programme.start, min(today, programme.deadline))
    figures = Figures(programme, today, len(counted), counted, timeline(values, days),
                      forecast(programme, len(counted), today), late_services(values))  # fmt: skip
    statuses, levels = status_and_maturity(values)
    figures.breakdown = {
        "domain": Counter(service.domain for service in counted),
        "body": Counter(service.body for service in counted),
        "status": statuses,
        "maturity": levels,
    }
    figures.recent = recent_changes(values)
    return figures


def recent_changes(values: dict[str, Any]) -> list[StatusChange]:
    """The last changes of the scope's services, with the services and their texts the page shows."""
    # The unary plus keeps SQLite from reaching the changes through their service (every change of the scope,
    # then a sort): it walks the time index backwards instead and stops at the fifteenth. PostgreSQL reads it
    # as the same number.
    sql = (
        f"SELECT sc.id FROM status_change sc WHERE +sc.service_id IN (SELECT s.id {SCOPE}) "  # noqa: S608
        f"ORDER BY sc.changed_at DESC, sc.id DESC LIMIT {RECENT}"
    )
    ids = list(db.session.scalars(_statement(sql), values))
    found = db.session.scalars(select(StatusChange).where(StatusChange.id.in_(ids))
                               .options(selectinload(StatusChange.service).selectinload(Service.texts)))  # fmt: skip
    return sorted(found, key=lambda change: ids.index(change.id))


def services_of(rows: Iterable[Scoped], limit: int | None = None) -> list[Service]:
    """The ORM services behind the first ``limit`` scoped rows, in the same order, with their texts and body, for
    pages that name them (a page names LISTED at most: at 100,000 services it held every one in memory)."""
    ids = [row.id for row in itertools.islice(rows, limit or LISTED)]
    query = select(Service).where(Service.id.in_(ids)).options(selectinload(Service.texts), selectinload(Service.body))
    found = {service.id: service for service in db.session.scalars(query)}
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


def contributions(body_code: str, bodies: list[str], today: date) -> list[tuple[Figures, int, int]]:
    """For each programme: its figures, and how many of the counted and of the late services are this body's."""
    found = []
    for programme in db.session.scalars(select(Programme).order_by(Programme.id)):
        figures = compute(programme, bodies, today)
        mine = sum(1 for service in figures.counted if service.body == body_code)
        late = sum(1 for service in figures.late if service.body == body_code)
        found.append((figures, mine, late))
    return found
