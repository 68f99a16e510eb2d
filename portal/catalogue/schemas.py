"""The catalogue's query parameters, shared by the HTML pages (lenient) and the JSON API (strict)."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, validate
from werkzeug.datastructures import MultiDict

from portal.catalogue.browse import PER_PAGE, Filters
from portal.inputs import READABLE_PATTERN
from portal.registry.vocabulary import AUDIENCES, CHANNEL_KINDS, DOMAINS, LIFE_EVENTS, MATURITY_LEVELS, STATUSES

LIST_FIELDS = ("body", "domain", "audience", "life_event", "channel", "maturity", "status")


def _codes(vocabulary: Any, description: str) -> fields.List:
    return fields.List(
        fields.String(validate=validate.OneOf(list(vocabulary))),
        load_default=list,
        metadata={"description": description},
    )


class FiltersSchema(Schema):
    """Filters of the catalogue; several values of one filter are alternatives (OR), filters combine (AND)."""

    class Meta:
        unknown = EXCLUDE

    body = fields.List(
        fields.String(validate=validate.Regexp(r"^[a-z][a-z0-9_]{1,31}$")),
        load_default=list,
        metadata={"description": "Body codes, for instance cnas."},
    )
    domain = _codes(DOMAINS, "Domain codes.")
    audience = _codes(AUDIENCES, "Audience codes.")
    life_event = _codes(LIFE_EVENTS, "Life-event codes.")
    channel = _codes(CHANNEL_KINDS, "Channel kinds: web, mobile, portal, counter, phone.")
    maturity = fields.List(
        fields.Integer(validate=validate.OneOf(list(MATURITY_LEVELS))),
        load_default=list,
        metadata={"description": "Maturity levels, 1 (information) to 5 (proactive)."},
    )
    status = _codes(STATUSES, "Lifecycle statuses; retired services are listed only when asked for.")
    q = fields.String(load_default="", validate=[validate.Length(max=200), validate.Regexp(READABLE_PATTERN)],
                      metadata={"description": "Search text."})  # fmt: skip
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=PER_PAGE, validate=validate.Range(min=1, max=100))

    @post_load
    def to_filters(self, data: dict[str, Any], **_kwargs: Any) -> Filters:
        values = {name: tuple(dict.fromkeys(data.get(name, ()))) for name in LIST_FIELDS}
        return Filters(**values, q=data.get("q", "").strip(), page=data["page"], per_page=data["per_page"])


def lenient_filters(args: MultiDict[str, str]) -> Filters:
    """For the HTML pages: a hand-edited value that is not valid is dropped, never an error page."""
    raw: dict[str, Any] = {name: args.getlist(name) for name in LIST_FIELDS if name in args}
    raw.update({name: args[name] for name in ("q", "page") if name in args})
    schema = FiltersSchema()
    try:
        filters: Filters = schema.load(raw)
    except ValidationError as error:
        cleaned = {name: _valid_part(raw[name], messages) for name, messages in error.messages_dict.items()}
        raw.update({name: value for name, value in cleaned.items() if value is not None})
        for name in [name for name, value in cleaned.items() if value is None]:
            raw.pop(name)
        filters = schema.load(raw)
    return filters


def _valid_part(value: Any, messages: Any) -> Any:
    """The values of a list that passed; None to drop a scalar that failed."""
    if isinstance(value, list) and isinstance(messages, dict):
        return [item for index, item in enumerate(value) if index not in messages]
    return None
