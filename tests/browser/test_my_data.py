"""My data's pages on a phone, in French and in Arabic: who saw my data, the second factor's enrolment (its QR
code), closing the account: each axe-clean and laid out in the language's direction."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page

from portal.accounts.models import EMAIL, Account
from portal.extensions import db
from portal.passwords import hash_password
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser
PASSWORD = "une phrase assez longue"


def make_account(app: Flask, identifier: str) -> None:
    with app.app_context():
        db.session.add(Account(identifier=identifier, channel=EMAIL, password_hash=hash_password(PASSWORD)))
        db.session.commit()


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_my_data_pages_are_accessible_in_both_directions(
    phone: Page, hosted_app: Flask, hosted_server: str, locale: str
) -> None:
    make_account(hosted_app, f"lecteur-{locale}@example.dz")
    phone.goto(f"{hosted_server}/{locale}/account/sign-in")
    phone.fill("#field-identifier", f"lecteur-{locale}@example.dz")
    phone.fill("#field-password", PASSWORD)
    phone.locator("form.narrow-form button[type=submit]").click()
    phone.wait_for_url(f"{hosted_server}/{locale}/my/")
    for path in ("my/accesses", "my/second-factor", "my/close"):
        phone.goto(f"{hosted_server}/{locale}/{path}")
        assert phone.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
        assert axe_violations(phone) == [], path
    phone.goto(f"{hosted_server}/{locale}/my/second-factor")
    assert phone.locator(".qr svg").count() == 1
    phone.goto(f"{hosted_server}/{locale}/my/close")
    phone.locator("form.narrow-form button[type=submit]").click()
    assert axe_violations(phone) == []  # the page with its error
    assert phone.locator("#field-password").get_attribute("aria-describedby") == "field-password-error"
