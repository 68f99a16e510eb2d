"""The API's list of services, read as rows: four small statements (built once) for a page of services and plain
dictionaries, rather than ORM objects with their relations dumped field by field through marshmallow (a page of 20
services cost ~18 ms to load and ~17 ms to dump that way). The shape is ``ServiceSummarySchema``'s, which documents it;
``tests/portal/api/test_listing.py`` holds the two to the same output."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Executable, select
from sqlalchemy.orm import aliased

from portal.catalogue.browse import STATEMENTS as CARDS
from portal.catalogue.models import (
    Body,
    Channel,
    Service,
    Term,
    channel_name,
    service_channel,
    service_term,
)
from portal.database import Prepared, one_of
from portal.extensions import db

VOCABULARY_KEYS = {"audience": "audiences", "life_event": "life_events"}


def summaries(ids: Sequence[int], locales: Sequence[str]) -> list[dict[str, Any]]:
    """The summaries of these services, in this order, as the API gives them."""
    if not ids:
        return []
    found = {
        row[0]: {"slug": row[1], "body": row[2], "domain": row[3], "maturity": row[4], "status": row[5],
                 "hosted": row[6], "updated_at": row[7].isoformat(), "audiences": [], "life_events": [],
                 "channels": [], "texts": {}}
        for row in db.session.execute(STATEMENTS["summaries"], {"ids": list(ids)})
    }  # fmt: skip
    values = {"ids": list(found)}
    for service_id, locale, title, summary in db.session.execute(CARDS["texts"], values):
        found[service_id]["texts"][locale] = {"title": title, "summary": summary}
    for service_id, vocabulary, code in db.session.execute(STATEMENTS["terms"], values):
        found[service_id][VOCABULARY_KEYS[vocabulary]].append(code)
    for service_id, code, kind, url, names in db.session.execute(STATEMENTS["channels"], values):
        found[service_id]["channels"].append(
            {"code": code, "kind": kind, "url": url,
             "names": {locale: channel_name(names, kind, locale) for locale in locales}}
        )  # fmt: skip
    return [found[service_id] for service_id in ids if service_id in found]


def _summaries() -> Executable:
    domain = aliased(Term)
    return (
        select(Service.id, Service.slug, Body.code, domain.code, Service.maturity, Service.status, Service.hosted,
               Service.updated_at)
        .join(Body, Body.id == Service.body_id)
        .join(domain, domain.id == Service.domain_id)
        .where(Service.id.in_(one_of("ids")))
    )  # fmt: skip


STATEMENTS = Prepared(
    {
        "summaries": _summaries,
        "terms": lambda: (
            select(service_term.c.service_id, Term.vocabulary, Term.code)
            .join(Term, Term.id == service_term.c.term_id)
            .where(service_term.c.service_id.in_(one_of("ids")), Term.vocabulary.in_(VOCABULARY_KEYS))
            .order_by(Term.position)
        ),
        "channels": lambda: (
            select(service_channel.c.service_id, Channel.code, Channel.kind, Channel.url, Channel.names)
            .join(Channel, Channel.id == service_channel.c.channel_id)
            .where(service_channel.c.service_id.in_(one_of("ids")))
            .order_by(Channel.id)
        ),
    }
)
