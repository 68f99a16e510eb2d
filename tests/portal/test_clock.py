"""The platform's day is Algeria's, and a setting fixes it for a demonstration or a test."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask

from portal.clock import ALGIERS, today
from tests.conftest import AppFactory


def test_the_day_is_the_day_in_algiers(app: Flask) -> None:
    with app.app_context():
        assert today() == datetime.now(ALGIERS).date()


def test_a_setting_fixes_the_day(make_app: AppFactory) -> None:
    with make_app(migrate=False, TODAY="2027-01-01").app_context():
        assert today() == date(2027, 1, 1)
