"""Request limits on the funds' pages that cost the most or tell the most, each from the settings: certificates
issued per account, codes checked at /verify per address (a public page: codes must not be tried by the thousand),
missing periods reported per account. Past the limit, the page says so in the reader's language, with Retry-After."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.certificates.conftest import write_key
from tests.services.cnr.test_career_page import _linked_client
from tests.services.test_certificates import AMINA, _linked

FRENCH, ARABIC = "Vous avez envoyé trop de requêtes", "عدد الطلبات كبير جدًا"


def _refused(response: TestResponse, text: str) -> None:
    assert response.status_code == 429
    assert text in response.get_data(as_text=True)
    assert 1 <= int(response.headers["Retry-After"]) <= 3600


@pytest.fixture
def limited(make_app: AppFactory, funds_sandbox: Sandbox, tmp_path: Path) -> Flask:
    return make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url, VERIFY_LIMIT="3 per minute",
                    CERTIFICATE_LIMIT="1 per hour", MISSING_PERIOD_LIMIT="2 per hour",
                    CERTIFICATE_KEY_FILE=str(write_key(tmp_path / "key")))  # fmt: skip


def test_codes_checked_from_one_address_are_limited(limited: Flask) -> None:
    anyone = limited.test_client()
    tried = [anyone.get(f"/fr/verify/AAAA-BBBB-CCC{letter}").status_code for letter in "DEF"]
    assert tried == [404, 404, 404]
    _refused(anyone.get("/ar/verify/AAAA-BBBB-CCCG"), ARABIC)  # another language is the same count
    elsewhere = limited.test_client().get("/fr/verify/AAAA-BBBB-CCCD", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert elsewhere.status_code == 404  # another address has its own count


def test_certificates_issued_per_account_are_limited(limited: Flask, funds_sandbox: Sandbox) -> None:
    client = _linked(limited, funds_sandbox, "cnas", AMINA, "amina-limit@example.dz")
    assert client.post("/fr/my/funds/cnas/certificates/affiliation").mimetype == "application/pdf"
    _refused(client.post("/fr/my/funds/cnas/certificates/affiliation"), FRENCH)


def test_missing_periods_reported_per_account_are_limited(limited: Flask, funds_sandbox: Sandbox) -> None:
    client = _linked_client(limited, funds_sandbox)
    report = "/fr/my/funds/cnr/career/gaps/0/report"
    assert [client.post(report, follow_steps=False).status_code for _ in range(2)] == [302, 302]
    _refused(client.post(report.replace("/fr/", "/ar/")), ARABIC)
