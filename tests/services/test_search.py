"""The searches of issue 13 on the bundled catalogue, on SQLite and PostgreSQL: what people type finds the fund's
service though its text says it otherwise."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from portal.catalogue.models import Service
from portal.extensions import db
from portal.search.finder import find
from tests.conftest import AppFactory

MATERNITY = "maternity-allowance-claim"


@pytest.fixture(params=["sqlite", "postgresql"])
def bundled_app(request: pytest.FixtureRequest, make_app: AppFactory) -> Flask:
    if request.param == "sqlite":
        return make_app()
    return make_app(SQLALCHEMY_DATABASE_URI=request.getfixturevalue("postgres_url"))


def found(app: Flask, typed: str) -> tuple[list[str], dict[str, str], bool]:
    with app.app_context():
        result = find(db.session, typed)
        slugs = dict(db.session.execute(select(Service.id, Service.slug)).all())
        return [slugs[service_id] for service_id in result.ids], result.corrected, result.partial


def test_the_searches_that_found_nothing_find_their_service(bundled_app: Flask) -> None:
    # The text says "لعطلة الأمومة" and "بعطلة الأمومة", never "عطلة" alone.
    assert found(bundled_app, "عطلة الأمومة") == ([MATERNITY], {}, False)
    slugs, corrected, partial = found(bundled_app, "indemnité chômage")
    assert partial and corrected == {}
    assert {MATERNITY, "unemployment-allowance"} <= set(slugs)
    slugs, corrected, partial = found(bundled_app, "maternitee")
    assert (slugs[0], corrected, partial) == (MATERNITY, {"maternitee": "maternite"}, False)
    slugs, corrected, partial = found(bundled_app, "تقاعود")
    assert corrected == {"تقاعود": "تقاعد"} and not partial
    assert "electronic-retirement-account" in slugs


def test_the_names_people_give_the_funds_find_their_services(bundled_app: Flask) -> None:
    """Declared by each fund's plugin (``synonyms``): no service text says "كناس" or "كاسنوس"."""
    for typed in ("كناس الأمومة", "الكناص الأمومة"):
        slugs, corrected, partial = found(bundled_app, typed)
        assert (slugs[0], corrected, partial) == (MATERNITY, {}, False)  # every word matched, the fund's name too
    slugs, corrected, partial = found(bundled_app, "كاسنوس")
    assert {"electronic-retirement-account", "annual-income-declaration"} <= set(slugs)
    assert (corrected, partial) == ({}, False)
