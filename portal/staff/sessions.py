"""Back-office sessions: since when, last seen when, with the second factor or not; ended everywhere at once.

The cookie keeps the user's id and session version (``User.get_id``), so raising the version ends every session
of that user, whichever browser holds it. A session also ends after ``BACKOFFICE_IDLE_MINUTES`` without a
request and ``BACKOFFICE_MAX_HOURS`` after sign-in, however active.
"""

from __future__ import annotations

import time

from flask import current_app, flash, redirect, session, url_for
from flask_babel import gettext as _
from flask_login import login_user
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.staff.models import User

SIGNED_IN_AT = "backoffice_signed_in_at"
SEEN_AT = "backoffice_seen_at"
SECOND_FACTOR = "backoffice_second_factor"  # this session passed the second factor
PENDING = "pending_user"  # the id and session version of a user who gave the password and owes the second factor
PENDING_AT = "pending_at"
NEXT = "next"
LOGIN = "_user_id"  # where Flask-Login keeps ``User.get_id()``
SEEN_EVERY = 60  # seconds: the last-seen time is rewritten at most once a minute, not into every response


def begin(user: User, second_factor: bool) -> None:
    """Sign ``user`` in on this browser, noting whether this session passed the second factor."""
    for key in (PENDING, PENDING_AT, NEXT):
        session.pop(key, None)
    login_user(user)
    session[SIGNED_IN_AT] = session[SEEN_AT] = time.time()
    session[SECOND_FACTOR] = second_factor


def end_everywhere(user: User) -> None:
    """End every session of ``user`` when the caller commits: the version their cookies carry is then stale."""
    user.session_version = User.session_version + 1


def renew(user: User) -> None:
    """Keep this browser signed in after ``end_everywhere`` was committed (a password change), clocks unchanged."""
    login_user(user)


def load(token: str) -> User | None:
    """The user of this session: active, of the current version, neither idle too long nor too old; else None."""
    user = user_of(token)
    if user is None or _expired():
        _forget()
        return None
    if time.time() - session[SEEN_AT] >= SEEN_EVERY:
        session[SEEN_AT] = time.time()
    return user


def user_of(token: str) -> User | None:
    """The active user a session names by ``id:version``, if that version is still current."""
    user_id, _sep, version = token.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active and user.session_version == int(version) else None


def second_factor_passed() -> bool:
    return bool(session.get(SECOND_FACTOR))


def await_second_factor(user: User, next_page: str) -> Response:
    """Send a user who owes the second factor to it, or to enrol an authenticator app when they have none."""
    session[PENDING], session[PENDING_AT], session[NEXT] = user.get_id(), time.time(), next_page
    return redirect(url_for("backoffice.two_factor" if user.totp_secret else "backoffice.two_factor_setup"))


def pending_user() -> User | None:
    """The user who gave the password on this browser, while their sessions stand and not idle for too long."""
    if time.time() - session.get(PENDING_AT, 0) > _idle_seconds():
        return None
    return user_of(session.get(PENDING, ""))


def pending_user_id() -> str:
    return str(session.get(PENDING, "")).partition(":")[0]


def _idle_seconds() -> float:
    return float(current_app.config["BACKOFFICE_IDLE_MINUTES"]) * 60


def _expired() -> bool:
    now = time.time()
    idle = now - session.get(SEEN_AT, 0) > _idle_seconds()
    return idle or now - session.get(SIGNED_IN_AT, 0) > float(current_app.config["BACKOFFICE_MAX_HOURS"]) * 3600


def _forget() -> None:
    """Drop a session that no longer holds, telling the person once why they must sign in again."""
    if session.pop(SIGNED_IN_AT, None) is not None:
        flash(_("Your session has ended. Please sign in again."), "warning")
    for key in (LOGIN, SEEN_AT, SECOND_FACTOR):
        session.pop(key, None)
