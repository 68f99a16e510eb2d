"""The jobs' ledger: asked for in the caller's transaction, claimed once, retried with back-off, stopped at last."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select, update

from portal.database import utcnow
from portal.extensions import db
from portal.jobs import ledger, queue
from portal.jobs.models import Job

done: list[dict[str, Any]] = []


@ledger.handler("test-record", "A test job")
def record(payload: dict[str, Any]) -> None:
    if payload.get("fail"):
        raise RuntimeError("the outside system said no")
    done.append(payload)


@pytest.fixture(autouse=True)
def forget() -> None:
    done.clear()


def stored(app: Flask) -> list[Job]:
    with app.app_context():
        jobs = list(db.session.scalars(select(Job).order_by(Job.id)))
        db.session.expunge_all()
        return jobs


def test_a_job_exists_only_if_what_asked_for_it_is_committed(app: Flask) -> None:
    with app.app_context():
        ledger.later("test-record", {"n": 1}, key="test:rolled-back")
        assert db.session.info[ledger.NUDGES]
        db.session.rollback()
        assert ledger.NUDGES not in db.session.info  # no worker is woken for it either
        ledger.later("test-record", {"n": 2}, key="test:kept")
        ledger.later("test-record", {"n": 3}, key="test:kept")  # asked twice: one job
        db.session.commit()
    assert [(job.key, job.payload, job.state) for job in stored(app)] == [("test:kept", {"n": 2}, "queued")]


def test_an_unknown_kind_is_refused_when_asked_for(app: Flask) -> None:
    with app.app_context(), pytest.raises(LookupError):
        ledger.later("no-such-kind", {})


def test_a_job_runs_once_however_many_workers_try(app: Flask) -> None:
    with app.app_context():
        job_id = ledger.later("test-record", {"n": 1}).id
        db.session.commit()
        assert ledger.run(job_id) == "done"
        assert ledger.run(job_id) is None  # done: nobody claims it again
        assert queue.sweep() == 0
    assert done == [{"n": 1}]


def test_a_failure_waits_longer_each_time_then_stops(app: Flask) -> None:
    app.config.update(JOB_RETRY_DELAY=10.0, JOB_RETRY_MAX_DELAY=25.0, JOB_MAX_ATTEMPTS=3)
    with app.app_context():
        assert [ledger.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [10.0, 20.0, 25.0, 25.0]
        job_id = ledger.later("test-record", {"fail": True}).id
        db.session.commit()
        assert ledger.run(job_id) == "queued"
        assert ledger.run(job_id) is None  # not due for ten seconds
        for _ in range(2):
            db.session.execute(update(Job).values(run_after=utcnow()))  # as if the wait were over
            db.session.commit()
            state = ledger.run(job_id)
    [job] = stored(app)
    assert state == "dead" and job.attempts == 3 and "the outside system said no" in job.last_error


def test_the_job_of_a_worker_that_died_runs_again_when_its_lease_ends(app: Flask) -> None:
    with app.app_context():
        job_id = ledger.later("test-record", {"n": 7}).id
        db.session.commit()
        assert ledger._claim(job_id)  # a worker took it, then died without a word
        assert ledger.due() == []  # its lease holds: nobody else runs it
        db.session.execute(update(Job).values(lease_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        assert queue.sweep() == 1
    [job] = stored(app)
    assert (job.state, job.attempts) == ("done", 2) and done == [{"n": 7}]


def test_a_job_whose_worker_dies_at_every_attempt_stops(app: Flask) -> None:
    app.config.update(JOB_MAX_ATTEMPTS=2)
    with app.app_context():
        job_id = ledger.later("test-record", {"n": 1}).id
        db.session.commit()
        for _ in range(2):
            assert ledger._claim(job_id)
            db.session.execute(update(Job).values(lease_until=utcnow() - timedelta(seconds=1)))
            db.session.commit()
        assert ledger.due() == []
    [job] = stored(app)
    assert job.state == "dead" and "stopped during every attempt" in job.last_error and done == []


def test_a_job_a_worker_runs_is_not_retried_until_its_lease_ends(app: Flask) -> None:
    with app.app_context():
        job_id = ledger.later("test-record", {"n": 1}).id
        db.session.commit()
        assert ledger._claim(job_id)  # a worker is running it
        assert not ledger.retry(job_id)  # an administrator's retry would run it twice
        db.session.execute(update(Job).values(lease_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        assert ledger.retry(job_id)  # its worker is presumed dead
        db.session.commit()
    [job] = stored(app)
    assert (job.state, job.attempts, job.claim) == ("queued", 0, None)


def test_a_worker_whose_lease_ended_does_not_overwrite_the_next_ones_verdict(app: Flask) -> None:
    with app.app_context():
        job_id = ledger.later("test-record", {"n": 1}).id
        db.session.commit()
        late = ledger._claim(job_id)
        db.session.execute(update(Job).values(lease_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        current = ledger._claim(job_id)  # another worker took it over
        assert late and current and late != current
        ledger._settle(job_id, late, "done")
        [job] = stored(app)
        assert (job.state, job.claim) == ("running", current)
        ledger._settle(job_id, current, "done")
    assert stored(app)[0].state == "done"


def test_flask_jobs_retry_tries_the_stopped_jobs_of_a_kind_again(app: Flask) -> None:
    app.config.update(JOB_MAX_ATTEMPTS=1)
    with app.app_context():
        job_id = ledger.later("test-record", {"fail": True}).id
        db.session.commit()
        assert ledger.run(job_id) == "dead"
    assert "retried: 1" in app.test_cli_runner().invoke(args=["jobs", "retry", "test-record"]).output
    assert [(job.state, job.attempts) for job in stored(app)] == [("queued", 0)]


def test_a_broker_that_does_not_answer_delays_one_commit_once(make_app: Callable[..., Flask]) -> None:
    """A Redis that accepts connections and never answers: one wait for all the jobs of a commit, then none for
    a while; the jobs are in the database for the next sweep."""
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(50)  # the kernel completes the handshakes; nobody ever answers
        app = make_app(JOBS_BROKER=f"redis://127.0.0.1:{hung.getsockname()[1]}/0")
        with app.app_context():
            timings = []
            for batch in range(2):
                for n in range(3):  # a submission with two documents: two scans and the email
                    ledger.later("test-record", {"batch": batch, "n": n})
                started = time.monotonic()
                db.session.commit()
                timings.append(time.monotonic() - started)
    assert timings[0] < queue.REDIS_TIMEOUT + 1 and timings[1] < 0.5
    assert [job.state for job in stored(app)] == ["queued"] * 6


def test_done_jobs_are_forgotten_after_a_month_and_the_others_kept(app: Flask) -> None:
    with app.app_context():
        for key, state, days in (("old", "done", 31), ("recent", "done", 2), ("stopped", "dead", 90)):
            job = ledger.later("test-record", {}, key=f"test:{key}")
            job.state, job.finished_at = state, utcnow() - timedelta(days=days)
        db.session.commit()
        assert queue.forget_done() == 1
    assert sorted(job.key for job in stored(app)) == ["test:recent", "test:stopped"]
