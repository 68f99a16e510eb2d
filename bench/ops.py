"""Load and faults on the platform deployed on several hosts (tests/stack.py): nginx in front of 2 gunicorn hosts
(2 sync workers each, as ``make run``), PostgreSQL, Redis, a job worker with the scheduler and an SMTP sink, all on
127.0.0.1, with the test bodies (tests/bodies) and their agency's hiring-aid form.

Each scenario puts 200 people (threads on keep-alive HTTPS connections, bench/traffic.py) on the platform for its
time, with a fault in the middle, then checks what must hold and prints it: requests, errors, 503s, p50/p99 per kind
and overall, dossiers acknowledged vs found (with their documents and files), emails queued vs delivered and their
duplicates by Message-ID. The load scenario also runs the same traffic against bare Flask under the same proxy.

- load: no fault (``--seconds``, 60 by default)
- postgres: PostgreSQL stopped (fast shutdown) and started again 3 s later, a third of the way through
- redis: Redis stopped a third of the way through, started again (empty) at two thirds
- smtp: the SMTP server down for the whole run, started again at its end
- worker: the job worker killed (SIGKILL) while both its threads wait on a slow SMTP server, started again at once

Faults last 30 s unless ``--seconds`` says otherwise. Settings that shorten waits for a bench (said at the top of
the output): jobs retried after 1 s doubling up to 10 s, 60 attempts, leases of 15 s; the drafts' and uploads'
quotas per address raised (each person has its own address, but the bench sends more than any person would).

Usage: ``.venv/bin/python -m bench.ops [--scenario load|postgres|redis|smtp|worker|all] [--seconds N]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from bench import http as bench_http
from bench.invariants import Mark, dossiers, emails
from bench.report import Outcome, print_outcome, print_summary
from bench.traffic import Catalogue, Recording, load
from bench.worker_times import AccessLogs
from portal.catalogue.models import Body, Service, Term
from portal.database import utcnow
from portal.extensions import db
from portal.jobs.models import RUNNING, Job
from tests import bodies, nginx_server
from tests.stack import SERVER_NAME, Stack, browser_through, running, throwaway_database

SETTINGS = {
    "PORTAL_JOB_RETRY_DELAY": "1", "PORTAL_JOB_RETRY_MAX_DELAY": "10", "PORTAL_JOB_MAX_ATTEMPTS": "60",
    "PORTAL_JOB_LEASE_SECONDS": "15", "PORTAL_DRAFT_QUOTA": "100000 per hour",
    "PORTAL_UPLOAD_QUOTA": "1000000 per hour",
}  # fmt: skip
# Each gunicorn worker's first requests import the views, compile the templates (seconds on this machine) and fill
# its page cache: a warm-up, not counted, comes before the first scenario.
WARM_UP, WARM_UP_CONNECTIONS = 15.0, 20
EMAIL_WAIT = 150.0  # seconds to wait for the emails after a scenario (a lost nudge waits for the minute's sweep)
POSTGRES_DOWN = 3.0  # seconds between the stop and the start


Scenario = Callable[[Stack, Catalogue, float, int], Outcome]


def catalogue_of(stack: Stack) -> Catalogue:
    """The pages, words and API reads of the catalogue as the database holds it."""
    with stack.app.app_context():
        services = [service for service in db.session.scalars(select(Service)) if service.is_public]
        codes = list(db.session.scalars(select(Body.code)))
        terms = list(db.session.execute(select(Term.vocabulary, Term.code)))
        titles = [text.title for service in services for text in service.texts.values()]
        slugs = [service.slug for service in services]
    words = sorted({word.strip("«»(),.:;'") for title in titles for word in title.split() if len(word) > 3})
    events = [code for vocabulary, code in terms if vocabulary == "life_event"]
    audiences = [code for vocabulary, code in terms if vocabulary == "audience"]
    pages = [f"/{locale}/{path}" for locale in ("ar", "fr") for path in (
        "", "services", *(f"services/{slug}" for slug in slugs), *(f"bodies/{code}" for code in codes),
        *(f"life-events/{code}" for code in events), *(f"services?audience={code}" for code in audiences))]  # fmt: skip
    api = ["/api/v1/services?per_page=20", "/api/v1/bodies", "/api/v1/vocabularies",
           *(f"/api/v1/services/{slug}" for slug in slugs),
           *(f"/api/v1/services?audience={code}" for code in audiences)]  # fmt: skip
    filters = [*(f"&audience={code}" for code in audiences), *(f"&body={code}" for code in codes), "&page=2"]
    return Catalogue(pages, words, filters, api)


def finish(name: str, stack: Stack, mark: Start, recording: Recording, notes: list[str]) -> Outcome:
    """The scenario's figures and what must hold: its dossiers, then its emails (waiting for them)."""
    found = dossiers(stack.app, mark.records, recording.acknowledged, stack.uploads)
    sent = emails(stack.app, mark.records, stack.mail, EMAIL_WAIT)
    return Outcome(name, recording, mark.logs.times(), found, sent, notes)


@dataclass(frozen=True)
class Start:
    """Where a scenario starts: the records' last ids, the hosts' access logs' ends."""

    records: Mark
    logs: AccessLogs

    @classmethod
    def now(cls, stack: Stack) -> Start:
        return cls(Mark.now(stack.app), AccessLogs(stack.folder))


def load_scenario(stack: Stack, catalogue: Catalogue, seconds: float, connections: int) -> Outcome:
    mark = Start.now(stack)
    recording = load(stack.browser, catalogue, seconds, connections)
    searches = recording.searches
    notes = [f"{len(searches)} distinct searches among {sum(searches.values())} "
             f"({sum(1 for count in searches.values() if count == 1)} asked once, so never from a cache)"]  # fmt: skip
    outcome = finish("load", stack, mark, recording, notes)
    with bare_flask(stack.folder) as proxy:
        outcome.bare = load(lambda source: browser_through(proxy, source), catalogue, seconds, connections, bare=True)
    return outcome


@contextmanager
def bare_flask(folder: Path, hosts: int = 2) -> Iterator[nginx_server.Proxy]:
    """bench/bare_app.py on ``hosts`` gunicorns of 2 sync workers, behind the same nginx configuration."""
    with ExitStack() as started:
        ports = []
        for _ in range(hosts):
            process, port = bench_http.start("bench.bare_app:app", 2, dict(os.environ))
            started.callback(process.wait, 10)
            started.callback(process.terminate)
            ports.append(f"127.0.0.1:{port}")
        proxy = started.enter_context(nginx_server.throwaway_proxy(ports, SERVER_NAME, workers=2))
        assert proxy is not None
        yield proxy


def postgres_scenario(stack: Stack, catalogue: Catalogue, seconds: float, connections: int) -> Outcome:
    assert stack.postgres is not None
    moments: dict[str, float] = {}

    def restart() -> None:
        moments["start"] = time.monotonic()
        time.sleep(seconds / 3)
        moments["stop"] = time.monotonic()
        stack.postgres.stop()  # type: ignore[union-attr]
        moments["stopped"] = time.monotonic()
        time.sleep(POSTGRES_DOWN)
        stack.postgres.start()  # type: ignore[union-attr]
        moments["back"] = time.monotonic()

    mark = Start.now(stack)
    recording = load(stack.browser, catalogue, seconds, connections, during=restart)
    stop, back = moments["stop"], moments["back"]
    unavailable = [moment - stop for moment, _kind, status in recording.timeline if status == 503]
    # A new form's first page writes its draft: the first one made after the restart says the records are back.
    drafts = [moment - back for moment, kind, status in recording.timeline if (kind, status) == ("form", 302)]
    notes = [f"PostgreSQL stopped at +{stop - moments['start']:.1f} s (its fast shutdown took "
             f"{moments['stopped'] - stop:.1f} s) and started again {back - stop:.1f} s after the stop",
             f"{len(unavailable)} answers 503, from +{min(unavailable, default=0):.1f} s to "
             f"+{max(unavailable, default=0):.1f} s after the stop; the first new draft written "
             f"{min((moment for moment in drafts if moment > 0), default=float('nan')):.1f} s after the server was "
             "back: the platform answered again by itself",
             f"forms still refused when their person stopped sending them again: {recording.gave_up}"]  # fmt: skip
    return finish("postgres", stack, mark, recording, notes)


def redis_scenario(stack: Stack, catalogue: Catalogue, seconds: float, connections: int) -> Outcome:
    def stop_and_start() -> None:
        time.sleep(seconds / 3)
        stack.redis.stop()
        time.sleep(seconds / 3)
        stack.redis.start()

    mark = Start.now(stack)
    recording = load(stack.browser, catalogue, seconds, connections, during=stop_and_start)
    notes = [f"Redis down from +{seconds / 3:.0f} s to +{2 * seconds / 3:.0f} s; back empty (it saves nothing): the "
             "throttles counted in each worker's memory meanwhile, the nudges were lost and the minute's sweep ran "
             "the jobs"]  # fmt: skip
    return finish("redis", stack, mark, recording, notes)


def smtp_scenario(stack: Stack, catalogue: Catalogue, seconds: float, connections: int) -> Outcome:
    mark, began = Start.now(stack), utcnow()
    stack.mail.stop()
    try:
        recording = load(stack.browser, catalogue, seconds, connections)
        with stack.app.app_context():
            retried = db.session.scalar(select(func.count()).where(Job.kind == "email", Job.created_at >= began,
                                                                   Job.attempts > 1))  # fmt: skip
    finally:
        stack.mail.start()
    notes = [f"SMTP down for the whole {seconds:.0f} s: {retried} emails had been tried more than once when it came "
             "back"]  # fmt: skip
    return finish("smtp", stack, mark, recording, notes)


def worker_scenario(stack: Stack, catalogue: Catalogue, seconds: float, connections: int) -> Outcome:
    killed: dict[int, int] = {}  # the jobs running when the worker was killed: their attempts then

    def kill_while_sending() -> None:
        time.sleep(seconds / 3)
        held = len(stack.mail.entries("held"))
        stack.mail.stop()
        stack.mail.start(slow=2, delay=8)  # both of the worker's threads wait on a recipient
        deadline = time.monotonic() + 20
        while len(stack.mail.entries("held")) < held + 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        with stack.app.app_context():
            running_now = select(Job.id, Job.attempts).where(Job.kind == "email", Job.state == RUNNING)
            killed.update({job_id: attempts for job_id, attempts in db.session.execute(running_now)})
        stack.workers[0].kill()
        stack.workers[0].start()  # as a supervisor would, at once

    mark = Start.now(stack)
    recording = load(stack.browser, catalogue, seconds, connections, during=kill_while_sending)
    outcome = finish("worker", stack, mark, recording, [])
    with stack.app.app_context():
        after = [db.session.get(Job, job_id) for job_id in killed]
        states = "; ".join(f"job {job.id}, killed in its attempt {killed[job.id]}, {job.state} after {job.attempts}"
                           for job in after if job)  # fmt: skip
    outcome.notes.append(f"the worker killed while both its threads waited on the SMTP server: {states}")
    return outcome


SCENARIOS: dict[str, Scenario] = {"load": load_scenario, "postgres": postgres_scenario, "redis": redis_scenario,
                                  "smtp": smtp_scenario, "worker": worker_scenario}  # fmt: skip


@contextmanager
def deployment(folder: Path) -> Iterator[Stack]:
    """The test bodies registered for this process and the hosts, then the whole stack on a server of our own."""
    site = folder / "site"
    bodies.register(site)
    sys.path.insert(0, str(site))
    with (
        throwaway_database() as (url, server),
        running(folder, site, url, postgres=server, extra=SETTINGS, proxy_workers=2, access_logs=True) as stack,
    ):
        yield stack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    parser.add_argument("--seconds", type=float, help="each scenario's load (default: 60 for load, 30 for faults)")
    parser.add_argument("--connections", type=int, default=200)
    arguments = parser.parse_args()
    chosen = list(SCENARIOS) if arguments.scenario == "all" else [arguments.scenario]
    print(
        f"nginx (2 worker processes) -> 2 gunicorn hosts x 2 sync workers, PostgreSQL, Redis, 1 job worker "
        f"(2 threads, scheduler), SMTP sink; {arguments.connections} connections; bench settings: {SETTINGS}"
    )
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="bench-ops-") as folder, deployment(Path(folder)) as stack:
        catalogue = catalogue_of(stack)
        load(stack.browser, catalogue, WARM_UP, WARM_UP_CONNECTIONS)  # not counted: see WARM_UP
        for name in chosen:
            seconds = arguments.seconds or (60.0 if name == "load" else 30.0)
            print(f"\n{name}: load average of the machine {os.getloadavg()[0]:.1f} before", flush=True)
            outcomes.append(SCENARIOS[name](stack, catalogue, seconds, arguments.connections))
            print_outcome(outcomes[-1])
    print_summary(outcomes)


if __name__ == "__main__":
    main()
