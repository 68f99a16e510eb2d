"""Every text that enters is checked. Query strings, form fields and file names are checked before a view sees
them; a JSON body is read by the API's parser, which refuses nesting deeper than any real request, and its texts
and the headers the API reads by the schemas' fields (``readable``, patterns), which name the one at fault. Invalid
Unicode (a lone surrogate, or bytes that were not UTF-8 and were replaced on decoding) and control characters
are refused with a clear, localised error: nothing that could break a page later is ever stored.

Numbers in paths and forms are read here too: an id is at most what the database's integer holds, so a huge
number is "not found", never a database error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from flask import Flask, Request, abort, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import ValidationError
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.routing import BaseConverter, IntegerConverter, Map

MAX_ID = 2**31 - 1  # PostgreSQL's integer, the type of every id column
MAX_JSON_DEPTH = 32  # an application is three levels deep; nothing real comes near this
# A lone surrogate, a control character other than tab and line breaks, or the replacement character that
# decoding leaves where the bytes were not UTF-8.
UNREADABLE_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ufffe\uffff"
UNREADABLE = re.compile(f"[\ud800-\udfff{UNREADABLE_CHARACTERS}]")
# For a schema's ``pattern`` (the API's documents): text without those characters.
READABLE_PATTERN = f"^[^{UNREADABLE_CHARACTERS}]*$"
TOO_DEEP = object()
DIGITS = re.compile(r"^[0-9]{1,10}$")


class UnreadableInputError(BadRequest):
    """A request whose text cannot be stored safely; the description says where, in the reader's language."""


class BoundedIntegerConverter(IntegerConverter):
    """``<int:...>`` in every route: a number the database can hold, else the route does not match (404)."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:  # noqa: A002 - werkzeug's own name
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Before any route is added: the converter; then the check that runs before every view."""
    converters: dict[str, type[BaseConverter]] = app.url_map.converters
    converters["int"] = BoundedIntegerConverter
    app.before_request(check_request)


def parse_id(text: str | None) -> int | None:
    """An id typed in a form or a query string (ASCII digits, within the database's range), else None."""
    if not text or not DIGITS.match(text):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def unreadable(text: str) -> bool:
    return UNREADABLE.search(text) is not None


def check_request() -> None:
    """Refuse the request when any text in it cannot be read; say which part. A path value that cannot be read
    names nothing: not found (a database such as PostgreSQL could not even be asked)."""
    if any(isinstance(value, str) and unreadable(value) for value in (request.view_args or {}).values()):
        abort(404)
    for where, text in _texts():
        if unreadable(text):
            raise UnreadableInputError(
                gettext(
                    "The text sent in “%(where)s” contains characters that cannot be read (invalid Unicode or "
                    "control characters). Remove them, or type the text again, and send it again.",
                    where=where[:80],
                )
            )


def _texts() -> Iterator[tuple[str, str]]:
    """Every text a view may store or show; not the path, whose values only look things up. Without a
    Content-Type (every GET a browser sends) there is no form and no file, and werkzeug is not asked to parse."""
    yield from _fields(request.args)
    if request.want_form_data_parsed:
        yield from _fields(request.form)
        for name, file in request.files.items(multi=True):
            yield name, file.filename or ""


def _fields(source: MultiDict[str, str]) -> Iterator[tuple[str, str]]:
    for name, values in source.lists():
        yield name, name
        for value in values:
            yield name, value


def readable(value: Any) -> None:
    """A marshmallow validator for every text field a person or a client fills in."""
    if isinstance(value, str) and unreadable(value):
        raise ValidationError(str(_l("Remove the characters that cannot be read (invalid Unicode or control "
                                     "characters), or type the text again.")))  # fmt: skip


class JsonParser(FlaskParser):
    """The API's parser: a body nested deeper than ``MAX_JSON_DEPTH`` (or than Python can decode) is a 400."""

    def _raw_load_json(self, req: Request) -> Any:
        try:
            data = super()._raw_load_json(req)
        except RecursionError:
            data = TOO_DEEP
        if data is TOO_DEEP or _depth(data) > MAX_JSON_DEPTH:
            raise UnreadableInputError(gettext("The request's body is nested too deeply."))
        return data


def _depth(data: Any) -> int:
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return deepest


class ApiBlueprint(Blueprint):
    """The API's blueprints: flask-smorest's, reading bodies with :class:`JsonParser`."""

    ARGUMENTS_PARSER = JsonParser()
