"""A signed-in session's clock and its token, the same for staff and for citizens, each under keys of its own in
the signed session cookie: since when it runs and when it was last seen, so that it ends after so many minutes
without a request and so many hours after sign-in however active; and ``id:version``, the person's id with their
session version (kept in the database), so that raising the version ends every session of that person at once."""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import current_app, session

SEEN_EVERY = 60  # seconds: the last-seen time is rewritten at most once a minute, not into every response


@dataclass(frozen=True)
class SessionClock:
    """The clock of one kind of session: its keys start with ``prefix``; ``idle_setting`` (minutes without a
    request) and ``max_setting`` (hours after sign-in) name the settings that end it."""

    prefix: str
    idle_setting: str
    max_setting: str

    @property
    def signed_in_key(self) -> str:
        return f"{self.prefix}_signed_in_at"

    @property
    def seen_key(self) -> str:
        return f"{self.prefix}_seen_at"

    def start(self) -> None:
        session[self.signed_in_key] = session[self.seen_key] = time.time()

    def idle_seconds(self) -> float:
        return float(current_app.config[self.idle_setting]) * 60

    def expired(self) -> bool:
        """Idle too long, or signed in too long ago (a session never started is expired too)."""
        now = time.time()
        idle = now - session.get(self.seen_key, 0) > self.idle_seconds()
        return idle or now - session.get(self.signed_in_key, 0) > float(current_app.config[self.max_setting]) * 3600

    def seen(self) -> None:
        """Note this request, at most once a minute (each note rewrites the cookie)."""
        if time.time() - session.get(self.seen_key, 0) >= SEEN_EVERY:
            session[self.seen_key] = time.time()

    def stop(self) -> bool:
        """Forget the clock; whether a session was running (to tell the person once why they must sign in)."""
        session.pop(self.seen_key, None)
        return session.pop(self.signed_in_key, None) is not None


def session_token(person_id: int, version: int) -> str:
    return f"{person_id}:{version}"


def parse_token(token: str) -> tuple[int, int] | None:
    """The id and the session version a session names by ``id:version``, if it is well formed."""
    person_id, _sep, version = token.partition(":")
    if not (person_id.isdigit() and version.isdigit()):
        return None
    return int(person_id), int(version)
