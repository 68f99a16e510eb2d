"""Anonymous reads can be cached: validators, a short public lifetime, and 304 answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.catalogue.models import Service
from portal.extensions import db


@pytest.mark.parametrize(
    "path", ["/fr/", "/ar/services?q=تقاعد", "/fr/services/unemployment-benefit", "/api/v1/services"]
)
def test_a_repeated_read_is_answered_304(client: FlaskClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "public, max-age=300"
    assert first.headers["ETag"].startswith('W/"')
    assert first.headers["Last-Modified"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""
    since = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304


def test_a_change_to_the_catalogue_changes_the_etag(app: Flask, client: FlaskClient) -> None:
    etag = client.get("/fr/").headers["ETag"]
    with app.app_context():
        db.session.execute(db.update(Service).values(updated_at=datetime(2030, 1, 1, tzinfo=UTC)))
        db.session.commit()
    response = client.get("/fr/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.headers["ETag"] != etag


def test_each_locale_and_query_has_its_own_etag(client: FlaskClient) -> None:
    etags = {client.get(path).headers["ETag"] for path in ("/fr/", "/ar/", "/fr/services", "/fr/services?page=2")}
    assert len(etags) == 4
