"""The consent page an app sends a citizen to, and my apps, on a phone in French and in Arabic: each axe-clean, laid
out in the language's direction, its buttons a thumb can reach; allowing it sends the browser back to the app (the
page's Content-Security-Policy lets its form lead there)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from playwright.sync_api import Page, Request

from tests.browser.conftest import axe_violations
from tests.browser.test_my_data import PASSWORD, make_account
from tests.portal.accounts.oauth_helpers import Flow, register_app

pytestmark = pytest.mark.browser
REDIRECT = "https://ecnac.cnac.dz/oauth/callback"  # an address the app claims; nothing answers it here


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_the_consent_page_and_my_apps_on_a_phone(phone: Page, hosted_app: Flask, hosted_server: str,
                                                 locale: str) -> None:  # fmt: skip
    make_account(hosted_app, f"mobile-{locale}@example.dz")
    flow = Flow(register_app(hosted_app, redirect_uri=REDIRECT), redirect_uri=REDIRECT, locale=locale)
    phone.goto(hosted_server + flow.authorize_path())
    phone.fill("#field-identifier", f"mobile-{locale}@example.dz")  # signing in first, then back to the app's request
    phone.fill("#field-password", PASSWORD)
    phone.locator("form.narrow-form button[type=submit]").click()
    phone.wait_for_selector(".consent-form")
    assert phone.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    assert phone.locator(".consent-scopes li").count() == 3
    assert axe_violations(phone) == []
    allow = phone.locator(".consent-form button[value=allow]").bounding_box()
    assert allow is not None and allow["width"] > 300 and allow["height"] >= 38  # the whole width of a phone

    sent_back: list[str] = []

    def to_the_app(request: Request) -> None:
        if request.url.startswith(REDIRECT):
            sent_back.append(request.url)

    phone.on("request", to_the_app)
    phone.route(REDIRECT + "*", lambda route: route.fulfill(status=200, body="app"))
    phone.locator(".consent-form button[value=allow]").click()
    phone.wait_for_url(REDIRECT + "*")
    assert sent_back and f"state={flow.state}" in sent_back[0]
    code = parse_qs(urlsplit(sent_back[0]).query)["code"][0]
    assert flow.exchange(hosted_app.test_client(), code).status_code == 200  # the app takes its token

    phone.goto(f"{hosted_server}/{locale}/my/apps")
    assert phone.locator(".service-card h2").inner_text() == "e-CNAC"
    assert axe_violations(phone) == []
    phone.locator(".service-card button[type=submit]").click()
    phone.wait_for_selector(".alert-success")
    assert phone.locator(".service-card").count() == 0
    assert axe_violations(phone) == []
