"""The platform's clock: today's date in Algeria (Africa/Algiers), whatever the server's time zone.

``TODAY`` (an ISO date in the settings, ``PORTAL_TODAY`` in the environment) fixes the day, for a demonstration
or a test that must not depend on the real date; it is empty in production.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, has_app_context

ALGIERS = ZoneInfo("Africa/Algiers")


def today(app: Flask | None = None) -> date:
    """The day it is in Algeria now (or the configured ``TODAY``, of ``app`` or the current app)."""
    settings = app.config if app is not None else current_app.config if has_app_context() else {}
    fixed = settings.get("TODAY")
    return date.fromisoformat(fixed) if fixed else datetime.now(ALGIERS).date()
