"""A certificate on a phone, in French and in Arabic: Amina downloads CNAS's certificate of affiliation from her
affiliation page, then anyone opens its /verify page, and a code typed wrong; each page axe-clean, in the
language's direction, with no sideways scroll."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page
from sqlalchemy import select

from portal.accounts import profile
from portal.accounts.models import Account
from portal.extensions import db
from tests.browser.conftest import serve
from tests.browser.test_funds import clean, link_on_phone, sign_in_on_phone, type_code_on_phone
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.certificates.conftest import write_key
from tests.services.test_certificates import NAMES, pdf_text

pytestmark = pytest.mark.browser


@pytest.fixture
def certifying(make_app: AppFactory, funds_sandbox: Sandbox, tmp_path: Path) -> Iterator[tuple[Flask, str]]:
    app = make_app(FUNDS_BASE_URL=funds_sandbox.url, CERTIFICATE_KEY_FILE=str(write_key(tmp_path / "key")))
    for server in serve(app):
        yield app, server


def name_holder(app: Flask, identifier: str, names: dict[str, str] = NAMES) -> None:
    """Write the account's names in its profile (a certificate bears them)."""
    with app.app_context():
        account = db.session.scalars(select(Account).where(Account.identifier == identifier)).one()
        for name, value in names.items():
            profile.record(account, name, value)
        db.session.commit()


def download_certificate(phone: Page) -> str:
    """Download the certificate the record page offers: its verification code, read from the PDF."""
    with phone.expect_download() as download:
        phone.locator("form.mt-4 button[type=submit]").click()
    text = pdf_text(Path(download.value.path()).read_bytes())
    return str(re.findall(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", text)[0])


def check_on_phone(phone: Page, server: str, locale: str, code: str) -> None:
    """Anyone opens the certificate's /verify page: authentic and valid."""
    phone.goto(f"{server}/{locale}/verify/{code}")
    assert phone.locator(".alert-success").count() == 1
    clean(phone, locale, "the certificate checked")


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_a_certificate_downloaded_and_checked_on_a_phone(
    phone: Page, certifying: tuple[Flask, str], funds_sandbox: Sandbox, locale: str
) -> None:
    app, server = certifying
    identifier = f"amina-{locale}@example.dz"
    sign_in_on_phone(phone, app, server, locale, identifier)
    name_holder(app, identifier)
    link_on_phone(phone, server, locale, "cnas", ("870314012345", "14", "3", "1987"))
    type_code_on_phone(phone, server, locale, funds_sandbox.last_code("+213550123456"))
    phone.goto(f"{server}/{locale}/my/funds/cnas/affiliation")
    clean(phone, locale, "the affiliation page with its certificate")
    code = download_certificate(phone)
    check_on_phone(phone, server, locale, code)
    phone.fill("#code", "ABCD-EFGH-JKLM")
    phone.locator("form button[type=submit]").last.click()
    phone.wait_for_url(f"{server}/{locale}/verify/ABCD-EFGH-JKLM")
    assert phone.locator(".alert-warning").count() == 1
    clean(phone, locale, "a code nobody was given")
