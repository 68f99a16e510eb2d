"""The three demo people of the sandbox funds on a phone, one journey each through the platform and the funds'
systems: Karim, a pensioner-to-be, in Arabic (CNR: sign in, link, read his career; his CNAS certificate downloaded
and checked at /verify; a missing period reported), Samia, a non-salaried worker, in French (CASNOS: link, read her
retirement account, her certificate of being up to date, checked), and Karim as the employer of SARL Atlas Bâtiment,
in French, with an account of his own (CACOBATPH: the employer's account, then the declaration simulation started
from last year's). Each page axe-clean, in its language's direction, with no sideways scroll."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve
from tests.browser.test_funds import clean, link_on_phone, sign_in_on_phone, type_code_on_phone
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.certificates.conftest import write_key
from tests.services.browser.test_certificates import check_on_phone, download_certificate, name_holder
from tests.services.browser.test_employer_account import own_atlas
from tests.services.browser.test_fund_records import PEOPLE

pytestmark = pytest.mark.browser
KARIM = {"given_names_latin": "Karim", "family_name_latin": "Haddad", "given_names_ar": "كريم",
         "family_name_ar": "حداد"}  # fmt: skip
SAMIA = {"given_names_latin": "Samia", "family_name_latin": "Khelifi", "given_names_ar": "سامية",
         "family_name_ar": "خليفي"}  # fmt: skip
# fund -> the person's NSS, date of birth and the phone the fund holds (Karim's CNR ones are the records' tests')
KARIM_AT = {"cnr": PEOPLE["cnr"][:2], "cnas": (("651102004417", "2", "11", "1965"), "+213661234567"),
            "cacobatph": (("651102004417", "2", "11", "1965"), "+213661234567")}  # fmt: skip
SAMIA_AT = (("820415055667", "15", "4", "1982"), "+213771445566")


@pytest.fixture
def funds(make_app: AppFactory, funds_sandbox: Sandbox, tmp_path: Path) -> Iterator[tuple[Flask, str]]:
    app = make_app(FUNDS_BASE_URL=funds_sandbox.url, TODAY="2026-12-01",
                   CERTIFICATE_KEY_FILE=str(write_key(tmp_path / "key")))  # fmt: skip
    for server in serve(app):
        yield app, server


def linked(phone: Page, server: str, sandbox: Sandbox, locale: str, fund: str,
           person: tuple[tuple[str, str, str, str], str]) -> None:  # fmt: skip
    """Link the signed-in account to the person's records at ``fund`` with the code the fund sent."""
    link_on_phone(phone, server, locale, fund, person[0])
    type_code_on_phone(phone, server, locale, sandbox.last_code(person[1]))


def the_pensioner_to_be(phone: Page, app: Flask, server: str, sandbox: Sandbox, locale: str) -> None:
    sign_in_on_phone(phone, app, server, locale, "karim@example.dz")
    name_holder(app, "karim@example.dz", KARIM)
    linked(phone, server, sandbox, locale, "cnr", KARIM_AT["cnr"])
    phone.goto(f"{server}/{locale}/my/funds/cnr/career")
    expect(phone.locator(".career-gap")).to_have_count(1)
    clean(phone, locale, "the career")
    linked(phone, server, sandbox, locale, "cnas", KARIM_AT["cnas"])
    phone.goto(f"{server}/{locale}/my/funds/cnas/affiliation")
    check_on_phone(phone, server, locale, download_certificate(phone))
    phone.goto(f"{server}/{locale}/my/funds/cnr/career")
    phone.locator(".career-gap button[type=submit]").first.click()
    phone.wait_for_url(f"{server}/{locale}/services/report-missing-period/apply/*/0")
    assert phone.input_value("#field-period_start-year") == "1995"
    clean(phone, locale, "the missing period's report")


def the_non_salaried_worker(phone: Page, app: Flask, server: str, sandbox: Sandbox, locale: str) -> None:
    sign_in_on_phone(phone, app, server, locale, "samia@example.dz")
    name_holder(app, "samia@example.dz", SAMIA)
    linked(phone, server, sandbox, locale, "casnos", SAMIA_AT)
    phone.goto(f"{server}/{locale}/my/funds/casnos/retirement-account")
    clean(phone, locale, "the retirement account")
    check_on_phone(phone, server, locale, download_certificate(phone))


def the_employer(phone: Page, app: Flask, server: str, sandbox: Sandbox, locale: str) -> None:
    sign_in_on_phone(phone, app, server, locale, "atlas@example.dz")
    own_atlas(app, "atlas@example.dz")
    linked(phone, server, sandbox, locale, "cacobatph", KARIM_AT["cacobatph"])
    phone.goto(f"{server}/{locale}/my/funds/cacobatph/employers")
    expect(phone.get_by_text("Omar Kaci")).to_have_count(2)
    clean(phone, locale, "the employer's account")
    phone.get_by_role("button", name="Simuler la déclaration 2026 à partir de celle de l’an dernier").click()
    phone.wait_for_url(f"{server}/{locale}/services/annual-declaration-simulation/apply/*/0")
    assert "900415077881;Omar Kaci;12;411840,00" in phone.input_value("#field-wages")
    assert phone.input_value("#field-year") == "2026"
    clean(phone, locale, "the simulation started from last year's")
    phone.get_by_label("Liste des salaires").fill("870314012345;Amina Benali;12;511680,00")  # Omar left
    phone.get_by_role("button", name="Continuer").click()
    expect(phone.locator(".list-preview").get_by_role("heading")).to_have_text("Liste des salaires : 1 travailleur")
    clean(phone, locale, "the simulation computed")


def test_three_demo_people_through_their_funds_on_a_phone(
    phone: Page, funds: tuple[Flask, str], funds_sandbox: Sandbox
) -> None:
    app, server = funds
    the_pensioner_to_be(phone, app, server, funds_sandbox, "ar")
    phone.context.clear_cookies()
    the_non_salaried_worker(phone, app, server, funds_sandbox, "fr")
    phone.context.clear_cookies()
    the_employer(phone, app, server, funds_sandbox, "fr")
