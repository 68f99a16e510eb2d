"""Browse and search the catalogue: combinable filters with counts per value, relevance, pagination.

One function serves the HTML pages and the JSON API.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from math import ceil
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Executable,
    Select,
    String,
    bindparam,
    cast,
    func,
    literal,
    select,
    union_all,
)
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
from portal.database import Prepared, one_of
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
    corrected: dict[str, str] = field(default_factory=dict)  # typed word (normalised) -> the word searched instead


def browse(
    filters: Filters, bodies: Sequence[str], locale: str, with_facets: bool = True,
    load: Callable[[list[int]], list[Any]] | None = None,
) -> Result:  # fmt: skip
    """The page of services that match, their total, and the count of every facet value; ``load`` makes the page's
    services of their ids (default: the cards the pages show, in ``locale``)."""
    found = find(db.session, filters.q) if filters.q else None
    ranking = found.ids if found and found.query else None
    shape = Shape(tuple(facet for facet in filters.chosen() if facet != "status"), ranking is not None)
    values = _values(filters, bodies, ranking, locale)
    ids = list(db.session.scalars(_matching(shape), values))
    if ranking is not None:
        position = {service_id: index for index, service_id in enumerate(ranking)}
        ids.sort(key=position.__getitem__)
    pages = max(1, ceil(len(ids) / filters.per_page))
    page = min(max(filters.page, 1), pages)
    window = ids[(page - 1) * filters.per_page : page * filters.per_page]
    result = Result(load(window) if load else cards(window, locale), len(ids), page, pages)
    if found:
        result.query_words, result.partial, result.complete = found.words, found.partial, found.complete
        result.corrected = found.corrected
        if found.corrected:
            result.suggestion = suggestion(filters.q, found.corrected, _shown_texts(window, locale))
    if with_facets:
        result.facets = _facet_counts(filters, shape, values)
    return result


@dataclass(frozen=True)
class Shape:
    """What decides a listing's statements: the facets chosen (the status apart, always a condition) and whether a
    search ranks the services. Each shape's statements are built once, with the values as parameters (building a
    statement cost more than running it)."""

    chosen: tuple[str, ...]
    searched: bool


def _values(filters: Filters, bodies: Sequence[str], ranking: list[int] | None, locale: str) -> dict[str, Any]:
    values: dict[str, Any] = {"bodies": list(bodies), "statuses": list(filters.status or LISTED_STATUSES),
                              "locale": locale, "ranking": ranking or []}  # fmt: skip
    values.update({f"chosen_{facet}": list(chosen) for facet, chosen in filters.chosen().items()})
    return values


def _shown_texts(ids: list[int], locale: str) -> list[str]:
    """The titles and summaries the page shows, which a spelling suggestion highlights."""
    rows = db.session.execute(STATEMENTS["shown texts"], {"ids": ids, "locale": locale})
    return [text for row in rows for text in row]


def _conditions(shape: Shape) -> dict[str, ColumnElement[bool]]:
    enabled = select(Body.id).where(Body.code.in_(one_of("bodies")))
    conditions: dict[str, ColumnElement[bool]] = {
        "enabled": Service.body_id.in_(enabled) & is_public(),
        "status": Service.status.in_(one_of("statuses")),
    }
    if shape.searched:
        conditions["q"] = Service.id.in_(one_of("ranking"))
    for facet in shape.chosen:
        conditions[facet] = CONDITIONS[facet](one_of(f"chosen_{facet}"))
    return conditions


def _terms(vocabulary: str) -> Callable[[BindParameter[Any]], ColumnElement[bool]]:
    def condition(codes: BindParameter[Any]) -> ColumnElement[bool]:
        tagged = (
            select(service_term.c.service_id)
            .join(Term, Term.id == service_term.c.term_id)
            .where(Term.vocabulary == vocabulary, Term.code.in_(codes))
        )
        return Service.id.in_(tagged)

    return condition


CONDITIONS: dict[str, Callable[[BindParameter[Any]], ColumnElement[bool]]] = {
    "body": lambda codes: Service.body_id.in_(select(Body.id).where(Body.code.in_(codes))),
    "domain": lambda codes: Service.domain_id.in_(
        select(Term.id).where(Term.vocabulary == "domain", Term.code.in_(codes))
    ),
    "audience": _terms("audience"),
    "life_event": _terms("life_event"),
    "channel": lambda kinds: Service.id.in_(
        select(service_channel.c.service_id)
        .join(Channel, Channel.id == service_channel.c.channel_id)
        .where(Channel.kind.in_(kinds))
    ),
    "maturity": lambda levels: Service.maturity.in_(levels),
}


@lru_cache(maxsize=256)
def _matching(shape: Shape) -> Select[Any]:
    """The ids of the services that match, in the listing's order (a search's is applied by the caller)."""
    statement = select(Service.id).where(*_conditions(shape).values())
    if shape.searched:
        return statement
    title = select(ServiceText.title).where(
        ServiceText.service_id == Service.id, ServiceText.locale == bindparam("locale")
    )
    return statement.join(Body, Body.id == Service.body_id).order_by(
        Body.position, title.scalar_subquery(), Service.slug
    )


def cards(ids: list[int], locale: str) -> list[Card]:
    """The cards of these services, in this order: three small queries, no ORM objects (a page of 20 services
    through the ORM and its relations cost more than the rest of the page)."""
    if not ids:
        return []
    services = {row[0]: row for row in db.session.execute(STATEMENTS["cards"], {"ids": ids})}
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for service_id, text_locale, title, summary in db.session.execute(STATEMENTS["texts"], {"ids": ids}):
        texts.setdefault(service_id, {})[text_locale] = (title, summary)
    kinds: dict[int, list[str]] = {}
    for service_id, kind in db.session.execute(STATEMENTS["channel kinds"], {"ids": ids}):
        if kind not in kinds.setdefault(service_id, []):
            kinds[service_id].append(kind)
    return [_card(services[service_id], texts.get(service_id, {}), kinds.get(service_id, []), locale)
            for service_id in ids if service_id in services]  # fmt: skip


# The statements of a page of services, their values as parameters (``Prepared``).
STATEMENTS = Prepared(
    {
        "cards": lambda: (
            select(Service.id, Service.slug, Service.status, Service.maturity, Body.acronym, Body.names, Body.code)
            .join(Body, Body.id == Service.body_id)
            .where(Service.id.in_(one_of("ids")))
        ),
        "texts": lambda: select(
            ServiceText.service_id, ServiceText.locale, ServiceText.title, ServiceText.summary
        ).where(ServiceText.service_id.in_(one_of("ids"))),
        "shown texts": lambda: select(ServiceText.title, ServiceText.summary).where(
            ServiceText.service_id.in_(one_of("ids")), ServiceText.locale == bindparam("locale")
        ),
        "channel kinds": lambda: (
            select(service_channel.c.service_id, Channel.kind)
            .join(Channel, Channel.id == service_channel.c.channel_id)
            .where(service_channel.c.service_id.in_(one_of("ids")))
            .order_by(Channel.id)
        ),
    }
)


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


def _facet_counts(filters: Filters, shape: Shape, values: dict[str, Any]) -> dict[str, list[FacetCount]]:
    """Counts for each value of every facet, each under every other chosen filter (so choices combine)."""
    counts: dict[str, list[FacetCount]] = {facet: [] for facet in FACETS}
    for facet, text, count in db.session.execute(_facets_statement(shape), values).all():
        code = int(text) if facet == "maturity" else text  # one column of text for every facet's values
        counts[facet].append(FacetCount(code, count, code in getattr(filters, facet)))
    return counts


@lru_cache(maxsize=256)
def _facets_statement(shape: Shape) -> Executable:
    """One statement, the facets' counts one after the other (UNION ALL), rather than a round trip per facet."""
    conditions = _conditions(shape)
    parts = []
    for facet in FACETS:
        others = [condition for name, condition in conditions.items() if name != facet]
        value, joined = FACET_COLUMNS[facet]()
        counted = joined.with_only_columns(literal(facet).label("facet"), cast(value, String).label("code"),
                                           *list(joined.selected_columns)[1:])  # fmt: skip
        parts.append(counted.where(*others).group_by(value))
    return union_all(*parts)


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
