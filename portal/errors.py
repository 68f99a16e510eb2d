"""Error pages in the visitor's language."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, SecurityError, ServiceUnavailable
from werkzeug.wrappers import Response

from portal.extensions import db, limiter
from portal.inputs import UnreadableInputError

RETRY_AFTER = 5  # seconds a visitor is asked to wait when the database cannot be reached

MESSAGES = {
    400: (
        _l("Request not valid"),
        _l("What was sent cannot be read. Go back, check what you typed and send it again."),
    ),
    404: (_l("Page not found"), _l("The page you asked for does not exist or has moved.")),
    405: (_l("Method not allowed"), _l("This address does not accept this kind of request.")),
    413: (
        _l("Files too large"),
        _l("The files sent together are too large. Go back and attach smaller files, or fewer at a time."),
    ),
    429: (
        _l("Too many requests"),
        _l("You have made too many requests. Please wait a moment and try again."),
    ),
    503: (
        _l("Service briefly unavailable"),
        _l(
            "The platform cannot reach its records for a moment: what you just sent may not have been recorded. "
            "Wait a few seconds and send it again; a form sent again is never recorded twice."
        ),
    ),
    500: (
        _l("Something went wrong"),
        _l("An error occurred on our side. Nothing you saved has been lost; please try again later."),
    ),
}


JSON_ERRORS_KEY = "portal.json_errors"
JsonErrors = Callable[[HTTPException], Any]


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(SecurityError, _unknown_host)
    for lost in (OperationalError, InterfaceError):  # what drivers raise for a lost, refused or locked database
        app.register_error_handler(lost, _database_unreachable)


def answer_in_json(app: Flask, prefix: str, handler: JsonErrors) -> None:
    """Errors under ``prefix`` are answered by ``handler`` (the API's JSON) instead of an HTML page."""
    app.extensions.setdefault(JSON_ERRORS_KEY, {})[prefix] = handler


def _unknown_host(_error: SecurityError) -> Response:
    """A Host this platform does not serve (see ``portal.addresses``): no URL can be built for it, so no page."""
    text = _("This platform does not answer under this address.")
    return Response(text + "\n", 400, mimetype="text/plain", headers={"Cache-Control": "no-store"})


def _database_unreachable(error: DBAPIError) -> Any:
    """The database dropped the connection or cannot be reached (a restart, a failover, SQLite busy too long): a
    503 the visitor can act on. The transaction was rolled back whole, so nothing is half-written; a form sent
    again is recognised by its key. Other database errors (a constraint) are faults of ours, and stay 500s."""
    current_app.logger.warning("database unreachable: %s", error.orig)
    try:
        db.session.rollback()
    except DBAPIError:
        db.session.remove()
    return _http_error(ServiceUnavailable(retry_after=RETRY_AFTER))


def _http_error(error: HTTPException) -> Any:
    """The error's page, or its JSON under /api/, with the headers the error carries (405's ``Allow``); a request
    refused by a limit says when to try again (``Retry-After``)."""
    json_errors: dict[str, JsonErrors] = current_app.extensions.get(JSON_ERRORS_KEY, {})
    handler = next((found for prefix, found in json_errors.items() if request.path.startswith(prefix)), None)
    if handler is not None:
        response = make_response(handler(error))
    else:
        code = error.code or 500
        title, message = MESSAGES.get(code, (error.name, error.description or ""))
        if isinstance(error, UnreadableInputError):  # its description says what to mend, in the reader's language
            message = error.description or message
        response = make_response(render_template("errors/error.html", title=title, message=message), code)
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers.setdefault(name, value)
    if error.code == 429 and "Retry-After" not in response.headers:
        response.headers["Retry-After"] = str(_seconds_to_wait())
    return response


def _seconds_to_wait() -> int:
    """Until the limit that refused this request lets the next one through (a minute when none says)."""
    refused = limiter.current_limit
    return max(1, int(refused.reset_at - time.time())) if refused is not None else 60
