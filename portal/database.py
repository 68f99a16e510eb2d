"""Database binding: Flask-SQLAlchemy, Alembic migrations, and SQLite in WAL mode."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import Engine, event

from portal.extensions import db, migrate
from portal.search.index import outside_models


def init_database(app: Flask, migrations: Path) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(migrations), render_as_batch=True, include_object=outside_models)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers go on while a writer commits; SQLite enforces foreign keys only when asked."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
