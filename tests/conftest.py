"""Fixtures: an app factory on a fresh database (with the test bodies of ``tests/bodies``), a client, and helpers
to register plugins for real."""

from __future__ import annotations

import os
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.config import database_uri
from tests import bodies, clamd_server, payment_gateway, redis_server
from tests.apps import AppPool, CompiledTemplates, Lent, PreparedDatabases
from tests.funds_sandbox import Sandbox, running_sandbox
from tests.pg_server import throwaway_server

IN_CI = os.environ.get("CI", "").lower() == "true"
pytest_plugins = ("tests.browser.chromium",)  # one browser for the session, whichever folder's tests use it

AppFactory = Callable[..., Flask]
COMPILED_TEMPLATES = CompiledTemplates()
_module_numbers = count()  # each installed test plugin gets a module name never used before


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that needs PostgreSQL carries the ``postgres`` marker, whether it asks for the server's fixtures
    itself or through a fixture parametrized with ``"postgresql"``: ``-m "not postgres"`` leaves out all of them."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if {"postgres_url", "postgres_server"} & set(
            getattr(item, "fixturenames", ())
        ) or "postgresql" in params.values():
            item.add_marker(pytest.mark.postgres)


def require(available: bool, what: str) -> None:
    """Skip a test whose real dependency is missing on a developer's machine; in CI, fail it."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI (CI=true) and is missing", pytrace=False)
    pytest.skip(f"{what} is not available on this machine")


FORM_STEP = re.compile(r"/services/[^/]+/apply/[0-9a-f]{32}/(\d+|exit)$")


class StepFollowingClient(FlaskClient):
    """A test client that, like a browser, follows the redirect of a hosted form to the step (or exit) to show
    (Post/Redirect/Get), so that a test reads the page a person sees next; ``follow_steps=False`` keeps the
    redirect itself (the tests of Post/Redirect/Get). Other redirects (to the receipt, say) are not followed."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        follow = kwargs.pop("follow_steps", True)
        response = super().open(*args, **kwargs)
        while follow and response.status_code in (302, 303) and FORM_STEP.search(response.headers["Location"]):
            response = super().open(response.headers["Location"])
        return response


@pytest.fixture(scope="session")
def prepared_databases(tmp_path_factory: pytest.TempPathFactory) -> PreparedDatabases:
    return PreparedDatabases(tmp_path_factory.mktemp("prepared"))


@pytest.fixture(scope="session")
def app_pool(tmp_path_factory: pytest.TempPathFactory, prepared_databases: PreparedDatabases) -> AppPool:
    return AppPool(tmp_path_factory.mktemp("pool"), prepared_databases)


@pytest.fixture(scope="session", autouse=True)
def test_bodies_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The test bodies' distribution, registered once for the session (see ``tests.bodies``)."""
    site = tmp_path_factory.mktemp("test-bodies-site")
    bodies.register(site)
    sys.path.insert(0, str(site))
    yield site
    sys.path.remove(str(site))


@pytest.fixture
def make_app(
    tmp_path: Path, app_pool: AppPool, prepared_databases: PreparedDatabases, request: pytest.FixtureRequest
) -> Iterator[AppFactory]:
    """An app on its own SQLite file, migrated and synced (from the session's prepared copy), with the test
    bodies only; keyword arguments override settings (``ENABLED_BODIES`` among them). The first app of a test
    is lent by the session's pool (see ``tests.apps``) unless the test installs plugins or names its database;
    every other app of the test is built anew, on the first one's database unless told otherwise."""
    lent: list[Lent] = []
    databases: list[str] = []  # the test's apps share the first one's database unless told otherwise
    pooled = "install_plugin" not in request.fixturenames

    def factory(migrate: bool = True, **override: Any) -> Flask:
        settings: dict[str, Any] = {
            "TESTING": True,
            "ENV": "testing",
            "SECRET_KEY": "test-secret",
            "BASE_URL": "http://localhost",  # the test client's host
            "WTF_CSRF_ENABLED": True,
            "CATALOGUE_VERSION_TTL": 0.0,  # tests change the catalogue and look at once
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # scrypt's cost protects real passwords, not these
            "ENABLED_BODIES": bodies.TEST_BODIES,
            "JOBS_BROKER": "memory://",  # the tests run the jobs with ``flask jobs sweep``; tests/test_worker.py
            "OPEN_DATA_FOLDER": str(tmp_path / "open-data"),  # the test's own files, written from its database
            **override,
        }
        if pooled and migrate and not databases and "SQLALCHEMY_DATABASE_URI" not in override:
            lent.append(app_pool.lend(settings, tmp_path, _build))
            databases.append(lent[0].app.config["SQLALCHEMY_DATABASE_URI"])
            return lent[0].app
        app = _build({"SQLALCHEMY_DATABASE_URI": (databases or [f"sqlite:///{tmp_path / 'portal.db'}"])[0], **settings})
        databases.append(app.config["SQLALCHEMY_DATABASE_URI"])
        if migrate:
            prepared_databases.prepare(app)
        return app

    yield factory
    for each in lent:
        app_pool.give_back(each)


def _build(settings: dict[str, Any]) -> Flask:
    app = create_app(settings)
    app.test_client_class = StepFollowingClient
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    return app


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    return make_app()


@pytest.fixture
def portal_app(make_app: AppFactory, tmp_path: Path) -> Flask:
    """The platform with the test bodies, uploads in the test's folder, CSRF off (its own test checks it)."""
    return make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "uploads"))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def install_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Register a body plugin the way a separate distribution would: a module and a dist-info
    folder with an ``entry_points.txt``, on ``sys.path``. No file of the core changes."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))

    def install(name: str, source: str, target: str | None = None, distribution: str | None = None) -> None:
        module = f"test_body_{name}_{next(_module_numbers)}"
        (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        dist = site / f"{distribution or module}-1.0.dist-info"
        dist.mkdir(exist_ok=True)
        (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution or module}\nVersion: 1.0\n")
        entry = f"{name} = {module}:{target or 'Plugin'}"
        entry_points = dist / "entry_points.txt"
        previous = entry_points.read_text() if entry_points.exists() else "[portal.bodies]\n"
        entry_points.write_text(previous + entry + "\n", encoding="utf-8")

    return install


@pytest.fixture
def hosted_app(portal_app: Flask) -> Flask:
    """The platform whose test fund hosts the leave form (``demo-leave``), CSRF off (its own test checks it)."""
    return portal_app


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str | None]:
    """TEST_DATABASE_URL's server (as ``.ci/run`` starts one), else a throwaway server made here."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        yield url if _answers(url) else None
        return
    with throwaway_server() as started:
        yield started


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """PORTAL_TEST_REDIS_URL's server (as ``.ci/run`` starts one), else a throwaway redis-server made here."""
    url = os.environ.get("PORTAL_TEST_REDIS_URL")
    if url:
        require(redis_server.answers(url), f"the Redis server at PORTAL_TEST_REDIS_URL={url}")
        yield url
        return
    with redis_server.throwaway_server() as started:
        require(started is not None, "a Redis server (PORTAL_TEST_REDIS_URL, or Debian's redis-server)")
        assert started is not None
        yield started


@pytest.fixture(scope="session")
def clamd_address() -> Iterator[str]:
    """A throwaway ClamAV daemon (Debian's clamd, knowing only the EICAR test signature): its socket's path."""
    with clamd_server.throwaway_server() as started:
        require(started is not None, "Debian's clamd (the clamav-daemon package)")
        assert started is not None
        yield started


def _answers(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(_libpq(url), connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _drop_database(server: str, name: str) -> None:
    """End this role's connections to the database (the app's pool), then drop it. Not WITH (FORCE): that
    would also try to end an autovacuum worker, which only a superuser may; a plain DROP cancels it."""
    import time

    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        for _attempt in range(20):
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()",
                (name,),
            )
            try:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                return
            except psycopg.errors.ObjectInUse:
                time.sleep(0.25)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def postgres_url(postgres_server: str | None) -> Iterator[str]:
    """A new, empty database on a real PostgreSQL server; dropped afterwards."""
    require(postgres_server is not None, "a PostgreSQL server (TEST_DATABASE_URL, or Debian's postgresql)")
    assert postgres_server is not None
    with new_database(postgres_server) as url:
        yield url


@contextmanager
def new_database(server: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL ``server`` (the URL of one of its databases); dropped afterwards."""
    import uuid

    import psycopg

    name = f"portal_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_libpq(server), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = server.rsplit("/", 1)[0]
    try:
        yield database_uri(f"{base}/{name}")
    finally:
        _drop_database(_libpq(server), name)


@pytest.fixture(scope="module")
def gateway() -> Iterator[str]:
    """The sandbox payment gateway (sandbox/gateway), one process for the module's payments."""
    with payment_gateway.running_gateway() as base:
        yield base


@pytest.fixture(scope="session")
def funds_sandbox_server() -> Iterator[Sandbox]:
    """The sandbox funds (sandbox/funds), one process for the session."""
    with running_sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def funds_sandbox(funds_sandbox_server: Sandbox) -> Iterator[Sandbox]:
    """The sandbox funds with no fault injected, and none left behind for the next test."""
    funds_sandbox_server.clear()
    yield funds_sandbox_server
    funds_sandbox_server.clear()
