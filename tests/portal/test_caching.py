"""Anonymous reads can be cached: validators, a short public lifetime, 304 answers, and each worker's copies of the
pages it answered (the same bytes and headers again, within their bounds)."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.wrappers import Response

from portal.caching import EXTENSION_KEY
from portal.catalogue.models import Service
from portal.extensions import db
from tests.conftest import AppFactory


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


PAGES_READ_AGAIN = ["/fr/", "/ar/services?q=تقاعد", "/fr/services/unemployment-benefit", "/api/v1/services",
                    "/open-data/services.csv"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES_READ_AGAIN)
def test_a_page_read_again_is_sent_as_it_was_the_first_time(make_app: AppFactory, path: str) -> None:
    client = make_app(CATALOGUE_VERSION_TTL=60.0).test_client()
    first, again, third = client.get(path), client.get(path), client.get(path)
    assert first.status_code == 200
    for later in (again, third):
        assert later.status == first.status
        assert later.headers.to_wsgi_list() == first.headers.to_wsgi_list()
        assert later.get_data() == first.get_data()
    assert first.headers["X-Frame-Options"] == "DENY"
    assert first.headers["Vary"] == "Cookie"


def test_a_page_read_before_is_refused_to_a_host_not_served(make_app: AppFactory) -> None:
    client = make_app(CATALOGUE_VERSION_TTL=60.0).test_client()
    assert client.get("/fr/").status_code == 200
    assert client.get("/fr/", headers={"Host": "elsewhere.example"}).status_code == 400


def test_a_page_read_before_is_answered_304_then_in_full_to_a_head_and_a_cookie(make_app: AppFactory) -> None:
    client = make_app(CATALOGUE_VERSION_TTL=60.0).test_client()
    first = client.get("/fr/services")
    client.get("/fr/services")
    assert client.get("/fr/services", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    head = client.head("/fr/services")
    assert (head.status_code, head.get_data(), head.headers["ETag"]) == (200, b"", first.headers["ETag"])
    client.set_cookie("session", "not-a-session")
    with_cookie = client.get("/fr/services")
    assert with_cookie.get_data() == first.get_data()
    assert with_cookie.headers["ETag"] == first.headers["ETag"]


def test_a_change_is_sent_once_the_catalogue_version_is_read_again(make_app: AppFactory) -> None:
    reader = make_app(CATALOGUE_VERSION_TTL=0.2)
    client = reader.test_client()
    etag = client.get("/fr/").headers["ETag"]
    assert client.get("/fr/").headers["ETag"] == etag
    with reader.app_context():
        db.session.execute(db.update(Service).values(updated_at=datetime(2030, 1, 1, tzinfo=UTC)))
        db.session.commit()
    time.sleep(0.3)
    assert client.get("/fr/").headers["ETag"] != etag


def test_the_pages_kept_stay_within_their_bytes(make_app: AppFactory) -> None:
    app = make_app(PAGE_CACHE_BYTES=120_000)
    client = app.test_client()
    kept = app.extensions[EXTENSION_KEY]
    for word in range(30):
        assert client.get(f"/fr/services?q=mot{word}").status_code == 200
    assert 0 < kept.kept_bytes <= 120_000
    before = (len(kept), kept.kept_bytes)
    large = client.get("/fr/services")
    assert large.status_code == 200 and len(large.get_data()) > 120_000 // 8
    assert (len(kept), kept.kept_bytes) == before  # answered, not kept: larger than an eighth of the bytes


def test_an_answer_that_set_a_cookie_is_never_sent_to_the_next_reader(make_app: AppFactory) -> None:
    app = make_app(CATALOGUE_VERSION_TTL=60.0)
    visitors = itertools.count()

    def welcome(response: Response) -> Response:  # a hook that gives each reader a cookie of their own
        response.set_cookie("visitor", str(next(visitors)))
        return response

    app.after_request_funcs.setdefault(None, []).append(welcome)  # the app has answered already: added directly

    reader, next_reader = app.test_client(), app.test_client()
    first, second = reader.get("/fr/services"), next_reader.get("/fr/services")
    assert first.get_data() == second.get_data()  # the page is the same...
    assert first.headers["Set-Cookie"].startswith("visitor=0;")
    assert second.headers["Set-Cookie"].startswith("visitor=1;")  # ...but not the first reader's cookie
