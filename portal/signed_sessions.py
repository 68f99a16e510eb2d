"""The session: Flask's signed cookie, without the work an anonymous read does not need.

Flask builds a new signer (and serialises an empty dict to test it) for every request, even one that sends no
cookie, and reads seven settings to save a session that is empty and unchanged. Here the signer is built once per
set of keys, and an empty, unchanged session costs only its ``Vary: Cookie`` when it was looked at. Cookies,
signatures and headers are exactly Flask's.
"""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask.wrappers import Response
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

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if session or session.modified:
            super().save_session(app, session, response)
        elif session.accessed:
            response.vary.add("Cookie")


def init_app(app: Flask) -> None:
    app.session_interface = SignedCookieSessions()
