"""The platform under real gunicorn, over real HTTP on 127.0.0.1, in production mode."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from portal import PROJECT_ROOT
from tests import bodies
from tests.conftest import AppFactory
from tests.processes import end, free_port

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@contextmanager
def gunicorn(tmp_path: Path, site: Path, *options: str, **settings: str) -> Iterator[str]:
    """Real gunicorn with 2 workers on a free port of 127.0.0.1, in production, serving the database of
    ``tmp_path`` (migrated by the caller) with the test bodies of ``site``; ``settings`` are more environment
    variables, ``options`` gunicorn's. What it prints goes to ``tmp_path/gunicorn-<port>.log`` (a pipe nobody
    reads would stop its workers once full, and a server under faults logs a lot)."""
    port = free_port()
    log = tmp_path / f"gunicorn-{port}.log"
    environment = {
        **os.environ,
        "PORTAL_ENV": "production",
        "PORTAL_SECRET_KEY": "a-long-random-secret-for-this-test-only",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.db'}",
        "PORTAL_UPLOAD_FOLDER": str(tmp_path / "uploads"),
        **bodies.environment(site),
        **settings,
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [GUNICORN, "--workers", "2", "--bind", f"127.0.0.1:{port}", *options, "wsgi:app"],
            cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_until_listening(port, process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        end(process)


@pytest.fixture
def gunicorn_url(make_app: AppFactory, tmp_path: Path, test_bodies_site: Path) -> Iterator[str]:
    make_app(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'portal.db'}"
    )  # migrate and sync the database file that gunicorn will serve
    with gunicorn(tmp_path, test_bodies_site) as url:
        yield url


def _wait_until_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped:\n{log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("gunicorn did not listen within 20 seconds")


def test_gunicorn_serves_both_languages(gunicorn_url: str) -> None:
    status, headers, _ = fetch(f"{gunicorn_url}/", **{"Accept-Language": "fr-FR,fr;q=0.9"})
    assert (status, headers["Location"]) == (302, "/fr/")
    status, headers, body = fetch(f"{gunicorn_url}/ar/")
    assert status == 200
    assert '<html lang="ar" dir="rtl">' in body
    assert "الوكالة التجريبية للتشغيل" in body
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    status, _, body = fetch(f"{gunicorn_url}/fr/")
    assert "Agence pilote de l&#39;emploi" in body
    status, _, css = fetch(f"{gunicorn_url}/static/vendor/bootstrap/bootstrap.rtl.min.css")
    assert status == 200 and "Bootstrap" in css


def test_gunicorn_refuses_to_start_without_a_secret(make_app: AppFactory, tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PORTAL_")}
    environment.update({"PORTAL_ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.db'}"})
    result = subprocess.run(
        [GUNICORN, "--bind", f"127.0.0.1:{free_port()}", "wsgi:app"],
        cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY is missing or still the default. Set PORTAL_SECRET_KEY" in result.stdout + result.stderr
