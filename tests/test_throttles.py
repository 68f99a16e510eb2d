"""Throttles hold across gunicorn's workers: real gunicorn with 2 workers, real HTTP on 127.0.0.1, counting in the
embedded default store (the platform's database) or in a real Redis server.

Which worker answers a request is the kernel's choice, so the test makes it: a connection whose request never
ends keeps one sync worker busy, and every request meanwhile goes to the other. Three wrong passwords are sent
to one worker, three to the other: a count kept per worker would let all six through."""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import AppFactory
from tests.test_gunicorn import NoRedirect, fetch, gunicorn

SIGN_IN = "/fr/backoffice/sign-in"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def hold_a_worker(url: str) -> socket.socket:
    """Occupy one sync worker: it accepts this connection and waits for the rest of the request's headers."""
    parts = urllib.parse.urlsplit(url)
    connection = socket.create_connection((parts.hostname, parts.port), timeout=10)
    connection.sendall(b"GET /robots.txt HTTP/1.1\r\n")
    time.sleep(0.5)  # long enough for an idle worker to accept it
    return connection


def release(connection: socket.socket) -> None:
    """End the held request and wait for its answer: the worker is free again."""
    connection.sendall(b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
    while connection.recv(65536):
        pass
    connection.close()


class SignIn:
    """A browser on the sign-in page: its session cookie and CSRF token, then wrong passwords for one account."""

    def __init__(self, url: str) -> None:
        self.url = url
        _status, headers, page = fetch(url + SIGN_IN)
        found = TOKEN.search(page)
        assert found is not None and "Set-Cookie" in headers
        self.token, self.cookie = found.group(1), headers["Set-Cookie"].split(";", 1)[0]
        self.email = f"nobody-{uuid.uuid4().hex[:8]}@cnas.example.dz"

    def wrong_password(self) -> int:
        form = {"csrf_token": self.token, "email": self.email, "password": "not the password"}
        request = urllib.request.Request(self.url + SIGN_IN, data=urllib.parse.urlencode(form).encode(),
                                         headers={"Cookie": self.cookie})  # fmt: skip
        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code


def answering_workers(access_log: Path) -> Counter[str]:
    """How many sign-in attempts each worker (by process id) answered, from gunicorn's access log."""
    lines = access_log.read_text().splitlines()
    return Counter(line.split()[0] for line in lines if f"POST {SIGN_IN}" in line)


@pytest.mark.parametrize("store", ["database", "redis"])
def test_the_sixth_wrong_password_in_a_minute_is_refused_whichever_worker_answers(
    store: str, make_app: AppFactory, tmp_path: Path, test_bodies_site: Path, request: pytest.FixtureRequest
) -> None:
    settings = {"PORTAL_REDIS_URL": request.getfixturevalue("redis_url")} if store == "redis" else {}
    make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'portal.db'}")  # migrate the database gunicorn serves
    access_log = tmp_path / "access.log"
    options = ("--access-logfile", str(access_log), "--access-logformat", "%(p)s %(m)s %(U)s %(s)s")
    with gunicorn(tmp_path, test_bodies_site, *options, **settings) as url:
        browser = SignIn(url)
        first = hold_a_worker(url)
        statuses = [browser.wrong_password() for _ in range(3)]  # all answered by the other worker
        second = hold_a_worker(url)  # the other worker, the first one being busy
        release(first)
        statuses += [browser.wrong_password() for _ in range(3)]  # all answered by the first worker
        release(second)
    assert statuses == [401, 401, 401, 401, 401, 429]
    assert sorted(answering_workers(access_log).values()) == [3, 3]
