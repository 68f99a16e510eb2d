"""Database binding: Flask-SQLAlchemy, Alembic migrations, SQLite in WAL mode, and the UTC moments every model keeps."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from flask import Flask
from sqlalchemy import BindParameter, DateTime, Engine, Executable, MetaData, bindparam, event
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from portal.extensions import db

if TYPE_CHECKING:
    from flask_migrate import Migrate
    from flask_sqlalchemy import SQLAlchemy

# Alembic's ``include_object``: whether a table or index belongs to the models (and so to autogenerate).
IncludeObject = Callable[[object, str | None, str, bool, object], bool]


def init_database(app: Flask, migrations: Path, include_object: IncludeObject) -> None:
    db.init_app(app)
    app.extensions["migrate"] = Migrations(db, str(migrations), render_as_batch=True, include_object=include_object)
    app.cli.add_command(MigrationCommands())


class Migrations:
    """What Flask-Migrate keeps on an app (``app.extensions["migrate"]``: the database, the migrations' folder,
    Alembic's arguments), without importing it: Flask-Migrate imports Alembic, which imports Mako and Pygments,
    some 11 MB in every web worker, which never migrates. ``flask_migrate.upgrade()`` and ``flask db`` import it
    when they run (through ``migrate``, as they would reach Flask-Migrate's own object)."""

    def __init__(self, database: SQLAlchemy, directory: str, **configure_args: Any) -> None:
        self.db = database
        self.directory = directory
        self.configure_args = {"compare_type": True, **configure_args}  # Flask-Migrate's default comparison

    @cached_property
    def migrate(self) -> Migrate:
        from flask_migrate import Migrate

        return Migrate(db=self.db, directory=self.directory, **self.configure_args)

    @property
    def metadata(self) -> MetaData:
        return self.db.metadata


class MigrationCommands(click.Group):
    """``flask db``: Flask-Migrate's command group, imported when it is called."""

    def __init__(self) -> None:
        super().__init__("db", help="Perform database migrations.")

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        from flask_migrate.cli import db as commands

        return commands.make_context(info_name, args, parent=parent, **extra)


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
