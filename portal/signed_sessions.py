"""The session: Flask's signed cookie, without the work an anonymous read does not need.

Flask builds a new signer (and serialises an empty dict to test it) for every request, even one that sends no
cookie, and reads seven settings to save a session that is empty and unchanged. Here the signer is built once per
set of keys, a request without cookies parses none, and an empty, unchanged session costs only its ``Vary: Cookie``
when it was looked at. Cookies, signatures and headers are exactly Flask's.
"""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from flask.wrappers import Request, Response
from itsdangerous import URLSafeTimedSerializer

Keys = tuple[object, tuple[object, ...]]


class SignedCookieSessions(SecureCookieSessionInterface):
    """Flask's ``SecureCookieSessionInterface`` with its signer kept while the app's keys stay the same."""

    def __init__(self) -> None:
        self._signer: tuple[Keys, URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        kept = self._signer
        if kept is None or kept[0] != keys:
            kept = self._signer = (keys, super().get_signing_serializer(app))
        return kept[1]

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if self.get_signing_serializer(app) is not None and not request.environ.get("HTTP_COOKIE"):
            return self.session_class()  # no cookie at all: nothing to parse
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if session or session.modified:
            super().save_session(app, session, response)
        elif session.accessed:
            _vary_on_cookie(response)


def _vary_on_cookie(response: Response) -> None:
    """``response.vary.add("Cookie")``, without parsing a Vary header that is not there."""
    if "Vary" in response.headers:
        response.vary.add("Cookie")
    else:
        response.headers["Vary"] = "Cookie"


def init_app(app: Flask) -> None:
    app.session_interface = SignedCookieSessions()
