"""The queue that wakes the workers: Huey, on SQLite for one machine, on Redis or PostgreSQL for many.

Huey only carries nudges ("job 42 is ready") and the scheduler's ticks; the jobs themselves are rows of the
platform's database (see ``portal.jobs``), so a broker that loses a message, or is down when a request commits,
delays a job by a sweep at most and never loses it. ``JOBS_BROKER`` chooses the broker: ``sqlite:///<file>``
(the default on one machine: a file beside the database), ``redis://...`` (the default when ``REDIS_URL`` is set),
``postgresql://...`` (the platform's PostgreSQL, with LISTEN/NOTIFY), or ``memory://`` (one process: tests).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any, NamedTuple

from flask import Flask, current_app, has_app_context
from sqlalchemy import delete, event
from sqlalchemy.orm import Session

from portal.database import utcnow
from portal.extensions import db
from portal.jobs import ledger
from portal.jobs.models import DONE, QUEUED, Job

if TYPE_CHECKING:
    from huey import Huey
    from huey.api import TaskWrapper

log = logging.getLogger(__name__)
REDIS_TIMEOUT = 3.0  # seconds to wait for the broker's answer (more than its blocking read's second)
CONNECT_TIMEOUT = 1.0  # seconds to connect to the broker
BROKER_PAUSE = 15.0  # seconds a process leaves the broker alone after it failed to answer
SWEEP_BUDGET = 50.0  # seconds a sweep runs due jobs before leaving the rest to the next one, a minute later


@dataclass(frozen=True)
class Periodic:
    name: str
    minutes: int  # runs when the minute of the hour is a multiple of this (1: every minute)
    function: Callable[[], Any]


_periodic: list[Periodic] = [Periodic("jobs-sweep", 1, lambda: sweep())]


def every(minutes: int, name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Run this function on the scheduler, every ``minutes`` minutes, in a worker (with the app's context)."""

    def register(function: Callable[[], Any]) -> Callable[[], Any]:
        if any(entry.name == name and entry.function is not function for entry in _periodic):
            raise ValueError(f"two periodic jobs named {name!r}")
        if all(entry.name != name for entry in _periodic):
            _periodic.append(Periodic(name, minutes, function))
        return function

    return register


class Bound(NamedTuple):
    """A broker and the tasks bound to it."""

    huey: Huey
    run_jobs: TaskWrapper
    periodic: dict[str, TaskWrapper]


class Queue:
    """The app's broker and the tasks bound to it (``app.extensions["jobs"]``), made on first use: a web worker
    that only reads never imports Huey, nor, through Huey's storage, the Redis and PostgreSQL clients (some 20 MB
    of its resident memory: bench/memory.py)."""

    def __init__(self, app: Flask) -> None:
        self._app = app
        self._lock = Lock()
        self._bound: Bound | None = None
        self.quiet_until = 0.0  # after a broker failure, this process does not try again before then

    @property
    def bound(self) -> Bound:
        """Made once, under the lock: two threads asking at once must not bind two brokers."""
        if self._bound is None:
            with self._lock:
                if self._bound is None:
                    self._bound = _bind(self._app)
        return self._bound

    @property
    def huey(self) -> Huey:
        return self.bound.huey

    @property
    def periodic(self) -> dict[str, TaskWrapper]:
        return self.bound.periodic

    def nudge(self, job_ids: list[int], delay: float = 0) -> None:
        """Wake a worker for these jobs, in one message; a broker that cannot be reached only delays them until the
        next sweep, and is left alone for BROKER_PAUSE seconds so that no request waits for it again meanwhile."""
        if not job_ids or time.monotonic() < self.quiet_until:
            return
        try:
            run_jobs = self.bound.run_jobs
            run_jobs.schedule((job_ids,), delay=delay) if delay else run_jobs(job_ids)
        except Exception as error:  # any broker failure: the sweep will find the jobs
            self.quiet_until = time.monotonic() + BROKER_PAUSE
            log.warning("jobs %s: the queue could not be reached (%s); the next sweep will run them", job_ids, error)

    def nudge_sweep(self) -> None:
        """Ask a worker to sweep now rather than at the next minute."""
        try:
            self.periodic["jobs-sweep"]()
        except Exception as error:  # any broker failure: the scheduler's own sweep comes within a minute
            log.warning("the queue could not be reached (%s)", error)


def init_app(app: Flask) -> None:
    app.extensions["jobs"] = Queue(app)


def _bind(app: Flask) -> Bound:
    from huey import crontab  # here: see Queue

    huey = broker(app.config["JOBS_BROKER"] or default_broker(app), app.name)
    in_context = _in_context(app)
    run_jobs = huey.task(name="run_jobs")(in_context(_run_and_reschedule))
    periodic = {}
    for entry in _periodic:
        schedule = crontab(minute="*" if entry.minutes == 1 else f"*/{entry.minutes}")
        periodic[entry.name] = huey.periodic_task(schedule, name=entry.name)(in_context(entry.function))
    return Bound(huey, run_jobs, periodic)


def default_broker(app: Flask) -> str:
    """Redis when the platform has one; else the platform's PostgreSQL; else a SQLite file beside the database."""
    if app.config["REDIS_URL"]:
        return str(app.config["REDIS_URL"])
    database = str(app.config["SQLALCHEMY_DATABASE_URI"])
    if database.startswith("postgresql"):
        return database.replace("postgresql+psycopg://", "postgresql://", 1)
    if database.startswith("sqlite:///") and database != "sqlite:///:memory:":
        path = Path(database.removeprefix("sqlite:///"))
        return f"sqlite:///{path.with_name(path.stem + '-jobs-queue.db')}"  # instance/portal-jobs-queue.db
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(app.instance_path) / 'jobs-queue.db'}"


def broker(url: str, name: str) -> Huey:
    from huey import MemoryHuey, PostgresHuey, RedisHuey, SqliteHuey  # here: see Queue
    from redis import ConnectionPool

    if url.startswith(("redis://", "rediss://", "unix://")):
        # Bounded waits: a Redis that stopped answering must not hold a web worker (a nudge then waits for a sweep).
        pool = ConnectionPool.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT, socket_timeout=REDIS_TIMEOUT)
        return RedisHuey(name, connection_pool=pool, results=False)
    if url.startswith("postgresql://"):
        return PostgresHuey(name, dsn=url, results=False, connect_timeout=int(REDIS_TIMEOUT))  # libpq: whole seconds
    if url.startswith("sqlite:///"):
        return SqliteHuey(name, filename=url.removeprefix("sqlite:///"), results=False)
    if url == "memory://":
        return MemoryHuey(name, results=False)
    raise ValueError(f"JOBS_BROKER {url!r}: use sqlite:///<file>, redis://..., postgresql://... or memory://")


def sweep() -> int:
    """Run the jobs that are due (a lost nudge, a retry's time, a dead worker's lease) for up to SWEEP_BUDGET."""
    deadline, ran = time.monotonic() + SWEEP_BUDGET, 0
    for job_id in ledger.due():
        if time.monotonic() > deadline:
            break
        ran += ledger.run(job_id) is not None
    return ran


@every(60, "jobs-forget-done")
def forget_done() -> int:
    """Delete the jobs done more than JOB_KEEP_DAYS ago (what they did is recorded where it belongs: an email's
    sending on the outbox, a scan's verdict on the document); the number deleted."""
    before = utcnow() - timedelta(days=current_app.config["JOB_KEEP_DAYS"])
    deleted = db.session.execute(delete(Job).where(Job.state == DONE, Job.finished_at < before))
    db.session.commit()
    return int(deleted.rowcount)  # type: ignore[attr-defined]


def _run_and_reschedule(job_ids: list[int]) -> None:
    """The worker's task: run the jobs; after a failure, wake a worker again when the job's back-off ends."""
    for job_id in job_ids:
        if ledger.run(job_id) == QUEUED:
            queue: Queue = current_app.extensions["jobs"]
            job = db.session.get(Job, job_id)
            if job is not None:
                queue.nudge([job_id], delay=max((job.run_after - utcnow()).total_seconds(), 0.0))


def _in_context(app: Flask) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        def in_app(*args: Any) -> Any:
            with app.app_context():
                return function(*args)

        in_app.__name__ = getattr(function, "__name__", "job")
        return in_app

    return wrap


@event.listens_for(Session, "after_commit")
def _nudge_after_commit(session: Session) -> None:
    """Once what asked for jobs is committed, wake a worker for each (``ledger.later`` noted their ids)."""
    job_ids = session.info.pop(ledger.NUDGES, None)
    if not job_ids:
        return
    if has_app_context() and "jobs" in current_app.extensions:
        current_app.extensions["jobs"].nudge(job_ids)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(ledger.NUDGES, None)
