"""Static files under fingerprinted names: every page links them so, and the app itself answers them (no proxy)."""

from __future__ import annotations

import hashlib
import re

from flask.testing import FlaskClient

from portal import PROJECT_ROOT
from portal.static_files import EXTENSION_KEY

STYLESHEET = re.compile(r'href="(/static/css/portal\.([0-9a-f]{12})\.css)"')


def test_a_page_links_the_stylesheet_under_its_contents_fingerprint(client: FlaskClient) -> None:
    page = client.get("/fr/").get_data(as_text=True)
    found = STYLESHEET.search(page)
    assert found is not None, page[:2000]
    assert found.group(2) == hashlib.sha256((PROJECT_ROOT / "static/css/portal.css").read_bytes()).hexdigest()[:12]
    assert re.search(r'href="/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css"', page)
    assert re.search(r'src="/static/img/mark\.[0-9a-f]{12}\.svg"', page)


def test_the_fingerprinted_name_is_kept_a_year_and_the_plain_name_still_answers(client: FlaskClient) -> None:
    found = STYLESHEET.search(client.get("/ar/").get_data(as_text=True))
    assert found is not None
    fingerprinted = client.get(found.group(1))
    plain = client.get("/static/css/portal.css")
    assert fingerprinted.status_code == plain.status_code == 200
    assert fingerprinted.get_data() == plain.get_data() == (PROJECT_ROOT / "static/css/portal.css").read_bytes()
    assert fingerprinted.headers["Content-Type"].startswith("text/css")
    assert fingerprinted.cache_control.max_age == 31536000
    assert fingerprinted.cache_control.public and fingerprinted.cache_control.immutable
    assert not plain.cache_control.immutable and plain.cache_control.max_age is None


def test_an_earlier_releases_fingerprint_gets_todays_file_but_not_for_a_year(client: FlaskClient) -> None:
    response = client.get("/static/css/portal.000000000000.css")
    assert response.status_code == 200
    assert response.get_data() == (PROJECT_ROOT / "static/css/portal.css").read_bytes()
    assert not response.cache_control.immutable and response.cache_control.max_age is None


def test_a_missing_file_is_not_found_under_any_name(client: FlaskClient) -> None:
    assert client.get("/static/css/missing.css").status_code == 404
    assert client.get("/static/css/missing.0123456789ab.css").status_code == 404


def test_made_up_names_are_not_remembered(client: FlaskClient) -> None:
    fingerprints = client.application.extensions[EXTENSION_KEY]
    for number in range(50):
        assert client.get(f"/static/css/made-up-{number}.0123456789ab.css").status_code == 404
    client.get("/fr/")  # the page's own files are remembered, and only they
    assert all((PROJECT_ROOT / "static" / name).is_file() for name in fingerprints._names)
