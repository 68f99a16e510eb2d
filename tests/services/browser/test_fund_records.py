"""The bundled funds' records in my space on a phone, in French and in Arabic, against the sandbox funds: a worker
near retirement reads CNR's career record, a non-salaried worker CASNOS's retirement account, a member abroad CNAS's
quarters, a building worker CACOBATPH's paid leave; each page axe-clean and laid out in the language's direction."""

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
PEOPLE = {  # fund -> the person's NSS, date of birth, the phone the fund holds, the page to read
    "cnr": (("651102004417", "2", "11", "1965"), "+213661234567", "career"),
    "casnos": (("790621033210", "21", "6", "1979"), "+213770112233", "retirement-account"),
    "cnas": (("850909044556", "9", "9", "1985"), "+33612345678", "contributions"),
    "cacobatph": (("870314012345", "14", "3", "1987"), "+213550123456", "paid-leave"),
}


@pytest.fixture
def bundled(make_app: AppFactory, funds_sandbox: Sandbox) -> Iterator[tuple[Flask, str]]:
    """The platform with the bundled bodies pointed at the sandbox funds, and its address on a real HTTP server."""
    app = make_app(FUNDS_BASE_URL=funds_sandbox.url)
    for server in serve(app):
        yield app, server


@pytest.mark.parametrize("locale", ["fr", "ar"])
@pytest.mark.parametrize("fund", list(PEOPLE))
def test_a_funds_record_on_a_phone(
    phone: Page, bundled: tuple[Flask, str], funds_sandbox: Sandbox, fund: str, locale: str
) -> None:
    app, server = bundled
    person, holds, page = PEOPLE[fund]
    sign_in_on_phone(phone, app, server, locale, f"{fund}-{locale}@example.dz")
    link_on_phone(phone, server, locale, fund, person)
    type_code_on_phone(phone, server, locale, funds_sandbox.last_code(holds))
    phone.goto(f"{server}/{locale}/my/funds/{fund}/{page}")
    assert phone.locator("p.data-date").count() == 1  # read live, dated
    clean(phone, locale, f"{fund} {page}")
