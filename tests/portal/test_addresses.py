"""The canonical address: a forged Host is refused and never cached; every absolute URL the platform writes (sitemap,
Atom, linked data, robots.txt, API receipts, emails to applicants) names BASE_URL, whatever the request says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from sqlalchemy import select

from portal.dossiers.models import OutboxMessage
from portal.extensions import db
from tests.conftest import AppFactory
from tests.portal.dossiers.test_api import ANSWERS, CONTACT, DOCUMENTS

CANONICAL = "https://e-services.example.dz"
ALIAS = "portal.internal"  # another name the platform answers to (ALLOWED_HOSTS), as a load balancer uses it
FORGED = {
    "X-Forwarded-Host": "evil.example",
    "X-Forwarded-Proto": "http",
    "X-Forwarded-Port": "8443",
    "X-Forwarded-Prefix": "/evil",
    "X-Forwarded-For": "203.0.113.9",
}
URL = re.compile(r"https?://[^\s\"'<>]+")


def assert_only_canonical(text: str) -> None:
    """The platform's own URLs in ``text`` are all at CANONICAL (the bodies' websites and vocabularies aside)."""
    urls = URL.findall(text)
    assert any(url.startswith(f"{CANONICAL}/") for url in urls), "no URL of the platform at all"
    assert [url for url in urls if urlsplit(url).hostname in {"localhost", ALIAS, "evil.example"}] == []
    assert [url for url in urls if CANONICAL.removeprefix("https://") in url and not url.startswith(CANONICAL)] == []
    assert "evil" not in text


def test_a_forged_host_is_refused_and_never_cached_for_others(app: Flask) -> None:
    client = app.test_client()
    for path in ("/sitemap.xml", "/fr/", "/fr/feed.atom", "/api/v1/services"):
        forged = client.get(path, headers={"Host": "evil.example"})
        assert forged.status_code == 400, path
        assert "evil.example" not in forged.get_data(as_text=True)
        assert "Cache-Control" in forged.headers and forged.headers["Cache-Control"] == "no-store"
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert "evil.example" not in sitemap
    assert sitemap.count("<loc>http://localhost/") == sitemap.count("<loc>")


@pytest.fixture(params=[0, 1], ids=["no proxy", "behind ProxyFix"])
def aliased_app(request: pytest.FixtureRequest, make_app: AppFactory, tmp_path: Path) -> Flask:
    """The platform at CANONICAL, also answering to ALIAS, with or without one trusted reverse proxy."""
    return make_app(BASE_URL=CANONICAL, ALLOWED_HOSTS=[ALIAS], PROXY_COUNT=request.param, WTF_CSRF_ENABLED=False,
                    UPLOAD_FOLDER=str(tmp_path / "uploads"))  # fmt: skip


def test_exports_name_only_the_canonical_address_whatever_the_request_says(aliased_app: Flask) -> None:
    client = aliased_app.test_client()
    headers = {"Host": ALIAS, **FORGED}
    for path in ("/sitemap.xml", "/fr/feed.atom", "/ar/feed.atom", "/open-data/services.jsonld", "/robots.txt"):
        response = client.get(path, headers=headers)
        assert response.status_code == 200, path
        assert_only_canonical(response.get_data(as_text=True))
    page = client.get("/fr/services/voluntary-affiliation", headers=headers).get_data(as_text=True)
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None
    structured = json.loads(found.group(1))
    assert structured["url"] == f"{CANONICAL}/fr/services/voluntary-affiliation"


def test_the_applicants_email_and_receipt_link_to_the_canonical_address(aliased_app: Flask) -> None:
    client = aliased_app.test_client()
    body = {"locale": "fr", "answers": ANSWERS, "contact": CONTACT, "documents": DOCUMENTS}
    headers = {"Host": ALIAS, "Idempotency-Key": "canonical-address-test-0001", **FORGED}
    created = client.post("/api/v1/services/hiring-aid/dossiers", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    receipt = created.get_json()
    assert receipt["tracking_url"] == f"{CANONICAL}/fr/track/{receipt['reference']}"
    with aliased_app.app_context():
        email = db.session.scalar(select(OutboxMessage))
        assert email is not None and email.recipient == CONTACT["applicant_email"]
        assert f"{CANONICAL}/fr/track/{receipt['reference']}" in email.text
        assert_only_canonical(email.text)


def test_an_address_that_is_not_a_web_address_is_refused_at_start(make_app: AppFactory) -> None:
    from portal.config import ConfigError

    for wrong in ("e-services.example.dz", "ftp://e-services.example.dz", "https://"):
        with pytest.raises(ConfigError, match="PORTAL_BASE_URL"):
            make_app(migrate=False, BASE_URL=wrong)


def test_production_on_https_asks_browsers_for_https_only(make_app: AppFactory) -> None:
    """HSTS: one year, subdomains included, in production on an https address; never over a plain http one."""
    secure = make_app(ENV="production", BASE_URL=CANONICAL).test_client().get("/fr/")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    for settings in ({"ENV": "production", "BASE_URL": "http://127.0.0.1:8000"}, {"ENV": "development",
                     "BASE_URL": CANONICAL}):  # fmt: skip
        plain = make_app(migrate=False, **settings).test_client().get("/robots.txt")
        assert plain.status_code == 200 and "Strict-Transport-Security" not in plain.headers
