"""Times as people in Algeria read them: Algiers' time whatever the server's, on the 24-hour clock in French."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask, g, render_template_string

SENT = datetime(2026, 5, 10, 14, 4, tzinfo=UTC)  # 15:04 in Algiers (UTC+1, no summer time)


@pytest.mark.parametrize(("locale", "shown"), [("fr", "10/05/2026 15:04"), ("ar", "10\u200f/5\u200f/2026، 3:04 م")])
def test_a_time_is_shown_in_algiers_and_in_french_on_the_24_hour_clock(app: Flask, locale: str, shown: str) -> None:
    with app.test_request_context(f"/{locale}/"):
        g.lang_code = locale
        assert render_template_string('{{ sent|datetimeformat("short") }}', sent=SENT) == shown
        naive = SENT.replace(tzinfo=None)  # a time read back from SQLite: UTC without its zone
        assert render_template_string('{{ sent|datetimeformat("short") }}', sent=naive) == shown
