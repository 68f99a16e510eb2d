"""Applications arriving at the same moment, over real HTTP to real gunicorn workers (separate processes
sharing one SQLite file): each gets its own number, and a request sent twice makes one dossier."""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from portal.dossiers.models import Dossier
from portal.extensions import db
from tests.test_gunicorn import gunicorn_url  # noqa: F401 - the fixture

SUGGESTION = {"category": "suggestion", "applicant_kind": "worker", "subject": "other",
              "message": "Prolonger l'accueil le jeudi après-midi.", "facts": "2026-03-05;1;Accueil fermé à 15 h",
              "anonymous": True}  # fmt: skip


def apply(url: str, key: str) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        f"{url}/api/v1/services/labour-inspection-report/dossiers", method="POST",
        data=json.dumps({"locale": "fr", "answers": SUGGESTION}).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def in_parallel(url: str, keys: list[str]) -> list[tuple[int, dict[str, Any]]]:
    results: list[tuple[int, dict[str, Any]]] = []
    start = threading.Barrier(len(keys))

    def send(key: str) -> None:
        start.wait()
        results.append(apply(url, key))

    threads = [threading.Thread(target=send, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_simultaneous_applications_get_distinct_consecutive_references(gunicorn_url: str, app: Flask) -> None:  # noqa: F811
    results = in_parallel(gunicorn_url, [f"simultaneous-application-{index:04d}" for index in range(24)])
    assert [status for status, _ in results] == [201] * 24

    def number_of(reference: str) -> int:
        match = re.match(r"MINTEST-\d{4}-(\d{6})-.$", reference)
        assert match is not None, reference
        return int(match.group(1))

    numbers = sorted(number_of(body["reference"]) for _, body in results)
    assert numbers == list(range(1, 25))


def test_a_request_sent_twice_at_once_makes_one_dossier(gunicorn_url: str, app: Flask) -> None:  # noqa: F811
    results = in_parallel(gunicorn_url, ["the-same-double-click-key"] * 4)
    assert sorted(status for status, _ in results) == [200, 200, 200, 201]
    assert len({body["reference"] for _, body in results}) == 1
    assert len({body["tracking_code"] for _, body in results}) == 1  # each answer can be used to follow it
    with app.app_context():
        assert db.session.scalar(select(func.count(Dossier.id))) == 1
