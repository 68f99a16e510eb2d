"""Where the throttles count: one store shared by every gunicorn worker and every host.

A limit of 5 wrong passwords a minute holds only if every worker reads and adds to the same count: with the
``limits`` library's in-process store (``memory://``) each worker keeps its own, so two workers let 10 through
and eight let 40. The store is, in this order: ``RATELIMIT_STORAGE_URI`` when set; Redis at ``REDIS_URL`` when
set (the choice for heavy traffic); else the platform's own database, through the storage below.

Why the database is the embedded default, rather than the memory store or a file beside it: it is already
shared by every worker of a host and by every host (SQLite for ``make run``, PostgreSQL at scale), so the
default needs no new server and is right on one host as on ten; one atomic statement counts a request
(``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``, on SQLite and PostgreSQL alike), so two workers never
both see 4 and both let a sixth try through; and only the few limited routes (sign-in, tracking) pay for it:
the catalogue's requests are never counted. Counts are fixed windows (flask-limiter's default strategy);
expired rows are reused in place and purged now and then. If the store cannot be reached, flask-limiter
counts in the worker's memory until it is back (``RATELIMIT_IN_MEMORY_FALLBACK_ENABLED``): the site keeps
serving, with the weaker per-worker limit for that time.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, MutableMapping
from threading import Lock
from typing import Any

from limits.storage import Storage
from sqlalchemy import Column, Double, Engine, Integer, String, Table, case, create_engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db

SCHEME = "portal-db"
PURGE_EVERY = 300.0  # seconds between two purges of expired counts, per worker

rate_limit = Table(
    "rate_limit",
    db.metadata,
    Column("key", String(64), primary_key=True),  # SHA-256 of the limiter's key, whose length a visitor chooses
    Column("hits", Integer, nullable=False),
    Column("expires_at", Double, nullable=False, index=True),  # seconds since the epoch
)


def storage_settings(config: MutableMapping[str, Any]) -> None:
    """Choose the throttles' store (see the module's docstring) and tell the database store where to count."""
    uri = config["RATELIMIT_STORAGE_URI"] or config["REDIS_URL"] or f"{SCHEME}://"
    config["RATELIMIT_STORAGE_URI"] = uri
    options = dict(config.get("RATELIMIT_STORAGE_OPTIONS") or {})
    if uri.startswith(f"{SCHEME}://"):
        config["RATELIMIT_STORAGE_OPTIONS"] = {**options, "database_uri": config["SQLALCHEMY_DATABASE_URI"]}
    elif uri.startswith(("redis://", "rediss://")):
        # A Redis that stopped answering fails fast, and the limiter counts in memory until it is back.
        config["RATELIMIT_STORAGE_OPTIONS"] = {"socket_connect_timeout": 1, "socket_timeout": 1, **options}


class DatabaseStorage(Storage):
    """A ``limits`` storage in the platform's database (``portal-db://``): a counter and its expiry per key."""

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012 - the base class declares it so; the registry reads it

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions)
        database_uri = options.get("database_uri")
        if not database_uri:
            raise ValueError(f"{SCHEME}:// needs the database_uri option (RATELIMIT_STORAGE_OPTIONS)")
        # Its own small pool: a count is committed at once, whatever becomes of the request's transaction.
        self.engine: Engine = create_engine(str(database_uri), **_pool_options(str(database_uri)))
        self._next_purge = 0.0
        self._purge_lock = Lock()

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add ``amount`` to the key's count, starting a new window of ``expiry`` seconds when the last one ended."""
        now = time.time()
        insert = (postgresql if self.engine.dialect.name == "postgresql" else sqlite).insert(rate_limit)
        ended = rate_limit.c.expires_at <= now
        statement = (
            insert.values(key=_digest(key), hits=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[rate_limit.c.key],
                set_={
                    "hits": case((ended, amount), else_=rate_limit.c.hits + amount),
                    "expires_at": case((ended, now + expiry), else_=rate_limit.c.expires_at),
                },
            )
            .returning(rate_limit.c.hits)
        )
        with self.engine.begin() as connection:
            hits = int(connection.execute(statement).scalar_one())
        self._purge_now_and_then(now)
        return hits

    def get(self, key: str) -> int:
        found = self._current(key, rate_limit.c.hits)
        return int(found) if found is not None else 0

    def get_expiry(self, key: str) -> float:
        found = self._current(key, rate_limit.c.expires_at)
        return float(found) if found is not None else time.time()

    def clear(self, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(rate_limit).where(rate_limit.c.key == _digest(key)))

    def reset(self) -> int | None:
        with self.engine.begin() as connection:
            return connection.execute(delete(rate_limit)).rowcount

    def check(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(select(rate_limit.c.key).limit(1))
        except SQLAlchemyError:
            return False
        return True

    def _current(self, key: str, column: Column[Any]) -> Any:
        query = select(column).where(rate_limit.c.key == _digest(key), rate_limit.c.expires_at > time.time())
        with self.engine.connect() as connection:
            return connection.execute(query).scalar()

    def _purge_now_and_then(self, now: float) -> None:
        with self._purge_lock:
            if now < self._next_purge:
                return
            self._next_purge = now + PURGE_EVERY
        with self.engine.begin() as connection:
            connection.execute(delete(rate_limit).where(rate_limit.c.expires_at <= now))


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _pool_options(database_uri: str) -> Mapping[str, Any]:
    if database_uri.startswith("sqlite"):
        return {}
    return {"pool_size": 2, "max_overflow": 4, "pool_pre_ping": True}
