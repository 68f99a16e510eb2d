"""A deployment on several hosts, simulated on 127.0.0.1, for the tests and the benchmarks: N gunicorn "hosts"
(each its own gunicorn with 2 sync workers, on its own port) behind nginx (deploy/nginx.conf), one PostgreSQL, one
Redis, job workers apart (the first with the scheduler), uploads in one shared folder, and an SMTP server. Every
process reads the same PORTAL_* settings, as the README's "Several hosts" says; each listens on 127.0.0.1 only,
and everything is stopped on the way out.

The faults are methods of the pieces: ``stack.postgres.stop()/start()`` (only for a server of our own, never
TEST_DATABASE_URL's), ``stack.redis.stop()/start()``, ``stack.mail.stop()/start(slow=, delay=)``,
``stack.workers[0].kill()/start()``.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

from portal import PROJECT_ROOT, create_app
from portal.config import from_environment
from tests import bodies, nginx_server, pg_server, redis_server
from tests.apps import prepare_database
from tests.http_client import Browser
from tests.mail_sink import MailSink
from tests.nginx_server import Proxy
from tests.pg_server import PostgresServer
from tests.redis_server import RedisServer
from tests.test_gunicorn import gunicorn

FLASK = str(Path(sys.executable).with_name("flask"))
SERVER_NAME = "portal.test"
SECRET = "a-long-random-secret-for-this-stack-only"  # a throwaway deployment's


class JobWorker:
    """``flask jobs worker`` as a process of its own, with its log: started, stopped gently (SIGINT: the jobs under
    way finish), or killed (SIGKILL: nothing is finished, nothing is noted)."""

    def __init__(self, environment: Mapping[str, str], log: Path | None = None, scheduler: bool = True) -> None:
        self.environment, self.log, self.scheduler = dict(environment), log, scheduler
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [FLASK, "--app", "wsgi", "jobs", "worker", "--threads", "2"]
        command += [] if self.scheduler else ["--no-scheduler"]
        with (self.log or Path(os.devnull)).open("ab") as output:
            self.process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=self.environment, stdout=output,
                                            stderr=subprocess.STDOUT)  # fmt: skip

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Stack:
    """The running deployment. ``app`` is the platform in this process, on the same database, uploads and settings:
    to look at what was stored, and to change what an editor would."""

    folder: Path
    environment: dict[str, str]
    app: Flask
    proxy: Proxy
    hosts: list[str]  # each gunicorn host's own address: http://127.0.0.1:<port>
    redis: RedisServer
    mail: MailSink
    workers: list[JobWorker]
    postgres: PostgresServer | None  # the database server, when it is ours to stop and start

    @property
    def uploads(self) -> Path:
        return Path(self.environment["PORTAL_UPLOAD_FOLDER"])

    def browser(self, source: str = "127.0.0.1") -> Browser:
        """A person reaching the platform through nginx, over https, from ``source`` (127.0.0.x: another client)."""
        return browser_through(self.proxy, source)

    def host_browser(self, number: int) -> Browser:
        """A client of one gunicorn host itself, past nginx (as a health check would be), under the canonical Host."""
        address = urlsplit(self.hosts[number])
        port = address.port or 80
        return Browser(lambda: http.client.HTTPConnection("127.0.0.1", port, timeout=30), SERVER_NAME,
                       f"http://{SERVER_NAME}")  # fmt: skip

    def flask(self, *arguments: str) -> str:
        """A command of the platform run as an operator would on a worker host (``jobs sweep``); what it printed."""
        done = subprocess.run([FLASK, "--app", "wsgi", *arguments], cwd=PROJECT_ROOT, env=self.environment,
                              capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
        return done.stdout


def browser_through(proxy: Proxy, source: str = "127.0.0.1") -> Browser:
    """A person reaching ``proxy`` over https, from ``source`` (another address of 127.0.0.0/8: another client)."""
    return Browser(lambda: proxy.connection(source, timeout=60), proxy.server_name, f"https://{proxy.server_name}")


def missing() -> list[str]:
    """What this machine lacks to run the stack (a database server is the caller's to find)."""
    lacking = [] if nginx_server.available() else ["nginx (Debian's /usr/sbin/nginx, and openssl)"]
    return lacking + ([] if redis_server.binary() else ["Debian's redis-server"])


def settings(folder: Path, site: Path, database_url: str, redis_url: str, mail_port: int) -> dict[str, str]:
    """The environment every process of the deployment shares: the same database, Redis, uploads and secret."""
    return {
        **bodies.environment(site),
        "PORTAL_ENV": "production",
        "PORTAL_SECRET_KEY": SECRET,
        "DATABASE_URL": database_url,
        "PORTAL_REDIS_URL": redis_url,
        "PORTAL_UPLOAD_FOLDER": str(folder / "shared-uploads"),
        "PORTAL_BASE_URL": f"https://{SERVER_NAME}",
        "PORTAL_PROXY_COUNT": "1",
        "PORTAL_MAIL_SERVER": "127.0.0.1",
        "PORTAL_MAIL_PORT": str(mail_port),
    }


ACCESS_LOG_FORMAT = "%(m)s %(U)s ?%(q)s %(s)s %(D)s"  # method, path, query, status, microseconds in the worker


def host_options(folder: Path, number: int, access_log: bool) -> tuple[str, ...]:
    logged = ("--access-logfile", str(folder / f"access-{number}.log"), "--access-logformat", ACCESS_LOG_FORMAT)
    return ("--log-level", "warning", *(logged if access_log else ()))


@contextmanager
def running(
    folder: Path, site: Path, database_url: str, *, postgres: PostgresServer | None = None, hosts: int = 2,
    workers: int = 1, extra: Mapping[str, str] | None = None, proxy_workers: int = 1, access_logs: bool = False,
) -> Iterator[Stack]:  # fmt: skip
    """Start the deployment on ``database_url`` (an empty database: it is migrated and synced here, with the test
    bodies of ``site``); ``extra`` settings for every process (``PORTAL_JOB_LEASE_SECONDS``...); ``proxy_workers``
    nginx's worker processes; ``access_logs``: each host writes what it answered and in how long to
    ``access-<n>.log`` (``ACCESS_LOG_FORMAT``)."""
    with ExitStack() as started:
        redis = started.enter_context(redis_server.throwaway_redis())
        if redis is None:
            raise RuntimeError("redis-server is not installed")
        mail = MailSink(folder)
        mail.start()
        started.callback(mail.stop)
        environment = {**settings(folder, site, database_url, redis.url, mail.port), **(extra or {})}
        app = create_app(from_environment(environment))
        prepare_database(app)
        urls = [started.enter_context(gunicorn(folder, site, *host_options(folder, number, access_logs), **environment))
                for number in range(hosts)]  # fmt: skip
        upstreams = [url.removeprefix("http://") for url in urls]
        proxy = started.enter_context(nginx_server.throwaway_proxy(upstreams, SERVER_NAME, workers=proxy_workers))
        if proxy is None:
            raise RuntimeError("nginx cannot run here")
        everything = {**os.environ, **environment}
        job_workers = [JobWorker(everything, folder / f"worker-{number}.log", scheduler=number == 0)
                       for number in range(workers)]  # fmt: skip
        for worker in job_workers:
            worker.start()
            started.callback(worker.stop)
        yield Stack(folder, everything, app, proxy, urls, redis, mail, job_workers, postgres)


@contextmanager
def throwaway_database() -> Iterator[tuple[str, PostgresServer]]:
    """A PostgreSQL server of our own (which may be stopped and started) and the URL of its ``postgres`` database."""
    with pg_server.throwaway_cluster() as server:
        if server is None:
            raise RuntimeError("PostgreSQL's server binaries are not installed")
        yield server.url, server
