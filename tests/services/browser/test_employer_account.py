"""CACOBATPH's employer's account on a phone, in French and in Arabic: the owner of SARL Atlas Bâtiment, whom the
fund knows as declaring for it, reads its years and workers; axe-clean, in the language's direction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Page
from sqlalchemy import select

from portal.accounts import organisations
from portal.accounts.models import Account
from portal.extensions import db
from tests.browser.conftest import serve
from tests.browser.test_funds import clean, link_on_phone, sign_in_on_phone, type_code_on_phone
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.organisations_helpers import ORGANISATION

pytestmark = pytest.mark.browser


@pytest.fixture
def bundled(make_app: AppFactory, funds_sandbox: Sandbox) -> Iterator[tuple[Flask, str]]:
    app = make_app(FUNDS_BASE_URL=funds_sandbox.url)
    for server in serve(app):
        yield app, server


def own_atlas(app: Flask, identifier: str) -> None:
    """The account owns SARL Atlas Bâtiment as an organisation, with the number CACOBATPH gives it."""
    with app.app_context():
        account = db.session.scalars(select(Account).where(Account.identifier == identifier)).one()
        organisations.create(account, {**ORGANISATION, "cacobatph_number": "1600420042"})
        db.session.commit()


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_an_employers_account_on_a_phone(
    phone: Page, bundled: tuple[Flask, str], funds_sandbox: Sandbox, locale: str
) -> None:
    app, server = bundled
    identifier = f"karim-{locale}@example.dz"
    sign_in_on_phone(phone, app, server, locale, identifier)
    own_atlas(app, identifier)
    link_on_phone(phone, server, locale, "cacobatph", ("651102004417", "2", "11", "1965"))
    type_code_on_phone(phone, server, locale, funds_sandbox.last_code("+213661234567"))
    phone.goto(f"{server}/{locale}/my/funds/cacobatph/employers")
    assert phone.get_by_text("Omar Kaci").count() == 2  # in 2024 and in 2025
    clean(phone, locale, "the employer's account")
