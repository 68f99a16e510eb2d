"""Response schemas of the JSON API; every text is given in every enabled locale."""

from __future__ import annotations

from typing import Any

from flask import current_app
from marshmallow import Schema, fields

from portal.catalogue.models import Body


def _locales() -> list[str]:
    return list(current_app.config["LOCALES"])


class ChannelSchema(Schema):
    code = fields.String(required=True)
    kind = fields.String(required=True, metadata={"description": "web, mobile, portal, counter or phone"})
    url = fields.String(allow_none=True)
    names = fields.Function(
        lambda channel: {locale: channel.name(locale) for locale in _locales()},
        metadata={"description": "The channel's name in each locale."},
    )


class TextSchema(Schema):
    title = fields.String(required=True)
    summary = fields.String(required=True)


class FullTextSchema(TextSchema):
    audience = fields.String()
    eligibility = fields.String()
    documents = fields.List(fields.String())
    steps = fields.List(fields.String())
    cost = fields.String()
    processing_time = fields.String()
    legal_basis = fields.String()


def _terms(vocabulary: str) -> fields.Function:
    return fields.Function(
        lambda service: [term.code for term in service.terms_of(vocabulary)],
        metadata={"description": f"Codes of the {vocabulary} vocabulary (see /api/v1/vocabularies)."},
    )


class ServiceSummarySchema(Schema):
    slug = fields.String(required=True)
    body = fields.Function(lambda service: service.body.code, metadata={"description": "Code of the body."})
    domain = fields.Function(lambda service: service.domain.code)
    audiences = _terms("audience")
    life_events = _terms("life_event")
    maturity = fields.Integer(required=True, metadata={"description": "1 information ... 5 proactive"})
    status = fields.String(required=True)
    hosted = fields.Boolean(required=True, metadata={"description": "Used on this portal."})
    channels = fields.List(fields.Nested(ChannelSchema))
    updated_at = fields.DateTime(required=True)
    texts = fields.Function(
        lambda service: {locale: TextSchema().dump(text) for locale, text in service.texts.items()},
        metadata={"description": "Title and summary, keyed by locale."},
    )


class ServiceSchema(ServiceSummarySchema):
    texts = fields.Function(
        lambda service: {locale: FullTextSchema().dump(text) for locale, text in service.texts.items()},
        metadata={"description": "Every text of the service, keyed by locale."},
    )


class FacetsSchema(Schema):
    body = fields.Dict(keys=fields.String(), values=fields.Integer())
    domain = fields.Dict(keys=fields.String(), values=fields.Integer())
    audience = fields.Dict(keys=fields.String(), values=fields.Integer())
    life_event = fields.Dict(keys=fields.String(), values=fields.Integer())
    channel = fields.Dict(keys=fields.String(), values=fields.Integer())
    maturity = fields.Dict(keys=fields.String(), values=fields.Integer())
    status = fields.Dict(keys=fields.String(), values=fields.Integer())


class ServicePageSchema(Schema):
    items = fields.List(fields.Nested(ServiceSummarySchema), required=True)
    total = fields.Integer(required=True)
    complete = fields.Boolean(
        required=True,
        metadata={
            "description": "False when more services match the search text than it ranks: the items are the best "
            "it found (those whose title or summary holds the words first), and total and the facets count those."
        },
    )
    partial_match = fields.Boolean(  # "partial" would shadow marshmallow's Schema.partial
        data_key="partial",
        required=True,
        metadata={
            "description": "True when no service holds every word searched: the items hold some of them, those with "
            "more of the words first (the pages say so too)."
        },
    )
    corrected = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={
            "description": "The words searched instead of misspelt ones (typed word, normalised, to the word of the "
            "catalogue searched), when nothing matched as typed; empty otherwise."
        },
    )
    page = fields.Integer(required=True)
    pages = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    facets = fields.Nested(FacetsSchema, metadata={"description": "Number of services per value of each filter."})


class BodySchema(Schema):
    code = fields.String(required=True)
    kind = fields.String(required=True)
    acronym = fields.String(required=True)
    names = fields.Dict(keys=fields.String(), values=fields.String())
    website = fields.String(required=True)
    contact = fields.Dict()
    channels = fields.Function(
        lambda data: ChannelSchema(many=True).dump([c for c in data["channels"] if c.kind != "portal"])
    )
    service_count = fields.Integer(required=True)


class TermSchema(Schema):
    code = fields.Raw(required=True, metadata={"description": "A string, or an integer for maturity levels."})
    labels = fields.Dict(keys=fields.String(), values=fields.String())


class VocabulariesSchema(Schema):
    vocabularies = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(TermSchema)))


def body_data(body: Body, service_count: int) -> dict[str, Any]:
    return {**{name: getattr(body, name) for name in ("code", "kind", "acronym", "names", "website", "contact")},
            "channels": body.channels, "service_count": service_count}  # fmt: skip
