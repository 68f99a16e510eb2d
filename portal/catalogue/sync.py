"""The catalogue's part of ``flask catalogue sync``: upsert the registry into the database, refresh the search index.

Each status that code sets is announced (``portal.catalogue.status``) for the dashboard's history; the rules' first
values are seeded after this by ``portal.provisioning``, which runs the whole sync in order.

Code owns identity and behaviour (slug, body, hosted); the database owns content once a person has
edited it. So a sync always refreshes what code owns, and refreshes content only where no person
has edited it (``Service.content_edited_at`` for the service's attributes, ``ServiceText.edited_at``
for the text of one locale).

A service that came from a plugin (``Service.from_plugin``: made by a sync, never by a person in the back office)
does not outlive its plugin's declaration: when an enabled body stops declaring it, the sync retires it (its status
becomes "retired", announced like any status, and it leaves the public catalogue); its content and its dossiers stay.
A body that is not enabled is not asked: its services are left as they are.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from portal.catalogue.indexing import reindex
from portal.catalogue.models import Body, Channel, Service, ServiceText, Term
from portal.catalogue.status import status_set
from portal.database import utcnow
from portal.extensions import db
from portal.registry import Registry, spec
from portal.registry.vocabulary import TERM_VOCABULARIES

TEXT_FIELDS = tuple(item.name for item in dataclasses.fields(spec.ServiceText))


@dataclass
class SyncReport:
    """What a sync did, for the command's output and for tests."""

    bodies: int = 0
    services_created: list[str] = field(default_factory=list)
    services_updated: list[str] = field(default_factory=list)  # something the sync writes actually changed
    services_unchanged: list[str] = field(default_factory=list)
    services_retired: list[str] = field(default_factory=list)  # no longer declared by their plugin
    edits_kept: list[str] = field(default_factory=list)  # "slug" or "slug/locale"

    def lines(self) -> list[str]:
        return [
            f"bodies: {self.bodies}",
            f"services created: {len(self.services_created)}" + _listing(self.services_created),
            f"services updated: {len(self.services_updated)}" + _listing(self.services_updated),
            f"services unchanged: {len(self.services_unchanged)}",
            f"services retired: {len(self.services_retired)}" + _listing(self.services_retired),
            f"edits by people kept: {len(self.edits_kept)}" + _listing(self.edits_kept),
        ]


def _listing(items: list[str]) -> str:
    return f" ({', '.join(items)})" if items else ""


def sync_catalogue(registry: Registry) -> SyncReport:
    """Upsert vocabulary terms, bodies, channels and services; commit once at the end."""
    report = SyncReport()
    terms = _sync_terms()
    synced: list[Service] = []
    for body_spec in registry:
        body = _sync_body(body_spec)
        channels = _sync_channels(body, body_spec)
        for service_spec in body_spec.services:
            synced.append(_sync_service(body, service_spec, terms, channels, report))
        report.bodies += 1
    _retire_undeclared(registry, {service.slug for service in synced}, report)
    db.session.flush()
    reindex(synced)
    db.session.commit()
    return report


def _sync_terms() -> dict[tuple[str, str], Term]:
    existing = {(term.vocabulary, term.code): term for term in db.session.scalars(select(Term))}
    for vocabulary in TERM_VOCABULARIES:
        for position, code in enumerate(vocabulary):
            term = existing.get((vocabulary.name, code))
            if term is None:
                term = existing[(vocabulary.name, code)] = Term(vocabulary=vocabulary.name, code=code)
                db.session.add(term)
            term.position = position
    return existing


def _sync_body(body_spec: spec.BodySpec) -> Body:
    body = db.session.scalar(select(Body).where(Body.code == body_spec.code))
    if body is None:
        body = Body(code=body_spec.code)
        db.session.add(body)
    contact = body_spec.contact
    body.kind = body_spec.kind
    body.acronym = body_spec.acronym
    body.names = dict(body_spec.names)
    body.website = body_spec.website
    body.position = body_spec.position
    body.contact = {
        "email": contact.email,
        "phone": contact.phone,
        "url": contact.url,
        "address": dict(contact.address),
    }
    return body


def _sync_channels(body: Body, body_spec: spec.BodySpec) -> dict[str, Channel]:
    existing = {channel.code: channel for channel in body.channels}
    declared = [*body_spec.channels, spec.Channel(spec.PORTAL_CHANNEL, "portal", {})]
    for declared_channel in declared:
        channel = existing.get(declared_channel.code)
        if channel is None:
            channel = existing[declared_channel.code] = Channel(code=declared_channel.code)
            body.channels.append(channel)
        channel.kind = declared_channel.kind
        channel.names = dict(declared_channel.names)
        channel.url = declared_channel.url
    return existing


def _sync_service(
    body: Body,
    service_spec: spec.Service,
    terms: dict[tuple[str, str], Term],
    channels: dict[str, Channel],
    report: SyncReport,
) -> Service:
    service = db.session.scalar(select(Service).where(Service.slug == service_spec.slug))
    before = _synced_content(service) if service is not None else None
    if service is None:
        service = Service(slug=service_spec.slug, published_at=utcnow())  # code's content is published as is
        db.session.add(service)
    _write_service(service, body, service_spec, terms, channels, report)
    if before is None:
        report.services_created.append(service.slug)
    elif before != _synced_content(service):
        report.services_updated.append(service.slug)
    else:
        report.services_unchanged.append(service.slug)
    return service


def _write_service(
    service: Service,
    body: Body,
    service_spec: spec.Service,
    terms: dict[tuple[str, str], Term],
    channels: dict[str, Channel],
    report: SyncReport,
) -> None:
    """What code owns, always; the content, where no person edited it."""
    service.body = body
    service.hosted = service_spec.hosted
    service.from_plugin = True
    if service.content_edited_at is None:
        service.domain = terms[("domain", service_spec.domain)]
        service.maturity, service.payment = service_spec.maturity, service_spec.payment
        service.status = service_spec.status
        service.planned_live_on = service_spec.planned_live_on
        status_set(service, service.status, f"plugin:{body.code}", "sync")
        service.terms = [terms[("audience", code)] for code in service_spec.audiences] + [
            terms[("life_event", code)] for code in service_spec.life_events
        ]
        service.channels = [channels[code] for code in service_spec.channels]
    else:
        report.edits_kept.append(service_spec.slug)
    for locale, text_spec in service_spec.texts.items():
        _sync_text(service, locale, text_spec, report)


def _synced_content(service: Service) -> tuple[Any, ...]:
    """Everything a sync writes to a service, as values to compare (terms and channels are read back in their
    own order: compared as sets): whether a sync changed anything."""
    texts = {
        locale: tuple(_frozen(getattr(text, name)) for name in TEXT_FIELDS) for locale, text in service.texts.items()
    }
    return (
        service.body, service.hosted, service.from_plugin, service.domain, service.maturity, service.payment,
        service.status, service.planned_live_on, frozenset(service.terms), frozenset(service.channels), texts,
    )  # fmt: skip


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _retire_undeclared(registry: Registry, declared: set[str], report: SyncReport) -> None:
    """Retire the services that came from an enabled body's plugin which no longer declares them."""
    query = (
        select(Service)
        .join(Body, Body.id == Service.body_id)
        .where(Body.code.in_(list(registry.bodies)), Service.from_plugin.is_(True), Service.slug.not_in(declared))
        .where((Service.status != "retired") | Service.withdrawn_at.is_(None))
        .order_by(Service.slug)
    )
    for service in db.session.scalars(query):
        service.status = "retired"
        service.withdrawn_at = service.withdrawn_at or utcnow()
        status_set(service, "retired", f"plugin:{service.body.code}", "sync")
        report.services_retired.append(service.slug)


def _sync_text(service: Service, locale: str, text_spec: spec.ServiceText, report: SyncReport) -> None:
    text = service.texts.get(locale)
    if text is None:
        text = service.texts[locale] = ServiceText(locale=locale)
    elif text.edited_at is not None:
        report.edits_kept.append(f"{service.slug}/{locale}")
        return
    for name in TEXT_FIELDS:
        value = getattr(text_spec, name)
        setattr(text, name, list(value) if isinstance(value, tuple) else value)
