"""CNR's career page on a phone, in French and in Arabic: the retirement estimate, then a gap reported, which opens
CNR's report with the gap's dates written in; each page axe-clean and in the language's direction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Page

from tests.browser.conftest import serve
from tests.browser.test_funds import clean, link_on_phone, sign_in_on_phone, type_code_on_phone
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox

pytestmark = pytest.mark.browser


@pytest.fixture
def cnr(make_app: AppFactory, funds_sandbox: Sandbox) -> Iterator[tuple[Flask, str]]:
    app = make_app(FUNDS_BASE_URL=funds_sandbox.url, TODAY="2026-12-01")
    for server in serve(app):
        yield app, server


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_the_estimate_and_a_gap_reported_on_a_phone(
    phone: Page, cnr: tuple[Flask, str], funds_sandbox: Sandbox, locale: str
) -> None:
    app, server = cnr
    sign_in_on_phone(phone, app, server, locale, f"karim-{locale}@example.dz")
    link_on_phone(phone, server, locale, "cnr", ("651102004417", "2", "11", "1965"))
    type_code_on_phone(phone, server, locale, funds_sandbox.last_code("+213661234567"))
    phone.goto(f"{server}/{locale}/my/funds/cnr/career")
    assert phone.locator(".estimate-box dd").count() == 5
    clean(phone, locale, "the career with its estimate")
    phone.locator(".career-gap button[type=submit]").first.click()
    phone.wait_for_url(f"{server}/{locale}/services/report-missing-period/apply/*/0")
    assert phone.input_value("#field-period_start-year") == "1995"
    assert phone.input_value("#field-period_end-year") == "1997"
    clean(phone, locale, "the report with the gap's dates")
