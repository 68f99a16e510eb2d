"""The e-services platform of the ministry of labour, employment and social security.

The core is ``portal`` and not ``platform``: a top-level ``platform`` package would shadow the
standard library's module and break ``import uuid`` and ``import sqlalchemy``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from portal import (
    addresses,
    caching,
    cli,
    config,
    errors,
    i18n,
    inputs,
    rate_limits,
    registry,
    security,
    signed_sessions,
    static_files,
)
from portal.accounts import blueprint as accounts
from portal.api import blueprint as api
from portal.api import exports
from portal.backoffice import blueprint as backoffice
from portal.catalogue import blueprint as catalogue
from portal.catalogue.queries import catalogue_version
from portal.certificates import blueprint as certificates
from portal.connectors import blueprint as connectors
from portal.dashboard import blueprint as dashboard
from portal.database import init_database
from portal.dossiers import blueprint as dossiers
from portal.extensions import csrf
from portal.jobs import blueprint as jobs
from portal.payments import blueprint as payments
from portal.rules import blueprint as rules
from portal.search.index import outside_models

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQLITE_PREPARED_STATEMENTS = 32


def create_app(config_override: Mapping[str, Any] | None = None) -> Flask:
    """Build an app: defaults, then ``PORTAL_*`` environment variables, then ``config_override``."""
    app = Flask(
        __name__,
        root_path=str(PROJECT_ROOT),
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder="templates",
        static_folder="static",
    )
    app.config.update(config.DEFAULTS)
    app.config.update(config.from_environment(os.environ))
    app.config.update(config_override or {})
    _derive_settings(app)
    config.check(app.config)
    addresses.init_app(app)
    signed_sessions.init_app(app)
    static_files.init_app(app)

    inputs.init_app(app)  # before any route: the bounded <int:> converter
    init_database(app, PROJECT_ROOT / "migrations", outside_models)
    security.init_csrf(app, csrf)
    i18n.init_app(app)
    registry.init_app(app)
    security.init_app(app)
    caching.init_app(app, PROJECT_ROOT, catalogue_version)
    errors.init_app(app)
    jobs.init_app(app)
    catalogue.init_app(app)
    dossiers.init_app(app)
    connectors.init_app(app)
    certificates.init_app(app)
    accounts.init_app(app)
    dashboard.init_app(app)
    rules.init_app(app)
    payments.init_app(app)
    api.init_app(app)
    app.register_blueprint(exports.blueprint)
    backoffice.init_app(app)
    cli.init_app(app)
    return app


def _derive_settings(app: Flask) -> None:
    """Fill the settings whose default depends on where the app runs or on other settings."""
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'portal.db'}"
    if not app.config["BABEL_TRANSLATION_DIRECTORIES"]:
        app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(PROJECT_ROOT / "translations")
    if app.config["SESSION_COOKIE_SECURE"] is None:
        app.config["SESSION_COOKIE_SECURE"] = app.config["ENV"] == "production"
    rate_limits.storage_settings(app.config)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # A connection the server dropped (a restart, a failover) is replaced before a request uses it.
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {}).setdefault("pool_pre_ping", True)
    elif app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # Each connection keeps this many statements prepared (Python's default, 128, held 10 MB more of SQLite's
        # memory per worker at 100,000 services: bench/memory.py); the pages' statements stay among them.
        options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
        options.setdefault("connect_args", {}).setdefault("cached_statements", SQLITE_PREPARED_STATEMENTS)
