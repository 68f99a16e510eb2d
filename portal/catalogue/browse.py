"""Browse and search the catalogue: combinable filters with counts per value, relevance, pagination.

One function serves the HTML pages and the JSON API.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from math import ceil
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, false, func, literal, select, union_all
from sqlalchemy.orm import selectinload

from portal.catalogue.highlight import suggestion
from portal.catalogue.models import (
    Body,
    Channel,
    Service,
    ServiceText,
    Term,
    localised,
    service_channel,
    service_term,
)
from portal.extensions import db
from portal.search.finder import find

FACETS = ("body", "domain", "audience", "life_event", "channel", "maturity", "status")
LISTED_STATUSES = ("planned", "in_development", "pilot", "live")  # retired only when asked for


def is_public() -> ColumnElement[bool]:
    """Published and not withdrawn: what citizens may see (drafts never are)."""
    return Service.published_at.is_not(None) & Service.withdrawn_at.is_(None)


PER_PAGE = 20


@dataclass(frozen=True)
class Filters:
    """What a person chose: values within a facet are alternatives, facets combine."""

    body: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    life_event: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()
    maturity: tuple[int, ...] = ()
    status: tuple[str, ...] = ()
    q: str = ""
    page: int = 1
    per_page: int = PER_PAGE

    def chosen(self) -> dict[str, tuple[Any, ...]]:
        return {facet: getattr(self, facet) for facet in FACETS if getattr(self, facet)}


@dataclass(frozen=True)
class FacetCount:
    value: str | int
    count: int
    selected: bool


@dataclass(frozen=True)
class Card:
    """What a list of services shows of each one, read as rows in the page's language (see ``cards``)."""

    slug: str
    status: str
    maturity: int
    acronym: str
    body_name: str
    title: str
    summary: str
    channel_kinds: tuple[str, ...]  # each kind once, in the order of the service's channels


@dataclass
class Result:
    services: list[Any]  # the page's services, as the caller's loader gives them (cards by default)
    total: int
    page: int
    pages: int
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    query_words: tuple[str, ...] = ()
    partial: bool = False  # no service matches every word: these match some of them
    complete: bool = True  # False: many services match, the search listed the best it read (total is a minimum)
    suggestion: str = ""  # what was searched instead of a misspelt query ("did you mean")


def browse(
    filters: Filters, bodies: Sequence[str], locale: str, with_facets: bool = True,
    load: Callable[[list[int]], list[Any]] | None = None,
) -> Result:  # fmt: skip
    """The page of services that match, their total, and the count of every facet value; ``load`` makes the page's
    services of their ids (default: the cards the pages show, in ``locale``)."""
    found = find(db.session, filters.q) if filters.q else None
    ranking = found.ids if found and found.query else None
    conditions = _conditions(filters, bodies, ranking)
    ids = list(db.session.scalars(_ordered(select(Service.id).where(*conditions.values()), ranking, locale)))
    if ranking is not None:
        position = {service_id: index for index, service_id in enumerate(ranking)}
        ids.sort(key=position.__getitem__)
    pages = max(1, ceil(len(ids) / filters.per_page))
    page = min(max(filters.page, 1), pages)
    window = ids[(page - 1) * filters.per_page : page * filters.per_page]
    result = Result(load(window) if load else cards(window, locale), len(ids), page, pages)
    if found:
        result.query_words, result.partial, result.complete = found.words, found.partial, found.complete
        if found.corrected:
            result.suggestion = suggestion(filters.q, found.corrected, _shown_texts(window, locale))
    if with_facets:
        result.facets = _facet_counts(filters, conditions)
    return result


def _shown_texts(ids: list[int], locale: str) -> list[str]:
    """The titles and summaries the page shows, which a spelling suggestion highlights."""
    statement = select(ServiceText.title, ServiceText.summary).where(
        ServiceText.service_id.in_(ids), ServiceText.locale == locale
    )
    return [text for row in db.session.execute(statement) for text in row]


def _conditions(filters: Filters, bodies: Sequence[str], ranking: list[int] | None) -> dict[str, ColumnElement[bool]]:
    conditions: dict[str, ColumnElement[bool]] = {
        "enabled": Service.body_id.in_(select(Body.id).where(Body.code.in_(list(bodies)))) & is_public(),
        "status": Service.status.in_(filters.status or LISTED_STATUSES),
    }
    if ranking is not None:
        conditions["q"] = Service.id.in_(ranking) if ranking else false()
    for facet, values in filters.chosen().items():
        if facet != "status":
            conditions[facet] = CONDITIONS[facet](values)
    return conditions


def _terms(vocabulary: str) -> Callable[[Sequence[Any]], ColumnElement[bool]]:
    def condition(codes: Sequence[Any]) -> ColumnElement[bool]:
        tagged = (
            select(service_term.c.service_id)
            .join(Term, Term.id == service_term.c.term_id)
            .where(Term.vocabulary == vocabulary, Term.code.in_(list(codes)))
        )
        return Service.id.in_(tagged)

    return condition


CONDITIONS: dict[str, Callable[[Sequence[Any]], ColumnElement[bool]]] = {
    "body": lambda codes: Service.body_id.in_(select(Body.id).where(Body.code.in_(list(codes)))),
    "domain": lambda codes: Service.domain_id.in_(
        select(Term.id).where(Term.vocabulary == "domain", Term.code.in_(list(codes)))
    ),
    "audience": _terms("audience"),
    "life_event": _terms("life_event"),
    "channel": lambda kinds: Service.id.in_(
        select(service_channel.c.service_id)
        .join(Channel, Channel.id == service_channel.c.channel_id)
        .where(Channel.kind.in_(list(kinds)))
    ),
    "maturity": lambda levels: Service.maturity.in_(list(levels)),
}


def _ordered(statement: Select[Any], ranking: list[int] | None, locale: str) -> Select[Any]:
    if ranking is not None:
        return statement
    title = select(ServiceText.title).where(ServiceText.service_id == Service.id, ServiceText.locale == locale)
    return statement.join(Body, Body.id == Service.body_id).order_by(
        Body.position, title.scalar_subquery(), Service.slug
    )


def cards(ids: list[int], locale: str) -> list[Card]:
    """The cards of these services, in this order: three small queries, no ORM objects (a page of 20 services
    through the ORM and its relations cost more than the rest of the page)."""
    if not ids:
        return []
    rows = db.session.execute(
        select(Service.id, Service.slug, Service.status, Service.maturity, Body.acronym, Body.names, Body.code)
        .join(Body, Body.id == Service.body_id).where(Service.id.in_(ids))
    )  # fmt: skip
    services = {row[0]: row for row in rows}
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for service_id, text_locale, title, summary in db.session.execute(
        select(ServiceText.service_id, ServiceText.locale, ServiceText.title, ServiceText.summary)
        .where(ServiceText.service_id.in_(ids))
    ):  # fmt: skip
        texts.setdefault(service_id, {})[text_locale] = (title, summary)
    kinds: dict[int, list[str]] = {}
    for service_id, kind in db.session.execute(
        select(service_channel.c.service_id, Channel.kind).join(Channel, Channel.id == service_channel.c.channel_id)
        .where(service_channel.c.service_id.in_(ids)).order_by(Channel.id)
    ):  # fmt: skip
        if kind not in kinds.setdefault(service_id, []):
            kinds[service_id].append(kind)
    return [_card(services[service_id], texts.get(service_id, {}), kinds.get(service_id, []), locale)
            for service_id in ids if service_id in services]  # fmt: skip


def _card(row: Any, texts: dict[str, tuple[str, str]], kinds: list[str], locale: str) -> Card:
    _id, slug, status, maturity, acronym, names, code = row
    title, summary = texts.get(locale) or next(iter(texts.values()), ("", ""))
    return Card(slug, status, maturity, acronym, localised(names, locale, code), title, summary, tuple(kinds))


def services_of(ids: list[int]) -> list[Service]:
    """The ORM services of these ids with their relations, in this order (a loader for ``browse``)."""
    if not ids:
        return []
    query = (
        select(Service)
        .where(Service.id.in_(ids))
        .options(
            selectinload(Service.texts),
            selectinload(Service.body),
            selectinload(Service.channels),
            selectinload(Service.terms),
        )
    )
    by_id = {service.id: service for service in db.session.scalars(query)}
    return [by_id[service_id] for service_id in ids]


def _facet_counts(filters: Filters, conditions: dict[str, ColumnElement[bool]]) -> dict[str, list[FacetCount]]:
    """Counts for each value of every facet, each under every other chosen filter (so choices combine): one
    statement, the facets' counts one after the other (UNION ALL), rather than a round trip per facet."""
    parts = []
    for facet in FACETS:
        others = [condition for name, condition in conditions.items() if name != facet]
        value, joined = FACET_COLUMNS[facet]()
        counted = joined.with_only_columns(literal(facet).label("facet"), cast(value, String).label("code"),
                                           *list(joined.selected_columns)[1:])  # fmt: skip
        parts.append(counted.where(*others).group_by(value))
    counts: dict[str, list[FacetCount]] = {facet: [] for facet in FACETS}
    for facet, text, count in db.session.execute(union_all(*parts)).all():
        code = int(text) if facet == "maturity" else text  # one column of text for every facet's values
        counts[facet].append(FacetCount(code, count, code in getattr(filters, facet)))
    return counts


def _vocabulary_column(vocabulary: str) -> tuple[Any, Any]:
    statement = (
        select(Term.code, func.count(func.distinct(Service.id)))
        .select_from(Service)
        .join(service_term, service_term.c.service_id == Service.id)
        .join(Term, Term.id == service_term.c.term_id)
        .where(Term.vocabulary == vocabulary)
    )
    return Term.code, statement


# Per facet: the grouped column, and the counting statement before the filters apply.
FACET_COLUMNS: dict[str, Callable[[], tuple[Any, Any]]] = {
    "body": lambda: (
        Body.code,
        select(Body.code, func.count(Service.id)).select_from(Service).join(Body, Body.id == Service.body_id),
    ),
    "domain": lambda: (
        Term.code,
        select(Term.code, func.count(Service.id)).select_from(Service).join(Term, Term.id == Service.domain_id),
    ),
    "audience": lambda: _vocabulary_column("audience"),
    "life_event": lambda: _vocabulary_column("life_event"),
    "channel": lambda: (
        Channel.kind,
        select(Channel.kind, func.count(func.distinct(Service.id)))
        .select_from(Service)
        .join(service_channel, service_channel.c.service_id == Service.id)
        .join(Channel, Channel.id == service_channel.c.channel_id),
    ),
    "maturity": lambda: (Service.maturity, select(Service.maturity, func.count(Service.id))),
    "status": lambda: (Service.status, select(Service.status, func.count(Service.id))),
}
