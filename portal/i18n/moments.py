"""Dates with a time, as the platform shows them: in Algeria's time zone (Africa/Algiers, whatever the server's),
on the 24-hour clock in the languages listed in ``CLOCK_24_HOURS`` (French: Babel's fr_DZ data write "3:04 PM",
which French administration does not)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import format_datetime, get_locale


def format_moment(value: datetime, format: str = "medium") -> str:  # noqa: A002 - Flask-Babel's own name
    """``value`` (a UTC or zone-aware time) as a date and time for the reader: the ``datetimeformat`` filter."""
    locale = get_locale()
    if (
        locale is None
        or locale.language not in current_app.config["CLOCK_24_HOURS"]
        or format not in locale.time_formats
    ):
        return str(format_datetime(value, format))
    time = str(locale.time_formats[format].pattern).replace("h", "H").replace("a", "").strip()
    pattern = str(locale.datetime_formats[format]).format(time, locale.date_formats[format].pattern)
    return str(format_datetime(value, pattern))
