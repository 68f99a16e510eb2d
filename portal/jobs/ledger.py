"""Asking for a job, claiming it, running it, retrying it: the database is the truth about every job."""

from __future__ import annotations

import logging
import traceback
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, and_, or_, select, update

from portal.database import utcnow
from portal.extensions import db
from portal.jobs.models import DEAD, DONE, QUEUED, RUNNING, Job

Handler = Callable[[dict[str, Any]], None]
NUDGES = "jobs_to_nudge"  # db.session.info: ids of the jobs this transaction asked for, pushed after the commit
log = logging.getLogger(__name__)
_handlers: dict[str, Handler] = {}
labels: dict[str, object] = {}  # kind -> what the back office calls it (a lazy translation)


def handler(kind: str, label: object) -> Callable[[Handler], Handler]:
    """Declare the function that does the jobs of ``kind``, named ``label`` in the back office. It gets the job's
    payload and may commit; it must be safe to run again after a crash (check what is already done first), as a
    killed worker's job runs again."""

    def register(function: Handler) -> Handler:
        if _handlers.get(kind, function) is not function:
            raise ValueError(f"two handlers for the jobs of kind {kind!r}")
        _handlers[kind], labels[kind] = function, label
        return function

    return register


def later(kind: str, payload: dict[str, Any], *, key: str | None = None, body_id: int | None = None) -> Job:
    """Ask for a job, done once the caller commits (nothing is done if it rolls back). Asking again with the same
    ``key`` returns the job already asked for."""
    if kind not in _handlers:
        raise LookupError(f"no handler for the jobs of kind {kind!r}")
    key = key or f"{kind}:{uuid.uuid4().hex}"
    job: Job | None = db.session.scalar(select(Job).where(Job.key == key))
    if job is None:
        job = Job(kind=kind, key=key, payload=payload, body_id=body_id, state=QUEUED, run_after=utcnow())
        db.session.add(job)
        db.session.flush()
        db.session.info.setdefault(NUDGES, []).append(job.id)
    return job


def run(job_id: int) -> str | None:
    """Claim the job and run it; its state afterwards, or None when it was not due or another worker has it."""
    claim = _claim(job_id)
    if claim is None:
        return None
    job = db.session.get(Job, job_id)
    if job is None:
        return None
    kind, payload = job.kind, dict(job.payload)
    try:
        _handlers[kind](payload)
    except Exception as error:
        db.session.rollback()
        log.warning("job %s (%s) failed: %s", job_id, kind, error)
        return _failed(job_id, claim, error)
    return _settle(job_id, claim, DONE, finished_at=utcnow(), last_error="")


def due(limit: int = 200) -> list[int]:
    """The jobs a worker may claim now (queued and due, or running with an expired lease), oldest first; jobs
    whose workers died as often as they may try are declared dead first."""
    now = utcnow()
    db.session.execute(
        update(Job)
        .where(Job.state == RUNNING, Job.lease_until < now, Job.attempts >= _setting("JOB_MAX_ATTEMPTS"))
        .values(state=DEAD, lease_until=None, last_error="the worker stopped during every attempt")
    )
    db.session.commit()
    return list(db.session.scalars(select(Job.id).where(_claimable(now)).order_by(Job.run_after).limit(limit)))


def retry(job_id: int) -> bool:
    """Make a job due now, its attempts counted anew (an administrator's retry, or a command's after an outage);
    never one a worker is running, whose run would then be doubled (handlers make a done job's rerun harmless).
    Whether it was."""
    waiting = or_(Job.state != RUNNING, Job.lease_until < utcnow())
    retried = db.session.execute(
        update(Job).where(Job.id == job_id, waiting)
        .values(state=QUEUED, attempts=0, run_after=utcnow(), lease_until=None, claim=None)
    )  # fmt: skip
    if retried.rowcount:  # type: ignore[attr-defined]
        db.session.info.setdefault(NUDGES, []).append(job_id)
    return bool(retried.rowcount)  # type: ignore[attr-defined]


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: doubled each time, from JOB_RETRY_DELAY to JOB_RETRY_MAX_DELAY."""
    seconds = _setting("JOB_RETRY_DELAY") * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, _setting("JOB_RETRY_MAX_DELAY")))


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(Job.state == QUEUED, Job.run_after <= now),
        and_(Job.state == RUNNING, Job.lease_until < now),
    )


def _claim(job_id: int) -> str | None:
    """One atomic statement: the job becomes this worker's for a lease, whoever else tries at the same moment;
    the claim's token, which the worker's verdict must carry (a worker whose lease ended has lost the job)."""
    now, token = utcnow(), uuid.uuid4().hex
    lease = now + timedelta(seconds=_setting("JOB_LEASE_SECONDS"))
    claimed = db.session.execute(
        update(Job)
        .where(Job.id == job_id, _claimable(now), Job.attempts < _setting("JOB_MAX_ATTEMPTS"))
        .values(state=RUNNING, attempts=Job.attempts + 1, lease_until=lease, claim=token)
    )
    db.session.commit()
    return token if claimed.rowcount else None  # type: ignore[attr-defined]


def _failed(job_id: int, claim: str, error: Exception) -> str:
    job = db.session.get(Job, job_id)
    attempts = job.attempts if job is not None else 0
    text = "".join(traceback.format_exception_only(error)).strip()[:2000]
    if attempts >= _setting("JOB_MAX_ATTEMPTS"):
        return _settle(job_id, claim, DEAD, last_error=text, finished_at=utcnow())
    return _settle(job_id, claim, QUEUED, last_error=text, run_after=utcnow() + backoff(attempts))


def _settle(job_id: int, claim: str, state: str, **values: Any) -> str:
    """Record the worker's verdict, unless its lease ended and another worker took the job meanwhile."""
    settled = db.session.execute(
        update(Job).where(Job.id == job_id, Job.claim == claim)
        .values(state=state, lease_until=None, claim=None, **values)
    )  # fmt: skip
    db.session.commit()
    if not settled.rowcount:  # type: ignore[attr-defined]
        log.warning("job %s: its lease ended before it finished; another worker has it", job_id)
    return state


def _setting(name: str) -> Any:
    return current_app.config[name]
