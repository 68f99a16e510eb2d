"""How the suite gets its apps quickly: databases migrated once per session, templates compiled once, and apps
built once per set of settings and lent to one test at a time, each time on a fresh copy of its database.

Building an app costs ~0.15 s (Werkzeug compiles each URL rule's builder, flask-smorest writes the OpenAPI
document); running every migration cost more. A lent app is put back exactly as a new one would be: its
settings as built, its database copied anew from the prepared one, its page cache empty, its uploads in the
test's folder, the rate limiter counting in its database and the funds' breakers closed. An app a test changed
beyond that (a route or a hook added) is not lent again.
"""

from __future__ import annotations

import re
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Mapping
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from flask_migrate import upgrade
from jinja2.bccache import Bucket, BytecodeCache

from portal import PROJECT_ROOT, caching
from portal.connectors import blueprint as connectors
from portal.dossiers import storage
from portal.extensions import db, limiter
from portal.provisioning import sync_from_plugins
from portal.registry import get_registry

POOL_SIZE = 24  # apps kept; one-off settings (a browser test's port) push out the oldest


def prepare_database(app: Flask) -> None:
    """Run the real migrations, then the real sync, as ``make run`` does."""
    with app.app_context():
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
        sync_from_plugins(get_registry())


class CompiledTemplates(BytecodeCache):
    """Templates compiled once per test session, whichever app renders them (Jinja checks each one's source)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class PreparedDatabases:
    """SQLite databases migrated and synced once per test session, for each set of plugins and locales, then
    copied (SQLite's backup API, which reads the WAL too) into each test's own file: a test gets exactly what
    ``prepare_database`` would give it, without running every migration again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[str, Path] = {}

    def prepare(self, app: Flask, fresh: bool = False) -> None:
        """Give the app's SQLite file the prepared content; ``fresh``: even if the file exists (a lent app)."""
        target = sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"])
        if target is None or (target.exists() and not fresh):  # PostgreSQL, or a second app on the same file
            prepare_database(app)
            return
        key = self._key(app)
        if key not in self.made:
            prepare_database(app)
            with app.app_context():
                db.engine.dispose()
            self.made[key] = self.folder / f"{len(self.made)}.db"
            copy_database(target, self.made[key])
            return
        copy_database(self.made[key], target)

    @staticmethod
    def _key(app: Flask) -> str:
        """What the synced database depends on: the loaded plugins (test modules' names and addresses aside)."""
        described = repr((app.config["LOCALES"], sorted(get_registry(app).bodies.items())))
        return re.sub(r"test_body_\w+?_\d+|0x[0-9a-f]+", "", described)


def sqlite_file(uri: str) -> Path | None:
    return Path(uri.removeprefix("sqlite:///")) if uri.startswith("sqlite:///") else None


def copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    copy.close()
    origin.close()


@dataclass
class Lent:
    key: str
    app: Flask
    settings: dict[str, Any]  # as built, before any test changed them
    shape: tuple[int, ...]  # routes and hooks, to see whether a test added some


class AppPool:
    """Apps by settings, each lent to one test at a time and put back clean (see the module's docstring)."""

    def __init__(self, folder: Path, databases: PreparedDatabases) -> None:
        self.folder = folder
        self.databases = databases
        self.idle: OrderedDict[str, Lent] = OrderedDict()
        self.built = 0

    def lend(self, settings: Mapping[str, Any], test_folder: Path, build: Callable[[dict[str, Any]], Flask]) -> Lent:
        """An app with ``settings``; paths under ``test_folder`` are the test's own (its uploads)."""
        key = repr(sorted((name, str(value).replace(str(test_folder), "<test>")) for name, value in settings.items()))
        lent = self.idle.pop(key, None)
        if lent is None:
            self.built += 1
            database = self.folder / f"{self.built}.db"
            app = build({**settings, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
            self.databases.prepare(app)
            return Lent(key, app, deepcopy(dict(app.config)), _shape(app))
        _reset(lent, settings, self.databases)
        return lent

    def give_back(self, lent: Lent) -> None:
        with lent.app.app_context():
            db.engine.dispose()
        if _shape(lent.app) != lent.shape:
            return  # the test added routes or hooks: not lent again
        self.idle[lent.key] = lent
        while len(self.idle) > POOL_SIZE:
            self.idle.popitem(last=False)


def _shape(app: Flask) -> tuple[int, ...]:
    hooks = (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs, app.error_handler_spec)
    return (len(list(app.url_map.iter_rules())), *(sum(map(len, found.values())) for found in hooks))


def _reset(lent: Lent, settings: Mapping[str, Any], databases: PreparedDatabases) -> None:
    """The app as a new one with ``settings`` would be (its database's path stays its own)."""
    app = lent.app
    app.config.clear()
    app.config.update(deepcopy(lent.settings))
    app.config.update({name: value for name, value in settings.items() if name != "SQLALCHEMY_DATABASE_URI"})
    app.config["SQLALCHEMY_DATABASE_URI"] = lent.settings["SQLALCHEMY_DATABASE_URI"]
    databases.prepare(app, fresh=True)
    app.extensions.pop(storage.EXTENSION_KEY)
    storage.init_app(app)  # the test's upload folder
    caching.init_app(app, PROJECT_ROOT, app.extensions[caching.EXTENSION_KEY].content_version)
    limiter.init_app(app)  # the limiter is one object: it counts where the app it last met says
    connectors.init_app(app)  # each fund's breaker closed
