"""Back-office sessions: since when, last seen when, with the second factor or not; ended everywhere at once.

The cookie keeps the user's id and session version (``User.get_id``), so raising the version ends every session
of that user, whichever browser holds it. A session also ends after ``BACKOFFICE_IDLE_MINUTES`` without a
request and ``BACKOFFICE_MAX_HOURS`` after sign-in, however active (``portal.session_clock``).
"""

from __future__ import annotations

import time

from flask import flash, redirect, session, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.session_clock import SessionClock, parse_token
from portal.staff.models import User

CLOCK = SessionClock("backoffice", "BACKOFFICE_IDLE_MINUTES", "BACKOFFICE_MAX_HOURS")
SIGNED_IN_AT = CLOCK.signed_in_key
SEEN_AT = CLOCK.seen_key
SECOND_FACTOR = "backoffice_second_factor"  # this session passed the second factor
PENDING = "pending_user"  # the id and session version of a user who gave the password and owes the second factor
PENDING_AT = "pending_at"
NEXT = "next"
LOGIN = "_user_id"  # where Flask-Login keeps ``User.get_id()``


def begin(user: User, second_factor: bool) -> None:
    """Sign ``user`` in on this browser, noting whether this session passed the second factor."""
    forget_pending()
    login_user(user)
    CLOCK.start()
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
    if user is None or CLOCK.expired():
        _forget()
        return None
    CLOCK.seen()
    return user


def user_of(token: str) -> User | None:
    """The active user a session names by ``id:version``, if that version is still current."""
    parsed = parse_token(token)
    if parsed is None:
        return None
    user = db.session.get(User, parsed[0])
    return user if user is not None and user.active and user.session_version == parsed[1] else None


def second_factor_passed() -> bool:
    return bool(session.get(SECOND_FACTOR))


def await_second_factor(user: User, next_page: str) -> Response:
    """Send a user who owes the second factor to it, or to enrol an authenticator app when they have none."""
    session[PENDING], session[PENDING_AT], session[NEXT] = user.get_id(), time.time(), next_page
    return redirect(url_for("backoffice.two_factor" if user.totp_secret else "backoffice.two_factor_setup"))


def end_here() -> None:
    """Sign this browser out of the back office: its keys only (a citizen's account in the same browser stays)."""
    logout_user()
    CLOCK.stop()
    session.pop(SECOND_FACTOR, None)
    forget_pending()


def forget_pending() -> None:
    """This browser's sign-in under way (the password given, the second factor owed) is forgotten."""
    for key in (PENDING, PENDING_AT, NEXT):
        session.pop(key, None)


def pending_user() -> User | None:
    """The user who gave the password on this browser, while their sessions stand and not idle for too long."""
    if time.time() - session.get(PENDING_AT, 0) > CLOCK.idle_seconds():
        return None
    return user_of(session.get(PENDING, ""))


def pending_user_id() -> str:
    return str(session.get(PENDING, "")).partition(":")[0]


def _forget() -> None:
    """Drop a session that no longer holds, telling the person once why they must sign in again."""
    if CLOCK.stop():
        flash(_("Your session has ended. Please sign in again."), "warning")
    for key in (LOGIN, SECOND_FACTOR):
        session.pop(key, None)
