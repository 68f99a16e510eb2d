"""The jobs' worker as it runs in production: a separate process (``flask jobs worker``) on the same database,
woken through a SQLite broker, sending the emails to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
from tests.portal.dossiers.helpers import file_complaint
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
