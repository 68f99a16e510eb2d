"""The jobs' worker as it runs in production: a separate process (``flask jobs worker``) on the same database,
woken through a SQLite broker, sending the emails to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from portal.dossiers.models import OutboxMessage
from portal.extensions import db
from portal.jobs.models import Job
from tests import bodies
from tests.conftest import AppFactory
from tests.mail_sink import SlowMailServer, mail_server
from tests.portal.backoffice.helpers import create_user, post_sign_in
from tests.portal.dossiers.helpers import file_complaint
from tests.processes import free_port
from tests.stack import JobWorker

Shared = Callable[[int], tuple[Flask, dict[str, str]]]  # a mail port -> the app and a worker's environment
LEASE = 3  # seconds: how long the killed worker's job waits before another worker may take it


@pytest.fixture
def shared(
    make_app: AppFactory, tmp_path: Path, test_bodies_site: Path
) -> Callable[[int], tuple[Flask, dict[str, str]]]:
    """An app for the requests and the environment of a worker process on the same database and broker."""

    def build(mail_port: int) -> tuple[Flask, dict[str, str]]:
        settings = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'portal.db'}", "MAIL_SERVER": "127.0.0.1",
                    "MAIL_PORT": mail_port, "JOBS_BROKER": f"sqlite:///{tmp_path / 'queue.db'}",
                    "UPLOAD_FOLDER": str(tmp_path / "uploads"), "JOB_LEASE_SECONDS": LEASE}  # fmt: skip
        app = make_app(WTF_CSRF_ENABLED=False, **settings)
        environment = {**os.environ, "PORTAL_ENV": "production", "PORTAL_SECRET_KEY": "a-long-secret-for-this-test",
                       **bodies.environment(test_bodies_site),
                       **{f"PORTAL_{name}": str(value) for name, value in settings.items()}}  # fmt: skip
        return app, environment

    return build


@contextmanager
def worker(environment: dict[str, str]) -> Iterator[JobWorker]:
    process = JobWorker(environment)
    process.start()
    try:
        yield process
    finally:
        process.stop()


def wait_for(condition: Callable[[], object], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not done in time"
        time.sleep(0.1)


def job_of(app: Flask) -> Job:
    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.kind == "email"))
        assert job is not None
        db.session.expunge(job)
        return job


def test_a_worker_sends_the_email_within_seconds_of_the_request(
    shared: Shared,
) -> None:
    handler = SlowMailServer()
    with mail_server(handler) as port:
        app, environment = shared(port)
        with worker(environment):
            reference = file_complaint(app.test_client())
            wait_for(lambda: handler.received)
    [email] = handler.received
    assert reference in str(email["Subject"]) and email["To"] == "salima@example.dz"
    job = job_of(app)
    assert (job.state, job.attempts) == ("done", 1)


def test_a_worker_killed_during_a_job_leaves_it_to_the_next_which_sends_it_once(
    shared: Shared,
) -> None:
    handler = SlowMailServer(slow=1, delay=6.0)
    with mail_server(handler) as port:
        app, environment = shared(port)
        reference = file_complaint(app.test_client())
        with worker(environment) as first:
            wait_for(lambda: job_of(app).state == "running")
            first.kill()  # SIGKILL: no chance to finish or to note anything
        assert job_of(app).state == "running" and handler.received == []
        time.sleep(LEASE)  # the lease of the dead worker ends
        with worker(environment):
            wait_for(lambda: job_of(app).state == "done", seconds=30)
            time.sleep(1)  # time enough for a second email, were one to be sent
    assert [str(email["Subject"]).count(reference) for email in handler.received] == [1]
    job = job_of(app)
    assert job.attempts == 2 and job.state == "done"
    with app.app_context():
        [message] = db.session.scalars(select(OutboxMessage))
        assert message.sent_at is not None


def test_a_worker_takes_its_jobs_from_redis_when_the_platform_has_one(
    make_app: AppFactory, tmp_path: Path, test_bodies_site: Path, redis_url: str
) -> None:
    handler = SlowMailServer()
    with mail_server(handler) as port:
        settings = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'portal.db'}", "MAIL_SERVER": "127.0.0.1",
                    "MAIL_PORT": port, "REDIS_URL": redis_url, "UPLOAD_FOLDER": str(tmp_path / "uploads")}  # fmt: skip
        app = make_app(WTF_CSRF_ENABLED=False, JOBS_BROKER=None, **settings)
        assert type(app.extensions["jobs"].huey).__name__ == "RedisHuey"
        environment = {**os.environ, "PORTAL_ENV": "production", "PORTAL_SECRET_KEY": "a-long-secret-for-this-test",
                       **bodies.environment(test_bodies_site),
                       **{f"PORTAL_{name}": str(value) for name, value in settings.items()}}  # fmt: skip
        with worker(environment):
            reference = file_complaint(app.test_client())
            wait_for(lambda: handler.received)
    assert [reference in str(email["Subject"]) for email in handler.received] == [True]


def test_with_redis_down_requests_are_served_and_their_jobs_wait_in_the_database(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Redis stopped: the throttles count in each worker's memory, the worker cannot be woken, and the job,
    committed with the dossier, runs at the next sweep."""
    handler = SlowMailServer()
    with mail_server(handler) as port:
        sweep_without_redis(make_app, tmp_path, port, handler.received)


def sweep_without_redis(make_app: AppFactory, tmp_path: Path, port: int, received: list[Message]) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, JOBS_BROKER=None, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
                   UPLOAD_FOLDER=str(tmp_path / "up"), MAIL_SERVER="127.0.0.1", MAIL_PORT=port)  # fmt: skip
    started = time.monotonic()
    reference = file_complaint(app.test_client())
    assert time.monotonic() - started < 5  # no wait for a broker that is not there
    assert job_of(app).state == "queued" and received == []
    user = create_user(app, "editor", "mintest")
    client = app.test_client()
    assert [post_sign_in(client, user.email, "wrong").status_code for _ in range(6)] == [401] * 5 + [429]
    assert "ran: 1" in app.test_cli_runner().invoke(args=["jobs", "sweep"]).output
    assert [reference in str(email["Subject"]) for email in received] == [True]


def test_a_slow_mail_server_holds_no_lock_that_submissions_wait_for(shared: Shared) -> None:
    """On SQLite a write transaction left open during the SMTP exchange would stop every submission."""
    handler = SlowMailServer(slow=1, delay=6.0)
    with mail_server(handler) as port:
        app, environment = shared(port)
        client = app.test_client()
        file_complaint(client)
        with worker(environment):
            wait_for(lambda: job_of(app).state == "running")
            started = time.monotonic()
            file_complaint(client)  # while the worker waits for the mail server
            elapsed = time.monotonic() - started
            wait_for(lambda: len(handler.received) == 2, seconds=30)
    assert elapsed < 3
    assert [str(email["Message-ID"]).startswith("<outbox-") for email in handler.received] == [True, True]
