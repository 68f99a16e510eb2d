"""The search's tests run on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.conftest import AppFactory


@pytest.fixture(params=["sqlite", "postgresql"])
def search_app(request: pytest.FixtureRequest, make_app: AppFactory) -> Flask:
    if request.param == "sqlite":
        return make_app()
    return make_app(SQLALCHEMY_DATABASE_URI=request.getfixturevalue("postgres_url"))
