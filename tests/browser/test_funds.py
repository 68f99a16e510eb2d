"""My records at the funds on a phone, in French and in Arabic, against the sandbox funds: the list, the link form
(with its errors), the code sent by the fund, the career record, and the same page kept while the fund is down; each
axe-clean and laid out in the language's direction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations, serve
from tests.browser.test_my_data import PASSWORD, make_account
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox

pytestmark = pytest.mark.browser
AMINA_PHONE = "+213550123456"


@pytest.fixture
def funds_app(make_app: AppFactory, funds_sandbox: Sandbox) -> Flask:
    return make_app(FUND_URLS={"demo": funds_sandbox.fund_url("cnr")}, CONNECTOR_TIMEOUT=1.0)


@pytest.fixture
def funds_server(funds_app: Flask) -> Iterator[str]:
    yield from serve(funds_app)


def clean(phone: Page, locale: str, what: str) -> None:
    assert phone.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr"), what
    assert axe_violations(phone) == [], what
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), what  # no sideways scroll


def sign_in_on_phone(phone: Page, app: Flask, server: str, locale: str, identifier: str) -> None:
    make_account(app, identifier)
    phone.goto(f"{server}/{locale}/account/sign-in")
    phone.fill("#field-identifier", identifier)
    phone.fill("#field-password", PASSWORD)
    phone.locator("form.narrow-form button[type=submit]").click()
    phone.wait_for_url(f"{server}/{locale}/my/")


def link_on_phone(phone: Page, server: str, locale: str, fund: str, person: tuple[str, str, str, str]) -> None:
    """Type the NSS and the date of birth (``person``: NSS, day, month, year) on the fund's link page."""
    phone.goto(f"{server}/{locale}/my/funds/{fund}/link")
    for selector, value in zip(("#field-nss", "#field-birth_date", "#field-birth_date-month",
                                "#field-birth_date-year"), person, strict=True):  # fmt: skip
        phone.fill(selector, value)
    phone.locator("form.narrow-form button[type=submit]").click()
    phone.wait_for_url(f"{server}/{locale}/my/funds/{fund}/code")


def type_code_on_phone(phone: Page, server: str, locale: str, code: str) -> None:
    phone.fill("#field-code", code)
    phone.locator("form.narrow-form button[type=submit]").click()
    phone.wait_for_url(f"{server}/{locale}/my/funds/")


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_linking_and_reading_the_career_on_a_phone(
    phone: Page, funds_app: Flask, funds_server: str, funds_sandbox: Sandbox, locale: str
) -> None:
    sign_in_on_phone(phone, funds_app, funds_server, locale, f"amina-{locale}@example.dz")
    phone.goto(f"{funds_server}/{locale}/my/funds/")
    clean(phone, locale, "the list")
    phone.locator("a.btn-primary").first.click()
    phone.locator("form.narrow-form button[type=submit]").click()  # nothing typed
    clean(phone, locale, "the link form with its errors")
    link_on_phone(phone, funds_server, locale, "demo", ("870314012345", "14", "3", "1987"))
    clean(phone, locale, "the code page")
    type_code_on_phone(phone, funds_server, locale, funds_sandbox.last_code(AMINA_PHONE))
    phone.goto(f"{funds_server}/{locale}/my/funds/demo/career")
    assert phone.locator(".career-gap").count() == 1
    clean(phone, locale, "the career")
    funds_sandbox.fault("cnr", "error")
    phone.reload()
    assert phone.locator(".alert.data-date").count() == 1
    clean(phone, locale, "the career kept while the fund is down")
