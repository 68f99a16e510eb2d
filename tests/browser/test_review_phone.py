"""The back office's review pages on a phone (390 x 844) in Arabic: the audit log and the editors' home read in
Arabic, without sideways scrolling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, expect

from tests.browser.conftest import axe_violations, serve
from tests.browser.test_backoffice import sign_in
from tests.browser.test_dashboard import PHONE, SIDEWAYS
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user

pytestmark = pytest.mark.browser


@pytest.fixture
def office_app(make_app: AppFactory) -> Flask:
    return make_app()


@pytest.fixture
def office_server(office_app: Flask) -> Iterator[str]:
    yield from serve(office_app)


def test_the_audit_log_and_the_editors_home_in_arabic_on_a_phone(
    browser: Browser, office_app: Flask, office_server: str
) -> None:
    admin = create_user(office_app, "ministry_admin", "mintest")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    page = context.new_page()
    sign_in(page, office_server, admin.email, admin.totp_secret)
    page.goto(f"{office_server}/ar/backoffice/audit")
    expect(page.get_by_role("cell", name="تسجيل الدخول", exact=True).first).to_be_visible()
    assert page.get_by_role("cell", name="sign_in").count() == 0
    assert page.evaluate(SIDEWAYS) <= 0
    assert axe_violations(page) == []
    page.goto(f"{office_server}/ar/backoffice/")
    expect(page.get_by_role("columnheader", name="الفرنسية")).to_be_visible()
    assert page.evaluate(SIDEWAYS) <= 0
    assert axe_violations(page) == []
    context.close()
