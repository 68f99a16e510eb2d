"""Signing in with the national identity in chromium, on a phone, in both languages: the button on the sign-in page,
the demo provider's own forms (panva's oidc-provider), my space after; a refused answer's page; each page axe-clean."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from playwright.sync_api import Page

from tests import oidc_provider
from tests.browser.conftest import axe_violations, serve
from tests.conftest import require
from tests.portal.accounts.identity.helpers import settings

pytestmark = pytest.mark.browser
BUTTON = {"ar": "تسجيل الدخول بالهوية الوطنية", "fr": "Se connecter avec l’identité nationale"}
SIGNED_IN = {"ar": "تم تسجيل دخولكم بهويتكم الوطنية.", "fr": "Vous êtes connecté avec votre identité nationale."}


@pytest.fixture
def identity_server(make_app: Callable[..., Flask]) -> Iterator[str]:
    """The platform on a real HTTP server, and the demo provider that sends the browser back to it."""
    require(oidc_provider.available(), "Node with oidc-provider (npm ci)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        base = f"http://127.0.0.1:{probe.getsockname()[1]}"
    with oidc_provider.running_provider(base) as issuer:
        yield from serve(make_app(BASE_URL=base, **settings(issuer)))


def _sign_in_at_provider(page: Page, login: str) -> None:
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.click("button[type=submit]")  # the consent


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_a_person_signs_in_with_the_national_identity_on_a_phone(phone: Page, identity_server: str, locale: str):
    phone.goto(f"{identity_server}/{locale}/account/sign-in")
    assert axe_violations(phone) == []
    phone.get_by_role("link", name=BUTTON[locale]).click()
    _sign_in_at_provider(phone, "amina")
    phone.wait_for_url(f"{identity_server}/{locale}/my/")
    assert SIGNED_IN[locale] in phone.content()
    assert axe_violations(phone) == []


def test_a_refused_answer_says_why_in_arabic(phone: Page, identity_server: str):
    phone.goto(f"{identity_server}/ar/account/sign-in")
    phone.get_by_role("link", name=BUTTON["ar"]).click()
    _sign_in_at_provider(phone, "broken")
    phone.wait_for_url(f"{identity_server}/ar/account/identity/return*")
    assert "رقم تعريفكم الوطني" in phone.get_by_role("alert").inner_text()
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert axe_violations(phone) == []
