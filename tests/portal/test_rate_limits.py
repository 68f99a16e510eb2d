"""The throttles' store: the platform's database by default (one count for every worker, on SQLite and PostgreSQL),
Redis when configured, and the worker's memory only while the store is unreachable."""

from __future__ import annotations

import time

import pytest
from flask import Flask
from limits.storage import RedisStorage

from portal.extensions import limiter
from portal.rate_limits import DatabaseStorage
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import token
from tests.processes import free_port


@pytest.fixture(params=["sqlite", "postgresql"])
def database_uri(request: pytest.FixtureRequest, make_app: AppFactory) -> str:
    """A migrated database of each kind the platform runs on."""
    override = {"SQLALCHEMY_DATABASE_URI": request.getfixturevalue("postgres_url")} if request.param != "sqlite" else {}
    return str(make_app(**override).config["SQLALCHEMY_DATABASE_URI"])


def test_two_workers_add_to_one_count_until_the_window_ends(database_uri: str) -> None:
    first, second = DatabaseStorage(database_uri=database_uri), DatabaseStorage(database_uri=database_uri)
    key = "LIMITER/account:" + "x" * 5000 + "/backoffice.sign_in/5/1/minute"  # a visitor chooses its length
    assert [first.incr(key, 1), second.incr(key, 1), first.incr(key, 1, amount=2)] == [1, 2, 4]
    assert second.get(key) == 4 and time.time() < second.get_expiry(key) <= time.time() + 1
    time.sleep(1.1)
    assert first.get(key) == 0  # the window ended
    assert second.incr(key, 60) == 1  # a new window starts from the expired row
    first.clear(key)
    assert second.get(key) == 0
    second.incr("another", 60)
    assert first.reset() == 1 and first.check()


def test_the_store_is_the_database_unless_redis_is_configured(make_app: AppFactory) -> None:
    make_app(migrate=False)
    assert isinstance(limiter.storage, DatabaseStorage)
    app = make_app(migrate=False, REDIS_URL="redis://127.0.0.1:6390/0")
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6390/0"
    assert isinstance(limiter.storage, RedisStorage)
    app = make_app(migrate=False, REDIS_URL="redis://127.0.0.1:6390/0", RATELIMIT_STORAGE_URI="memory://")
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"  # an explicit store wins


def test_a_store_outage_keeps_sign_in_serving_and_counting(make_app: AppFactory) -> None:
    """Redis down: sign-in still answers (no 500), and the limit still applies, counted in the worker."""
    app: Flask = make_app(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0")
    client = app.test_client()
    form = {"csrf_token": token(client), "email": "someone@cnas.example.dz", "password": "wrong"}
    statuses = [client.post("/fr/backoffice/sign-in", data=form).status_code for _ in range(6)]
    assert statuses == [401, 401, 401, 401, 401, 429]
