"""``flask jobs worker`` (the workers and the scheduler), ``flask jobs sweep`` and ``flask jobs list``."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from portal.extensions import db
from portal.jobs import ledger, queue
from portal.jobs.models import DEAD, Job

jobs_group = AppGroup("jobs", help="Background jobs: the worker, the scheduler, the ledger.")


@jobs_group.command("worker")
@click.option("--threads", default=2, show_default=True, help="Jobs run at the same time by this process.")
@click.option("--scheduler/--no-scheduler", default=True, show_default=True,
              help="Also run the periodic jobs (the sweep, the purges); several are safe, one is enough.")  # fmt: skip
def worker(threads: int, scheduler: bool) -> None:
    """Run jobs until stopped: SIGINT lets the jobs under way finish; SIGTERM stops at once (those jobs run again
    when their lease ends)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s [%(name)s] %(message)s")
    jobs: queue.Queue = current_app.extensions["jobs"]
    consumer = jobs.huey.create_consumer(
        workers=threads, worker_type="thread", periodic=scheduler, initial_delay=0.1, max_delay=1.0,
        check_worker_health=True, graceful_signal="INT",
    )  # fmt: skip
    if scheduler:
        jobs.nudge_sweep()  # what a stopped worker left (expired leases, missed nudges) is taken up at once
    consumer.run()


@jobs_group.command("sweep")
def sweep() -> None:
    """Run every job that is due now, once (for a timer, or after an outage)."""
    click.echo(f"ran: {queue.sweep()}")


@jobs_group.command("retry")
@click.argument("kind")
def retry(kind: str) -> None:
    """Try again now every stopped job of KIND (after an outage longer than the retries: a mail server, clamd)."""
    stopped = list(db.session.scalars(select(Job.id).where(Job.kind == kind, Job.state == DEAD)))
    retried = sum(ledger.retry(job_id) for job_id in stopped)
    db.session.commit()
    click.echo(f"retried: {retried}")


@jobs_group.command("list")
def list_jobs() -> None:
    """How many jobs of each kind are in each state."""
    rows = db.session.execute(select(Job.kind, Job.state, func.count()).group_by(Job.kind, Job.state))
    for kind, state, count in rows:
        click.echo(f"{kind}\t{state}\t{count}")
