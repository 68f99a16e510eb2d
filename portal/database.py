"""Database binding: Flask-SQLAlchemy, Alembic migrations, SQLite in WAL mode, and the UTC moments every model keeps."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import BindParameter, DateTime, Engine, Executable, bindparam, event
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from portal.extensions import db, migrate

# Alembic's ``include_object``: whether a table or index belongs to the models (and so to autogenerate).
IncludeObject = Callable[[object, str | None, str, bool, object], bool]


def init_database(app: Flask, migrations: Path, include_object: IncludeObject) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(migrations), render_as_batch=True, include_object=include_object)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in UTC, aware on the way out whatever the database (SQLite keeps no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers go on while a writer commits; SQLite enforces foreign keys only when asked."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


class Prepared:
    """Read statements built once, on first use, by name; their values are parameters given when they run
    (``one_of("ids")`` for a list). Building a statement costs SQLAlchemy more than running a small one."""

    def __init__(self, builders: Mapping[str, Callable[[], Executable]]) -> None:
        self._builders = builders
        self._built: dict[str, Executable] = {}

    def __getitem__(self, name: str) -> Executable:
        built = self._built.get(name)
        if built is None:
            built = self._built[name] = self._builders[name]()
        return built


def one_of(name: str) -> BindParameter[Any]:
    """A parameter holding a list, for ``column.in_(one_of("ids"))``."""
    return bindparam(name, expanding=True)
